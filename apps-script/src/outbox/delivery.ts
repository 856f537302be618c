// Signs a request body (a submission, review edits, a digest request), POSTs it to the API and sorts the
// answer into what to do next.
import { ROUTES } from '../../../shared/definitions/routes';
import { signRequest } from '../../../shared/platform/signing';
import type { Clock, HmacHex, HttpClient, NewId } from '../ports';

const pathOf = (fn: string, fallback: string) => ROUTES.find((r) => r.function === fn)?.path ?? fallback;
export const PROPOSALS_PATH = pathOf('ingest', '/v1/proposals');
export const REVIEWS_PATH = pathOf('reviews', '/v1/reviews');
export const DIGEST_PATH = pathOf('digest', '/v1/digest');

export type Delivery =
  /** Stored by the API (2xx). */
  | { kind: 'delivered'; status: number; body: string }
  /** Stored by the API but not valid yet (422): resending would change nothing. */
  | { kind: 'invalid'; status: number; body: string }
  /** Refused as malformed or too large (400, 413): resending cannot succeed; kept for a human. */
  | { kind: 'rejected'; status: number; body: string }
  /** Not stored (network error, 401, 408, 429, 5xx, anything unexpected): try again later. */
  | { kind: 'retry'; status?: number; error: string };

export interface DeliveryDeps {
  http: HttpClient;
  hmac: HmacHex;
  now: Clock;
  /** The per-attempt requestId (see shared/ingest/ingest.ts). */
  newId: NewId;
}

export interface Endpoint {
  apiUrl: string;
  signingSecret: string;
}

/** What a status means for the sender. Anything not known to be final is retried: nothing is dropped. */
export function classifyStatus(status: number): Delivery['kind'] {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 422) return 'invalid';
  if (status === 400 || status === 413) return 'rejected';
  return 'retry';
}

/** The body of one attempt: the stored body with a fresh requestId in front. */
export function withRequestId(rawBody: string, requestId: string): string {
  try {
    const { requestId: _old, ...body } = JSON.parse(rawBody) as Record<string, unknown>;
    return JSON.stringify({ requestId, ...body });
  } catch {
    return rawBody;
  }
}

/** POST /v1/proposals: see postSigned. */
export function postSubmission(deps: DeliveryDeps, endpoint: Endpoint, rawBody: string): Delivery {
  return postSigned(deps, endpoint, PROPOSALS_PATH, rawBody);
}

/**
 * Signs each attempt afresh (current timestamp, new requestId), so neither a resend nor two firings of
 * the same trigger within one second is taken for a replay. `rawBody` is the stored body, without requestId.
 */
export function postSigned(deps: DeliveryDeps, endpoint: Endpoint, path: string, rawBody: string): Delivery {
  const payload = withRequestId(rawBody, deps.newId());
  const headers = signRequest(endpoint.signingSecret, payload, deps.now().getTime() / 1000, deps.hmac, {
    method: 'POST',
    path,
  });
  let status: number;
  let body: string;
  try {
    const res = deps.http.fetch({
      url: `${endpoint.apiUrl}${path}`,
      method: 'post',
      headers,
      contentType: 'application/json; charset=utf-8',
      payload,
    });
    status = res.status;
    body = res.body;
  } catch (e) {
    return { kind: 'retry', error: String((e as Error)?.message ?? e) };
  }
  const kind = classifyStatus(status);
  if (kind === 'retry') return { kind, status, error: `HTTP ${status}: ${truncate(body, 300)}` };
  return { kind, status, body };
}

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}
