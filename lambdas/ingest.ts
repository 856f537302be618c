// POST /v1/proposals: verify the signature, refuse replays, parse, then ingest. Thin by design.
import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../shared/errors';
import { formSpec } from '../shared/form-spec';
import { SIGNATURE_WINDOW_SECONDS, verifyRequest } from '../shared/signing';
import { parseSubmission } from '../shared/submission';
import { makeDocumentClient, makeSsmClient } from './adapters/aws-clients';
import { DynamoProposalStore } from './adapters/dynamodb-proposal-store';
import type { ProposalStore } from './adapters/proposal-store';
import { plainSecret, type SecretSource, ssmSecrets } from './adapters/secrets';
import { lazy, readConfig } from './config';
import { json, rawBody, withErrors } from './http';
import { type IngestDeps, ingestSubmission } from './ingest-service';

export const hmacSha256Hex = (key: string, message: string) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex');

export interface IngestHandlerDeps extends IngestDeps {
  secrets: SecretSource;
}

/** Verifies the HMAC headers and records the signature so the same request cannot be played twice. */
export async function authenticate(
  event: APIGatewayProxyEventV2,
  body: string,
  secrets: SecretSource,
  store: ProposalStore,
  now: Date,
): Promise<void> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const result = verifyRequest({
    headers: event.headers ?? {},
    rawBody: body,
    nowSeconds,
    secrets: await secrets(),
    hmac: hmacSha256Hex,
  });
  if (!result.ok) {
    const why = {
      missing: { id: 'Tanda tangan permintaan tidak ada', en: 'Request signature is missing' },
      malformed: { id: 'Format tanda tangan tidak valid', en: 'Request signature is malformed' },
      expired: { id: 'Stempel waktu di luar batas 300 detik', en: 'Timestamp is outside the 300 s window' },
      mismatch: { id: 'Tanda tangan tidak cocok', en: 'Signature does not match' },
    }[result.reason];
    throw new DomainError('unauthorized', why, { reason: result.reason });
  }
  const fresh = await store.claimNonce(result.signature, result.timestamp + 2 * SIGNATURE_WINDOW_SECONDS);
  if (!fresh) {
    throw new DomainError('replayed', {
      id: 'Permintaan ini sudah pernah diterima',
      en: 'This request was already received (replay)',
    });
  }
}

export function createIngestHandler(deps: () => IngestHandlerDeps) {
  return withErrors(async (event) => {
    const d = deps();
    const body = rawBody(event);
    const now = d.now();
    await authenticate(event, body, d.secrets, d.store, now);
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
  let secrets: SecretSource;
  if (config.signingSecretParameters.length)
    secrets = ssmSecrets(makeSsmClient(), config.signingSecretParameters);
  else if (config.signingSecretPlain) secrets = plainSecret(config.signingSecretPlain);
  else throw new Error('Invalid configuration: set SIGNING_SECRET_PARAMETERS (or SIGNING_SECRET locally)');
  return { store, secrets, spec: formSpec(config.round), round: config.round, now: () => new Date() };
});

export const handler = createIngestHandler(production);
