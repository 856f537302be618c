// Request signing: v2 = HMAC-SHA256 over "<timestamp>.<METHOD>.<path>.<raw body>", so a captured request
// cannot be replayed against another route; v1 (timestamp and body only) is still accepted until a
// configured date, the rotation window for clients not yet updated. Pure; the caller supplies the HMAC
// (node:crypto in Lambda, Utilities.computeHmacSha256Signature in Apps Script).

export const TIMESTAMP_HEADER = 'X-Cocreate-Timestamp';
export const SIGNATURE_HEADER = 'X-Cocreate-Signature';
/** Requests older or newer than this are refused, which bounds how long a nonce must be remembered. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** Returns the lowercase hex HMAC-SHA256 of message under key. */
export type HmacHex = (key: string, message: string) => string;

/**
 * Until when (UTC) v1 signatures are accepted when the deployment sets no date of its own
 * (SIGNATURE_V1_UNTIL): the rotation window for Apps Script projects still running an older bundle.
 */
export const V1_ACCEPTED_UNTIL_DEFAULT = '2027-03-01T00:00:00Z';

/** The route a request is signed for: its method and the route path ("/v1/proposals"). */
export interface SignedTarget {
  method: string;
  path: string;
}

/** v1's message: "<timestamp>.<raw body>". */
export function signedPayload(timestamp: number | string, rawBody: string): string {
  return `${timestamp}.${rawBody}`;
}

/** v2's message: "<timestamp>.<METHOD>.<path>.<raw body>" (method upper case, path without query). */
export function signedPayloadV2(timestamp: number | string, target: SignedTarget, rawBody: string): string {
  return `${timestamp}.${target.method.toUpperCase()}.${target.path}.${rawBody}`;
}

/** The two headers a signed request carries (a v2 signature, bound to the method and path). */
export function signRequest(
  secret: string,
  rawBody: string,
  nowSeconds: number,
  hmac: HmacHex,
  target: SignedTarget,
): Record<string, string> {
  const ts = Math.floor(nowSeconds);
  return {
    [TIMESTAMP_HEADER]: String(ts),
    [SIGNATURE_HEADER]: `v2=${hmac(secret, signedPayloadV2(ts, target, rawBody))}`,
  };
}

/** The headers an older client sends (v1: timestamp and body only); kept to test the rotation window. */
export function signRequestV1(
  secret: string,
  rawBody: string,
  nowSeconds: number,
  hmac: HmacHex,
): Record<string, string> {
  const ts = Math.floor(nowSeconds);
  return {
    [TIMESTAMP_HEADER]: String(ts),
    [SIGNATURE_HEADER]: `v1=${hmac(secret, signedPayload(ts, rawBody))}`,
  };
}

export type VerifyResult =
  | { ok: true; signature: string; timestamp: number; scheme: 'v1' | 'v2' }
  | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' | 'v1_retired' };

/**
 * Verifies a request against any of the accepted secrets (current and, during rotation, previous).
 * Header names are matched case-insensitively, as HTTP requires.
 */
export function verifyRequest(args: {
  headers: Record<string, string | undefined>;
  rawBody: string;
  nowSeconds: number;
  secrets: readonly string[];
  hmac: HmacHex;
  /** The route the request arrived on (what a v2 signature covers). */
  target: SignedTarget;
  /** Epoch seconds until which v1 signatures are accepted (see V1_ACCEPTED_UNTIL_DEFAULT). */
  v1AcceptedUntil: number;
}): VerifyResult {
  const ts = header(args.headers, TIMESTAMP_HEADER);
  const sig = header(args.headers, SIGNATURE_HEADER);
  if (!ts || !sig) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'malformed' };
  const m = /^(v1|v2)=([0-9a-f]{64})$/.exec(sig.trim());
  if (!m?.[2]) return { ok: false, reason: 'malformed' };
  const scheme = m[1] as 'v1' | 'v2';
  const timestamp = Number(ts);
  if (Math.abs(args.nowSeconds - timestamp) > SIGNATURE_WINDOW_SECONDS)
    return { ok: false, reason: 'expired' };
  if (scheme === 'v1' && args.nowSeconds >= args.v1AcceptedUntil) return { ok: false, reason: 'v1_retired' };
  const given = m[2];
  const payload =
    scheme === 'v2' ? signedPayloadV2(ts, args.target, args.rawBody) : signedPayload(ts, args.rawBody);
  // Check every secret (no early exit) so timing does not reveal which one matched.
  let matched = false;
  for (const secret of args.secrets) {
    if (secret && timingSafeEqual(args.hmac(secret, payload), given)) matched = true;
  }
  return matched ? { ok: true, signature: given, timestamp, scheme } : { ok: false, reason: 'mismatch' };
}

/** Constant-time string comparison (length is not secret: both are 64 hex chars). */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Hex of a byte array; accepts Apps Script's signed bytes (-128..127). */
export function bytesToHex(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += ((bytes[i] as number) & 0xff).toString(16).padStart(2, '0');
  return out;
}

function header(headers: Record<string, string | undefined>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}
