import { createHmac } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  bytesToHex,
  SIGNATURE_HEADER,
  signRequest,
  signRequestV1,
  TIMESTAMP_HEADER,
  timingSafeEqual,
  verifyRequest,
} from '../../../../shared/platform/signing';

const hmac = (key: string, msg: string) => createHmac('sha256', key).update(msg, 'utf8').digest('hex');
const SECRET = 'a'.repeat(64);
const NOW = 1_800_000_000;

const TARGET = { method: 'POST', path: '/v1/proposals' };
const UNTIL = NOW + 86_400;

const verify = (
  headers: Record<string, string>,
  opts: { body?: string; now?: number; secrets?: string[]; target?: typeof TARGET; until?: number } = {},
) =>
  verifyRequest({
    headers,
    rawBody: opts.body ?? 'body',
    nowSeconds: opts.now ?? NOW,
    secrets: opts.secrets ?? [SECRET],
    hmac,
    target: opts.target ?? TARGET,
    v1AcceptedUntil: opts.until ?? UNTIL,
  });

describe('request signing', () => {
  it('signs "<timestamp>.<METHOD>.<path>.<body>" with HMAC-SHA256 as v2=<hex>', () => {
    const headers = signRequest(SECRET, '{"a":1}', NOW, hmac, { method: 'post', path: '/v1/proposals' });
    expect(headers[TIMESTAMP_HEADER]).toBe(String(NOW));
    expect(headers[SIGNATURE_HEADER]).toBe(`v2=${hmac(SECRET, `${NOW}.POST./v1/proposals.{"a":1}`)}`);
  });

  it('accepts its own signature with any header casing', () => {
    const headers = Object.fromEntries(
      Object.entries(signRequest(SECRET, 'body', NOW, hmac, TARGET)).map(([k, v]) => [k.toLowerCase(), v]),
    );
    expect(verify(headers, { now: NOW + 10 })).toMatchObject({ ok: true, scheme: 'v2' });
  });

  it('refuses a v2 signature replayed against another route or method', () => {
    const headers = signRequest(SECRET, 'body', NOW, hmac, TARGET);
    expect(verify(headers, { target: { method: 'POST', path: '/v1/digest' } })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verify(headers, { target: { method: 'PUT', path: '/v1/proposals' } })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('refuses a changed body, a wrong secret, missing headers and a stale timestamp', () => {
    const headers = signRequest(SECRET, 'body', NOW, hmac, TARGET);
    expect(verify(headers, { body: 'body!' })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify(headers, { secrets: ['b'.repeat(64)] })).toEqual({ ok: false, reason: 'mismatch' });
    expect(verify({})).toEqual({ ok: false, reason: 'missing' });
    expect(verify({ ...headers, [SIGNATURE_HEADER]: 'v3=abc' })).toEqual({ ok: false, reason: 'malformed' });
    expect(verify(headers, { now: NOW + 301 })).toEqual({ ok: false, reason: 'expired' });
    expect(verify(headers, { now: NOW - 301 })).toEqual({ ok: false, reason: 'expired' });
  });

  it("accepts an older client's v1 signature until the configured date, then refuses it", () => {
    const v1 = signRequestV1(SECRET, 'body', NOW, hmac);
    expect(v1[SIGNATURE_HEADER]).toBe(`v1=${hmac(SECRET, `${NOW}.body`)}`);
    expect(verify(v1, { until: NOW + 1 })).toMatchObject({ ok: true, scheme: 'v1' });
    expect(verify(v1, { until: NOW })).toEqual({ ok: false, reason: 'v1_retired' });
    expect(verify(signRequest(SECRET, 'body', NOW, hmac, TARGET), { until: NOW })).toMatchObject({
      ok: true,
    });
  });

  it('accepts the previous secret during a rotation', () => {
    const headers = signRequest('old-secret', 'x', NOW, hmac, TARGET);
    expect(verify(headers, { body: 'x', secrets: ['new-secret', 'old-secret'] }).ok).toBe(true);
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
