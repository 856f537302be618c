import { describe, expect, it } from '@jest/globals';
import { guardedPost } from '../../../../apps-script/src/outbox/circuit-breaker';
import { PROPOSALS_PATH } from '../../../../apps-script/src/outbox/delivery';
import { enqueue } from '../../../../apps-script/src/outbox/outbox';
import { PropertyQueue } from '../../../../apps-script/src/outbox/property-queue';
import { type RetryDeps, retryOutbox, retrySummaryText } from '../../../../apps-script/src/outbox/retry';
import { verifyRequest } from '../../../../shared/platform/signing';
import {
  configured,
  MemoryHttp,
  type MemoryProperties,
  memoryScriptDeps,
  nodeHmac,
  SECRET,
} from '../in-memory-ports';

const MIN = 60_000;

function setup(props: MemoryProperties = configured(), http = new MemoryHttp()) {
  const { deps, clock, lock, log } = memoryScriptDeps({ props, http });
  return {
    deps: deps as RetryDeps,
    props,
    http,
    clock,
    lock,
    log,
    outbox: new PropertyQueue(props, 'outbox'),
  };
}

const body = (id: string, extra = '') =>
  JSON.stringify({ responseId: id, submittedAt: '2026-11-26T03:00:00.000Z', answers: { title: extra } });

describe('retryOutbox', () => {
  it('does nothing when another execution holds the script lock', () => {
    const { deps, lock, http, clock } = setup();
    enqueue(deps, 'r1', body('r1'), { error: 'down' });
    lock.heldElsewhere = true;
    clock.advance(10 * MIN);
    expect(retryOutbox(deps)).toMatchObject({ ran: false, attempted: 0 });
    expect(http.requests).toHaveLength(0);
  });

  it('sends due entries re-signed with a fresh timestamp and deletes each only after it was stored', () => {
    const { deps, http, clock, outbox, lock } = setup();
    enqueue(deps, 'r1', body('r1'), { error: 'down' });
    enqueue(deps, 'r2', body('r2'), { error: 'down' });
    clock.advance(10 * MIN);
    http.responder = (req) => {
      expect(outbox.size()).toBeGreaterThan(0); // still there while its send is in flight
      const verdict = verifyRequest({
        headers: req.headers,
        rawBody: req.payload ?? '',
        nowSeconds: clock.ms / 1000,
        secrets: [SECRET],
        hmac: nodeHmac,
        target: { method: 'POST', path: new URL(req.url).pathname },
        v1AcceptedUntil: 0, // only a v2 signature (method and path covered) passes
      });
      expect(verdict).toMatchObject({ ok: true, timestamp: Math.floor(clock.ms / 1000) });
      return { status: 201, body: '{}' };
    };
    expect(retryOutbox(deps)).toMatchObject({ ran: true, attempted: 2, delivered: 2, stillQueued: 0 });
    expect(http.requests.map((r) => JSON.parse(r.payload ?? '').responseId).sort()).toEqual(['r1', 'r2']);
    expect(outbox.size()).toBe(0);
    expect(lock.held).toBe(false);
  });

  it('leaves entries that are not due yet to a later run, unless forced', () => {
    const { deps, http } = setup();
    enqueue(deps, 'r1', body('r1'), { error: 'down' });
    expect(retryOutbox(deps)).toMatchObject({ attempted: 0, stillQueued: 1 });
    expect(retryOutbox(deps, { force: true })).toMatchObject({ attempted: 1, delivered: 1, stillQueued: 0 });
    expect(http.requests).toHaveLength(1);
  });

  it('backs off further after each failed attempt', () => {
    const { deps, clock, outbox } = setup(
      configured(),
      new MemoryHttp(() => ({ status: 503, body: 'down' })),
    );
    enqueue(deps, 'r1', body('r1'), { error: 'down' });
    clock.advance(MIN);
    retryOutbox(deps);
    expect(outbox.heads()[0]).toMatchObject({
      attempts: 2,
      lastStatus: 503,
      nextAttemptAt: new Date(clock.ms + 2 * MIN).toISOString(),
    });
    clock.advance(2 * MIN);
    retryOutbox(deps);
    expect(outbox.heads()[0]).toMatchObject({
      attempts: 3,
      nextAttemptAt: new Date(clock.ms + 4 * MIN).toISOString(),
    });
  });

  it('drops an entry the API stored as invalid (422) and moves one it refused (400) to the failed list', () => {
    const { deps, http, outbox, props } = setup();
    enqueue(deps, 'bad', body('bad'), { error: 'down' });
    enqueue(deps, 'invalid', body('invalid'), { error: 'down' });
    http.responder = (req) =>
      JSON.parse(req.payload ?? '').responseId === 'bad'
        ? { status: 400, body: 'malformed' }
        : { status: 422, body: '{}' };
    expect(retryOutbox(deps, { force: true })).toMatchObject({
      attempted: 2,
      invalid: 1,
      failed: 1,
      stillQueued: 0,
    });
    expect(outbox.size()).toBe(0);
    expect(new PropertyQueue(props, 'failed').read('bad')).toMatchObject({
      body: body('bad'),
      lastStatus: 400,
      attempts: 2,
    });
  });

  it('loses nothing when the run is killed after a send: the entry stays and the next run sends it again', () => {
    const { deps, props, http, outbox } = setup();
    enqueue(deps, 'r1', body('r1'), { error: 'down' });
    props.failOn = (op, key) => op === 'delete' && key === 'outbox:r1';
    expect(() => retryOutbox(deps, { force: true })).toThrow(/killed/);
    expect(http.requests).toHaveLength(1);
    expect(outbox.read('r1')).toMatchObject({ body: body('r1') });
    props.failOn = undefined;
    expect(retryOutbox(deps, { force: true })).toMatchObject({ delivered: 1, stillQueued: 0 });
    expect(http.requests).toHaveLength(2);
    const [first, second] = http.requests.map((r) => JSON.parse(r.payload ?? ''));
    expect(first.requestId).not.toBe(second.requestId);
    expect({ ...first, requestId: undefined }).toEqual({ ...JSON.parse(body('r1')), requestId: undefined });
  });

  it('stops starting new sends when its time budget is spent', () => {
    const { deps, http, clock } = setup();
    for (const id of ['a', 'b', 'c']) enqueue(deps, id, body(id), { error: 'down' });
    http.responder = () => {
      clock.advance(3 * MIN);
      return { status: 201, body: '{}' };
    };
    expect(retryOutbox(deps, { force: true, budgetMs: 5 * MIN })).toMatchObject({
      attempted: 2,
      stillQueued: 1,
    });
  });

  it('sends nothing while the configuration is incomplete, and keeps every entry', () => {
    const { deps, props, http } = setup();
    enqueue(deps, 'r1', body('r1'), { error: 'down' });
    props.delete('COCREATE_SIGNING_SECRET');
    expect(retryOutbox(deps, { force: true })).toMatchObject({ ran: true, attempted: 0, stillQueued: 1 });
    expect(http.requests).toHaveLength(0);
  });
});

describe('the outbox circuit breaker', () => {
  const unreachable = () =>
    new MemoryHttp(() => {
      throw new Error('Exception: Address unavailable: https://api.example.org');
    });

  it('stops a run at the first network failure, instead of waiting for every entry to time out', () => {
    const { deps, http, clock } = setup(configured(), unreachable());
    for (const id of ['r1', 'r2', 'r3']) enqueue(deps, id, body(id), { error: 'down' });
    clock.advance(10 * MIN);
    expect(retryOutbox(deps)).toMatchObject({ ran: true, attempted: 1, stillQueued: 3 });
    expect(http.requests).toHaveLength(1);
  });

  it('backs off whole runs while the API stays unreachable, then tries again; a by-hand retry ignores the pause', () => {
    const { deps, http, clock } = setup(configured(), unreachable());
    enqueue(deps, 'r1', body('r1'), { error: 'down' });
    clock.advance(10 * MIN);
    retryOutbox(deps);
    // The next scheduled runs within the pause send nothing and say until when.
    clock.advance(10 * MIN);
    const paused = retryOutbox(deps);
    expect(paused).toMatchObject({ attempted: 0, pausedUntil: expect.any(String) });
    expect(http.requests).toHaveLength(1);
    // Pauses grow while failures continue.
    const pauses: number[] = [];
    for (let run = 0; run < 6; run++) {
      const until = Date.parse(retryOutbox(deps).pausedUntil ?? '') || clock.ms;
      pauses.push(until - clock.ms);
      clock.ms = until + 1;
      retryOutbox(deps);
    }
    expect(pauses.every((p, i) => i === 0 || p >= (pauses[i - 1] ?? 0))).toBe(true);
    // The menu item sends now whatever the breaker says.
    const before = http.requests.length;
    expect(retryOutbox(deps, { force: true }).attempted).toBe(1);
    expect(http.requests).toHaveLength(before + 1);
  });

  it('closes again as soon as the API answers', () => {
    const http = unreachable();
    const { deps, clock } = setup(configured(), http);
    enqueue(deps, 'r1', body('r1'), { error: 'down' });
    enqueue(deps, 'r2', body('r2'), { error: 'down' });
    clock.advance(10 * MIN);
    retryOutbox(deps);
    http.responder = () => ({ status: 201, body: '{}' });
    clock.advance(6 * 60 * MIN);
    expect(retryOutbox(deps)).toMatchObject({ attempted: 2, delivered: 2, stillQueued: 0 });
    expect(retryOutbox(deps).pausedUntil).toBeUndefined();
  });

  it('lets onFormSubmit queue at once while the breaker is open, without waiting on the network', () => {
    const { deps, http, clock } = setup(configured(), unreachable());
    enqueue(deps, 'r1', body('r1'), { error: 'down' });
    clock.advance(10 * MIN);
    retryOutbox(deps);
    const sent = http.requests.length;
    const endpoint = { apiUrl: 'https://api.example.org', signingSecret: SECRET };
    expect(guardedPost(deps, endpoint, PROPOSALS_PATH, body('r9'))).toMatchObject({
      kind: 'retry',
      error: expect.stringMatching(/circuit open until/),
    });
    expect(http.requests).toHaveLength(sent);
  });
});

describe('retrySummaryText', () => {
  it('tells the person who clicked the menu item what the run did, in both languages', () => {
    const base = { ran: true, attempted: 3, delivered: 2, invalid: 0, failed: 0, stillQueued: 1, swept: 0 };
    expect(retrySummaryText(base)).toBe(
      'Antrean: 3 dicoba, 2 terkirim, 0 tersimpan tetapi belum lengkap, 0 ditolak; 1 masih menunggu. / Outbox: 3 tried, 2 delivered, 0 stored but incomplete, 0 refused; 1 still waiting.',
    );
    expect(retrySummaryText({ ...base, pausedUntil: '2026-12-02T01:00:00.000Z' })).toMatch(
      /The API cannot be reached; next try after 2026-12-02T01:00:00\.000Z\.$/,
    );
    expect(retrySummaryText({ ...base, ran: false })).toMatch(/Another run is sending right now/);
  });
});
