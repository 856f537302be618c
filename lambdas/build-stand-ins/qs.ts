// Bundled in place of qs (and side-channel, object-inspect, get-intrinsic and the rest of its dependency
// tree, ~55 KB minified; see infra/build/build.mjs). googleapis-common calls qs only to build query strings:
// `qs.stringify(params, { arrayFormat: 'repeat' })` (apirequest.ts), or plain `qs.stringify` in its
// http2 transport, which is used only with the `http2` option (never set here).
// The Sheets and Forms query parameters are flat: strings, numbers, booleans, and arrays of them
// (`ranges`). For those this gives exactly qs's output: keys in insertion order, RFC 3986 percent-encoding
// (only A-Z a-z 0-9 - . _ ~ left as is, UTF-8, upper-case hex), undefined skipped, null as `key=`, Dates
// as toISOString(), arrays as repeated keys. Anything qs would write in bracket notation (nested objects,
// arrays of arrays/objects) or another arrayFormat throws instead of being guessed at, and so does a
// string with a lone UTF-16 surrogate (encodeURIComponent's URIError; qs would encode garbage).
type Scalar = string | number | boolean | bigint | Date;

const encode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const unsupported = (what: string): never => {
  throw new Error(`qs stand-in (lambdas/build-stand-ins/qs.ts): ${what} is not supported`);
};

function scalar(key: string, value: unknown): string {
  if (value === null) return `${encode(key)}=`;
  if (value instanceof Date) return `${encode(key)}=${encode(value.toISOString())}`;
  const t = typeof value;
  if (t === 'string' || t === 'number' || t === 'boolean' || t === 'bigint')
    return `${encode(key)}=${encode(String(value as Scalar))}`;
  return unsupported(`parameter ${key} of type ${Array.isArray(value) ? 'array' : t}`);
}

export function stringify(params: unknown, options: { arrayFormat?: string } = {}): string {
  if (params === null || params === undefined) return '';
  if (typeof params !== 'object') return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (options.arrayFormat !== 'repeat')
        unsupported(`array parameter ${key} without arrayFormat 'repeat'`);
      for (const item of value) if (item !== undefined) parts.push(scalar(key, item));
    } else {
      parts.push(scalar(key, value));
    }
  }
  return parts.join('&');
}

export function parse(): never {
  return unsupported('parse');
}

export default { stringify, parse };
