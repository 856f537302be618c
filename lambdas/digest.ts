// The digest: weekly on a schedule (once per period and audience: the secretariat and each working group
// with contacts), or now through the signed POST /v1/digest (the "send digest now" menu item), which sends
// even if this period's digest already went out.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DomainError } from '../shared/platform/errors';
import { makeDocumentClient, sesOptions } from './adapters/aws-clients';
import { DynamoNegotiationStore } from './adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from './adapters/dynamodb-proposal-store';
import type { SecretSource } from './adapters/secrets';
import { SesMailer } from './adapters/ses-mailer';
import { authenticate, secretSource } from './auth';
import { lazy, readConfig } from './config';
import { json, rawBody, withErrors } from './http';
import { log } from './log';
import type { ReplayGuard } from './ports/replay-guard';
import { type DigestDeps, DigestSendError, sendDigest } from './services/digest-service';

export interface DigestEvent {
  /** Send even if this period's digest was already sent. */
  force?: boolean;
  lang?: 'id' | 'en';
}

export interface DigestHandlerDeps extends DigestDeps {
  store: DigestDeps['store'] & ReplayGuard;
  secrets: SecretSource;
  /** Until when v1 signatures are accepted (default: V1_ACCEPTED_UNTIL_DEFAULT). */
  signatureV1Until?: Date;
}

const isHttp = (event: unknown): event is APIGatewayProxyEventV2 =>
  typeof event === 'object' && event !== null && 'requestContext' in event && 'rawPath' in event;

export function createDigestHandler(deps: () => DigestHandlerDeps) {
  const http = withErrors(async (event) => {
    const d = deps();
    const body = rawBody(event);
    await authenticate(event, body, d.secrets, d.store, d.now(), d.signatureV1Until);
    let lang: unknown;
    try {
      lang = body ? (JSON.parse(body) as { lang?: unknown }).lang : undefined;
    } catch {
      throw new DomainError('malformed', {
        id: 'Isi permintaan bukan JSON yang valid',
        en: 'Body is not valid JSON',
      });
    }
    if (lang !== undefined && lang !== 'id' && lang !== 'en') {
      throw new DomainError('malformed', { id: 'lang harus id atau en', en: 'lang must be id or en' });
    }
    try {
      return json(200, await sendDigest(d, { force: true, ...(lang ? { lang } : {}) }));
    } catch (e) {
      // Some recipients got it and some did not: say which, rather than a bare 500.
      if (!(e instanceof DigestSendError)) throw e;
      return json(502, { error: { code: 'send_failed', message: e.message, details: e.outcome } });
    }
  });
  return async (event: DigestEvent | APIGatewayProxyEventV2 | undefined) => {
    if (isHttp(event)) return http(event);
    const scheduled = (event ?? {}) as DigestEvent;
    const lang = scheduled.lang === 'id' || scheduled.lang === 'en' ? scheduled.lang : undefined;
    try {
      const outcome = await sendDigest(deps(), {
        force: scheduled.force === true,
        ...(lang ? { lang } : {}),
      });
      log.info('digest', { ...outcome });
      return outcome;
    } catch (e) {
      // The sends that worked keep their claims; rethrowing lets the scheduler retry only the failed ones.
      if (e instanceof DigestSendError) {
        log.error('digest send failed', { ...e.outcome });
      }
      throw e;
    }
  };
}

const production = lazy((): DigestHandlerDeps => {
  const config = readConfig();
  if (!config.digestFrom || config.digestTo.length === 0) {
    throw new Error('Invalid configuration: DIGEST_FROM and DIGEST_TO must be set');
  }
  const doc = makeDocumentClient(config);
  return {
    store: new DynamoProposalStore(doc, config.tableName),
    negotiations: new DynamoNegotiationStore(doc, config.tableName),
    ...(config.agencyFormLink ? { agencyFormLink: config.agencyFormLink } : {}),
    mailer: new SesMailer(sesOptions(config)),
    secrets: secretSource(config),
    signatureV1Until: config.signatureV1Until,
    round: config.round,
    from: config.digestFrom,
    to: config.digestTo,
    now: () => new Date(),
  };
});

export const handler = createDigestHandler(production);
