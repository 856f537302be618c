// Signed requests: verify the HMAC headers and refuse replays. Used by every signed route.
import { createHmac } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../shared/platform/errors';
import {
  SIGNATURE_WINDOW_SECONDS,
  type SignedTarget,
  V1_ACCEPTED_UNTIL_DEFAULT,
  verifyRequest,
} from '../shared/platform/signing';
import { ssmOptions } from './adapters/aws-clients';
import { plainSecret, type SecretSource, ssmSecrets } from './adapters/secrets';
import type { LambdaConfig } from './config';
import type { ReplayGuard } from './ports/replay-guard';

export const hmacSha256Hex = (key: string, message: string) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex');

/** Verifies the HMAC headers and records the signature so the same request cannot be played twice. */
export async function authenticate(
  event: APIGatewayProxyEventV2,
  body: string,
  secrets: SecretSource,
  nonces: ReplayGuard,
  now: Date,
  /** Until when v1 signatures (timestamp and body only) are accepted: the clients' rotation window. */
  v1AcceptedUntil: Date = new Date(V1_ACCEPTED_UNTIL_DEFAULT),
): Promise<void> {
  const result = verifyRequest({
    headers: event.headers ?? {},
    rawBody: body,
    nowSeconds: Math.floor(now.getTime() / 1000),
    secrets: await secrets(),
    hmac: hmacSha256Hex,
    target: signedTarget(event),
    v1AcceptedUntil: Math.floor(v1AcceptedUntil.getTime() / 1000),
  });
  if (!result.ok) {
    const why = {
      missing: { id: 'Tanda tangan permintaan tidak ada', en: 'Request signature is missing' },
      malformed: { id: 'Format tanda tangan tidak valid', en: 'Request signature is malformed' },
      expired: {
        id: `Stempel waktu di luar batas ${SIGNATURE_WINDOW_SECONDS} detik`,
        en: `Timestamp is outside the ${SIGNATURE_WINDOW_SECONDS} s window`,
      },
      mismatch: { id: 'Tanda tangan tidak cocok', en: 'Signature does not match' },
      v1_retired: {
        id: 'Tanda tangan v1 tidak diterima lagi: perbarui klien agar mengirim v2 (metode dan path ikut ditandatangani)',
        en: 'v1 signatures are no longer accepted: update the client to send v2 (method and path signed too)',
      },
    }[result.reason];
    throw new DomainError('unauthorized', why, { reason: result.reason });
  }
  const fresh = await nonces.claimNonce(result.signature, result.timestamp + 2 * SIGNATURE_WINDOW_SECONDS);
  if (!fresh) {
    throw new DomainError('replayed', {
      id: 'Permintaan ini sudah pernah diterima',
      en: 'This request was already received (replay)',
    });
  }
}

/**
 * The route a request arrived on, as clients sign it: the method and the route's path (from the route key,
 * so a stage or a custom domain's base path in front of it does not matter), falling back to the raw path.
 */
export function signedTarget(event: APIGatewayProxyEventV2): SignedTarget {
  const [routeMethod, routePath] = (event.routeKey ?? '').split(' ');
  const method = event.requestContext?.http?.method ?? routeMethod ?? '';
  const templated = !routePath?.startsWith('/') || routePath.includes('{');
  const path = templated ? (event.rawPath ?? event.requestContext?.http?.path ?? '') : (routePath ?? '');
  return { method, path };
}

/** SSM in AWS, the plain env value on the local stack; fails fast when neither is configured. */
export function secretSource(config: LambdaConfig): SecretSource {
  if (config.signingSecretParameters.length) return ssmSecrets(ssmOptions(), config.signingSecretParameters);
  if (config.signingSecretPlain) return plainSecret(config.signingSecretPlain);
  throw new Error('Invalid configuration: set SIGNING_SECRET_PARAMETERS (or SIGNING_SECRET locally)');
}
