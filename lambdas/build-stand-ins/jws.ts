// Bundled in place of jws (and jwa, safe-buffer, buffer-equal-constant-time; see infra/build/build.mjs). In the
// Lambdas jws has one caller: google-auth-library's JWTAccess, which signs the self-signed service-account
// JWT with `jws.sign({ header, payload, secret })` and a header fixed to { alg: 'RS256', typ: 'JWT'[, kid] }.
// This is that one operation on node:crypto, byte for byte what jws/jwa produce for RS256 (the header
// JSON as latin1, the payload as UTF-8, RSASSA-PKCS1-v1_5 with SHA-256, all base64url without padding).
// Any other algorithm, verification or streaming throws instead.
import { type KeyObject, createSign as rsaSha256Signer } from 'node:crypto';

interface SignOptions {
  header: { alg: string } & Record<string, unknown>;
  payload: unknown;
  secret?: string | Buffer | KeyObject;
  privateKey?: string | Buffer | KeyObject;
  encoding?: BufferEncoding;
}

const unsupported = (what: string): never => {
  throw new Error(
    `jws stand-in (lambdas/build-stand-ins/jws.ts): ${what} is not bundled; only RS256 signing is supported`,
  );
};

const base64url = (b: Buffer) =>
  b.toString('base64').replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');

/** jws's toString: strings as they are, numbers and Buffers through toString(), anything else as JSON. */
const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || Buffer.isBuffer(v) ? v.toString() : JSON.stringify(v);

export function sign(opts: SignOptions): string {
  if (opts.header.alg !== 'RS256') return unsupported(`algorithm ${String(opts.header.alg)}`);
  const key = opts.secret || opts.privateKey;
  if (typeof key !== 'string' && typeof key !== 'object')
    throw new TypeError('key must be a string, a buffer or an object');
  const input = `${base64url(Buffer.from(text(opts.header), 'latin1'))}.${base64url(
    Buffer.from(text(opts.payload), opts.encoding || 'utf8'),
  )}`;
  const signature = rsaSha256Signer('RSA-SHA256').update(input).sign(key);
  return `${input}.${base64url(signature)}`;
}

export const ALGORITHMS = ['RS256'];
export const verify = (): never => unsupported('verify');
export const decode = (): never => unsupported('decode');
export const isValid = (): never => unsupported('isValid');
export const createSign = (): never => unsupported('createSign');
export const createVerify = (): never => unsupported('createVerify');
