// Scheduled digest: emails the secretariat the consolidated status once per week (see digest-service).
import { makeDocumentClient, makeSesClient } from './adapters/aws-clients';
import { DynamoProposalStore } from './adapters/dynamodb-proposal-store';
import { SesMailer } from './adapters/ses-mailer';
import { lazy, readConfig } from './config';
import { type DigestDeps, sendDigest } from './digest-service';

export interface DigestEvent {
  /** Send even if this period's digest was already sent (the "send now" menu item and CLI). */
  force?: boolean;
  lang?: 'id' | 'en';
}

export function createDigestHandler(deps: () => DigestDeps) {
  return async (event: DigestEvent | undefined) => {
    const outcome = await sendDigest(deps(), {
      force: event?.force === true,
      ...(event?.lang ? { lang: event.lang } : {}),
    });
    console.log(JSON.stringify({ level: 'info', msg: 'digest', ...outcome }));
    return outcome;
  };
}

const production = lazy((): DigestDeps => {
  const config = readConfig();
  if (!config.digestFrom || config.digestTo.length === 0) {
    throw new Error('Invalid configuration: DIGEST_FROM and DIGEST_TO must be set');
  }
  return {
    store: new DynamoProposalStore(makeDocumentClient(config), config.tableName),
    mailer: new SesMailer(makeSesClient(config)),
    round: config.round,
    from: config.digestFrom,
    to: config.digestTo,
    now: () => new Date(),
  };
});

export const handler = createDigestHandler(production);
