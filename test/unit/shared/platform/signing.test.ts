import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  SIGNATURE_HEADER,
  signRequest,
  TIMESTAMP_HEADER,
  timingSafeEqual,
  verifyRequest,
} from '../../../../shared/platform/signing';

const hmac = (key: string, msg: string) => createHmac('sha256', key).update(msg, 'utf8').digest('hex');
const SECRET = 'a'.repeat(64);
const NOW = 1_800_000_000;

describe('request signing', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 as v1=<hex>', () => {
    const headers = signRequest(SECRET, '{"a":1}', NOW, hmac);
    expect(headers[TIMESTAMP_HEADER]).toBe(String(NOW));
    expect(headers[SIGNATURE_HEADER]).toBe(`v1=${hmac(SECRET, `${NOW}.{"a":1}`)}`);
  });

  it('accepts its own signature with any header casing', () => {
    const headers = Object.fromEntries(
      Object.entries(signRequest(SECRET, 'body', NOW, hmac)).map(([k, v]) => [k.toLowerCase(), v]),
    );
    expect(
      verifyRequest({ headers, rawBody: 'body', nowSeconds: NOW + 10, secrets: [SECRET], hmac }),
    ).toMatchObject({ ok: true });
  });

  it('refuses a changed body, a wrong secret, missing headers and a stale timestamp', () => {
    const headers = signRequest(SECRET, 'body', NOW, hmac);
    const verify = (h: Record<string, string>, body = 'body', now = NOW, secrets = [SECRET]) =>
      verifyRequest({ headers: h, rawBody: body, nowSeconds: now, secrets, hmac });
    expect(verify(headers, 'body!')).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(headers, 'body', NOW, ['b'.repeat(64)])).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify({})).toEqual({ ok: false, reason: 'missing' });
    expect(verify({ ...headers, [SIGNATURE_HEADER]: 'v2=abc' })).toEqual({ ok: false, reason: 'malformed' });
    expect(verify(headers, 'body', NOW + 301)).toEqual({ ok: false, reason: 'expired' });
    expect(verify(headers, 'body', NOW - 301)).toEqual({ ok: false, reason: 'expired' });
  });

  it('accepts the previous secret during a rotation', () => {
    const headers = signRequest('old-secret', 'x', NOW, hmac);
    expect(
      verifyRequest({ headers, rawBody: 'x', nowSeconds: NOW, secrets: ['new-secret', 'old-secret'], hmac })
        .ok,
    ).toBe(true);
  });

  it('turns Apps Script signed bytes into the same hex as node:crypto', () => {
    const digest = createHmac('sha256', 'k').update('m').digest();
    const signed = [...digest].map((b) => (b > 127 ? b - 256 : b));
    expect(bytesToHex(signed)).toBe(digest.toString('hex'));
  });

  it('compares strings without short-circuiting on the first difference', () => {
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'ab')).toBe(false);
  });
});
