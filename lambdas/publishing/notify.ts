// Proposer notifications, on a schedule: each decision and each ended negotiation is emailed once to the
// proposal's contact (read here, where the secretariat's data lives) through SES.
import { makeDocumentClient, sesOptions } from '../adapters/aws-clients';
import { DynamoNegotiationStore } from '../adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../adapters/dynamodb-proposal-store';
import { DynamoNotificationLedger } from '../adapters/notification-ledger';
import { SesMailer } from '../adapters/ses-mailer';
import { lazy, readConfig } from '../config';
import { log } from '../log';
import { type NotifyDeps, notifyProposers } from '../services/notify-service';

export function createNotifyHandler(deps: () => NotifyDeps) {
  return async () => {
    const outcome = await notifyProposers(deps());
    // Keys and counts only: never an address.
    log.info('notify', {
      due: outcome.due,
      sent: outcome.sent.length,
      alreadySent: outcome.alreadySent,
      failed: outcome.failed.map((f) => f.key),
    });
    return { ...outcome, sent: outcome.sent.map((s) => s.key) };
  };
}

const production = lazy((): NotifyDeps => {
  const config = readConfig();
  if (!config.digestFrom || !config.publicSiteUrl) {
    throw new Error('Invalid configuration: DIGEST_FROM and PUBLIC_SITE_URL must be set');
  }
  const doc = makeDocumentClient(config);
  return {
    store: new DynamoProposalStore(doc, config.tableName),
    negotiations: new DynamoNegotiationStore(doc, config.tableName),
    ledger: new DynamoNotificationLedger(doc, config.tableName),
    mailer: new SesMailer(sesOptions(config)),
    round: config.round,
    from: config.digestFrom,
    siteUrl: config.publicSiteUrl,
    now: () => new Date(),
  };
});

export const handler = createNotifyHandler(production);
