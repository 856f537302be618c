// POST /v1/proposals: verify the signature, refuse replays, parse, then ingest. Thin by design.

import { formSpec } from '../shared/definitions/form-spec';
import { parseSubmission } from '../shared/ingest/ingest';
import { DomainError } from '../shared/platform/errors';
import { makeDocumentClient } from './adapters/aws-clients';
import { DynamoProposalStore } from './adapters/dynamodb-proposal-store';
import type { SecretSource } from './adapters/secrets';
import { authenticate, secretSource } from './auth';
import { lazy, readConfig } from './config';
import { json, rawBody, withErrors } from './http';
import type { ReplayGuard } from './ports/replay-guard';
import { type IngestDeps, ingestSubmission } from './services/ingest-service';

export interface IngestHandlerDeps extends IngestDeps {
  /** The proposal store, also guarding against replays (one table). */
  store: IngestDeps['store'] & ReplayGuard;
  secrets: SecretSource;
  /** Until when v1 signatures are accepted (default: V1_ACCEPTED_UNTIL_DEFAULT). */
  signatureV1Until?: Date;
}

export function createIngestHandler(deps: () => IngestHandlerDeps) {
  return withErrors(async (event) => {
    const d = deps();
    const body = rawBody(event);
    const now = d.now();
    await authenticate(event, body, d.secrets, d.store, now, d.signatureV1Until);
    const submission = parseSubmission(body);
    const outcome = await ingestSubmission(d, submission);
    if (!outcome.valid) {
      // Stored with its issues (nothing is dropped); 422 tells the client not to resend.
      throw new DomainError(
        'invalid_proposal',
        { id: 'Usulan disimpan tetapi belum valid', en: 'Proposal stored but not valid yet' },
        { ...outcome, stored: true },
      );
    }
    return json(outcome.result === 'create' ? 201 : 200, outcome);
  });
}

const production = lazy((): IngestHandlerDeps => {
  const config = readConfig();
  const store = new DynamoProposalStore(makeDocumentClient(config), config.tableName);
  return {
    store,
    secrets: secretSource(config),
    signatureV1Until: config.signatureV1Until,
    spec: formSpec(config.round),
    round: config.round,
    now: () => new Date(),
  };
});

export const handler = createIngestHandler(production);
