// Request signing: HMAC-SHA256 over "<timestamp>.<raw body>". Pure; the caller supplies the HMAC
// (node:crypto in Lambda, Utilities.computeHmacSha256Signature in Apps Script).

export const TIMESTAMP_HEADER = 'X-Cocreate-Timestamp';
export const SIGNATURE_HEADER = 'X-Cocreate-Signature';
/** Requests older or newer than this are refused, which bounds how long a nonce must be remembered. */
export const SIGNATURE_WINDOW_SECONDS = 300;

/** Returns the lowercase hex HMAC-SHA256 of message under key. */
export type HmacHex = (key: string, message: string) => string;

export function signedPayload(timestamp: number | string, rawBody: string): string {
  return `${timestamp}.${rawBody}`;
}

/** The two headers a signed request carries. */
export function signRequest(
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
  | { ok: true; signature: string; timestamp: number }
  | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

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
}): VerifyResult {
  const ts = header(args.headers, TIMESTAMP_HEADER);
  const sig = header(args.headers, SIGNATURE_HEADER);
  if (!ts || !sig) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(ts)) return { ok: false, reason: 'malformed' };
  const m = /^v1=([0-9a-f]{64})$/.exec(sig.trim());
  if (!m?.[1]) return { ok: false, reason: 'malformed' };
  const timestamp = Number(ts);
  if (Math.abs(args.nowSeconds - timestamp) > SIGNATURE_WINDOW_SECONDS)
    return { ok: false, reason: 'expired' };
  const given = m[1];
  const payload = signedPayload(ts, args.rawBody);
  // Check every secret (no early exit) so timing does not reveal which one matched.
  let matched = false;
  for (const secret of args.secrets) {
    if (secret && timingSafeEqual(args.hmac(secret, payload), given)) matched = true;
  }
  return matched ? { ok: true, signature: given, timestamp } : { ok: false, reason: 'mismatch' };
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
