import { describe, expect, it } from '@jest/globals';
import { type DigestDeps, sendDigestNow } from '../../../apps-script/src/digest-now';
import { verifyRequest } from '../../../shared/platform/signing';
import {
  configured,
  counterId,
  MemoryHttp,
  MemoryLog,
  MemoryProperties,
  nodeHmac,
  type Responder,
  SECRET,
  TestClock,
} from './in-memory-ports';

function setup(responder: Responder, props = configured()) {
  const shown: { message: string; title: string }[] = [];
  const http = new MemoryHttp(responder);
  const clock = new TestClock();
  const d: DigestDeps = {
    props,
    http,
    hmac: nodeHmac,
    newId: counterId,
    now: clock.now,
    log: new MemoryLog(),
    notice: { show: (message, title) => shown.push({ message, title }) },
  };
  return { d, http, shown, clock };
}

describe('sendDigestNow', () => {
  it('posts a signed request to /v1/digest and shows what the server sent, in both languages', () => {
    const { d, http, shown, clock } = setup(() => ({
      status: 200,
      body: '{"sent":true,"period":"2026-W48","proposals":22}',
    }));
    expect(sendDigestNow(d)).toEqual({
      ok: true,
      sent: true,
      period: '2026-W48',
      proposals: 22,
      status: 200,
      message: 'Ringkasan terkirim: periode 2026-W48, 22 usulan / Digest sent: period 2026-W48, 22 proposals',
    });
    const [req] = http.requests;
    expect(req?.url).toBe('https://api.example.org/v1/digest');
    expect(
      verifyRequest({
        headers: req?.headers ?? {},
        rawBody: req?.payload ?? '',
        nowSeconds: clock.ms / 1000,
        secrets: [SECRET],
        hmac: nodeHmac,
        target: { method: 'POST', path: '/v1/digest' },
        v1AcceptedUntil: 0, // only a v2 signature (method and path covered) passes
      }).ok,
    ).toBe(true);
    expect(shown).toEqual([{ message: expect.stringMatching(/^Ringkasan terkirim/), title: 'OGP Cocreate' }]);
  });

  it('asks for an English digest when told to', () => {
    const { d, http } = setup(() => ({ status: 200, body: '{"sent":true}' }));
    sendDigestNow(d, 'en');
    expect(JSON.parse(http.requests[0]?.payload ?? '')).toMatchObject({ lang: 'en' });
  });

  it('says so when the server could not be reached, and queues nothing', () => {
    const { d, shown } = setup(() => {
      throw new Error('Exception: Address unavailable: https://api.example.org/v1/digest');
    });
    const r = sendDigestNow(d);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(
      /^Ringkasan tidak terkirim: server tidak dapat dihubungi .* \/ Digest not sent: the server/,
    );
    expect(shown).toHaveLength(1);
    expect(d.props.keys().filter((k) => k.startsWith('outbox'))).toEqual([]);
  });

  it('reports a refusal and an unsent digest differently', () => {
    expect(sendDigestNow(setup(() => ({ status: 401, body: '{}' })).d)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Ringkasan tidak terkirim: server/),
    });
    expect(sendDigestNow(setup(() => ({ status: 400, body: '{}' })).d).message).toBe(
      'Ringkasan ditolak server (HTTP 400) / Digest refused by the server (HTTP 400)',
    );
    expect(
      sendDigestNow(setup(() => ({ status: 200, body: '{"sent":false,"period":"2026-W48"}' })).d),
    ).toMatchObject({
      ok: false,
      sent: false,
      message: expect.stringMatching(/^Ringkasan tidak terkirim \(periode 2026-W48\)/),
    });
  });

  it('sends nothing without a usable configuration and says what to fix', () => {
    const { d, http } = setup(() => ({ status: 200, body: '{}' }), new MemoryProperties());
    expect(sendDigestNow(d).message).toMatch(
      /COCREATE_API_URL belum diisi.* \/ Digest not sent; fix the settings/,
    );
    expect(http.requests).toEqual([]);
  });
});
