// Scheduled reconcile: pulls the review spreadsheet (review and negotiation tabs) and the form through the Google APIs and applies
// what push missed (see reconcile-service.ts).
import { formSpec } from '../shared/definitions/form-spec';
import { makeDocumentClient, ssmOptions } from './adapters/aws-clients';
import { DynamoNegotiationStore } from './adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from './adapters/dynamodb-proposal-store';
import { googleAuthFromJson } from './adapters/google/google-auth';
import { GoogleFormResponses } from './adapters/google/google-forms';
import { GoogleReviewSheet } from './adapters/google/google-sheets';
import { getParameters } from './adapters/ssm-parameters';
import { type LambdaConfig, readConfig } from './config';
import { log } from './log';
import { type ReconcileDeps, type ReconcileReport, reconcile } from './services/reconcile-service';

/** What a run did: reconciled, or nothing because the stage does not know its spreadsheet yet. */
export type ReconcileOutcome = ReconcileReport | NotConfigured;
export interface NotConfigured {
  notConfigured: string[];
}

/**
 * Until setup has made the review spreadsheet and its id reached the stage (docs/deploy.md), reconcile has
 * nothing to read: it says so and ends cleanly, so the schedule raises no error alarm every 15 minutes.
 */
export function createReconcileHandler(deps: () => Promise<ReconcileDeps | NotConfigured>) {
  return async (): Promise<ReconcileOutcome> => {
    const ready = await deps();
    if ('notConfigured' in ready) {
      log.info('reconcile not configured yet', {
        missing: ready.notConfigured,
        hint: 'set reviewSpreadsheetId (and formId) in cocreate.stage.<stage>.json, then cocreate deploy',
      });
      return ready;
    }
    const report = await reconcile(ready);
    log.info('reconcile', { ...report });
    return report;
  };
}

async function serviceAccountJson(config: LambdaConfig): Promise<string> {
  if (config.googleCredentialsJson) return config.googleCredentialsJson;
  if (!config.googleCredentialsParameter) {
    throw new Error(
      'Invalid configuration: set GOOGLE_CREDENTIALS_PARAMETER (or GOOGLE_CREDENTIALS locally)',
    );
  }
  const byName = await getParameters([config.googleCredentialsParameter], ssmOptions());
  const value = byName.get(config.googleCredentialsParameter);
  if (!value) throw new Error(`Parameter ${config.googleCredentialsParameter} is missing`);
  return value;
}

let cached: Promise<ReconcileDeps | NotConfigured> | undefined;

function production(): Promise<ReconcileDeps | NotConfigured> {
  cached ??= (async () => {
    const config = readConfig();
    if (!config.reviewSpreadsheetId) return { notConfigured: ['REVIEW_SPREADSHEET_ID'] };
    const auth = googleAuthFromJson(await serviceAccountJson(config));
    const google = { auth, ...(config.googleApiRootUrl ? { rootUrl: config.googleApiRootUrl } : {}) };
    const doc = makeDocumentClient(config);
    const sheet = new GoogleReviewSheet(config.reviewSpreadsheetId, google);
    return {
      store: new DynamoProposalStore(doc, config.tableName),
      sheet,
      negotiations: new DynamoNegotiationStore(doc, config.tableName),
      negotiationSheet: sheet,
      ...(config.formId ? { form: new GoogleFormResponses(config.formId, google) } : {}),
      spec: formSpec(config.round),
      round: config.round,
      now: () => new Date(),
    };
  })();
  return cached;
}

export const handler = createReconcileHandler(production);
