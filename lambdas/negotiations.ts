// POST /v1/negotiations: negotiation-tab edits and agency-form answers (signed), one result per edit;
// focal points may come along (recorded, counted, never answered back).
import { parseNegotiationEdits, sheetSnapshot } from '../shared/negotiation/negotiation-api';
import { makeDocumentClient } from './adapters/aws-clients';
import { DynamoNegotiationStore } from './adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from './adapters/dynamodb-proposal-store';
import type { SecretSource } from './adapters/secrets';
import { authenticate, secretSource } from './auth';
import { lazy, readConfig } from './config';
import { json, rawBody, withErrors } from './http';
import type { ReplayGuard } from './ports/replay-guard';
import {
  applyNegotiationEdits,
  listRoundNegotiations,
  type NegotiationsDeps,
  saveFocalPoints,
} from './services/negotiations-service';

export interface NegotiationsHandlerDeps extends NegotiationsDeps {
  nonces: ReplayGuard;
  secrets: SecretSource;
  /** Until when v1 signatures are accepted (default: V1_ACCEPTED_UNTIL_DEFAULT). */
  signatureV1Until?: Date;
}

export function createNegotiationsHandler(deps: () => NegotiationsHandlerDeps) {
  return withErrors(async (event) => {
    const d = deps();
    const body = rawBody(event);
    await authenticate(event, body, d.secrets, d.nonces, d.now(), d.signatureV1Until);
    const { edits, focalPoints, list } = parseNegotiationEdits(body);
    const recorded = await saveFocalPoints(d, focalPoints ?? []);
    const results = await applyNegotiationEdits(d, edits);
    return json(200, {
      results,
      focalPoints: recorded,
      ...(list ? { negotiations: (await listRoundNegotiations(d)).map(sheetSnapshot) } : {}),
    });
  });
}

const production = lazy((): NegotiationsHandlerDeps => {
  const config = readConfig();
  const doc = makeDocumentClient(config);
  const proposals = new DynamoProposalStore(doc, config.tableName);
  return {
    negotiations: new DynamoNegotiationStore(doc, config.tableName),
    rounds: proposals,
    nonces: proposals,
    secrets: secretSource(config),
    signatureV1Until: config.signatureV1Until,
    round: config.round,
    now: () => new Date(),
  };
});

export const handler = createNegotiationsHandler(production);
