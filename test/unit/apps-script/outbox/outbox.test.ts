import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  BACKOFF_CAP_MS,
  backoffMs,
  enqueue,
  MAX_VALUE_BYTES,
  ORPHAN_AGE_MS,
  PropertyQueue,
  type RetryDeps,
  retryOutbox,
  splitUtf8,
  utf8Length,
} from '../../../../apps-script/src/outbox/outbox';
import { verifyRequest } from '../../../../shared/platform/signing';
import {
  configured,
  MemoryHttp,
  MemoryLog,
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

describe('backoff', () => {
  it('waits 1 minute after the first failure and doubles after each next one', () => {
    expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([1, 2, 4, 8, 16].map((m) => m * MIN));
  });

  it('never waits more than 6 hours', () => {
    expect(backoffMs(9)).toBe(256 * MIN);
    expect(backoffMs(10)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(1000)).toBe(6 * 60 * MIN);
  });
});

describe('UTF-8 sizing without TextEncoder', () => {
  it('counts bytes as Node does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')),
    );
  });

  it('splits into pieces under the limit that join back to the original, never inside a character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 4, max: 40 }),
        (s, max) => {
          const parts = splitUtf8(s, max);
          return (
            parts.join('') === s &&
            parts.every((p) => utf8Length(p) <= max) &&
            parts.every((p) => !/^[\udc00-\udfff]/.test(p) && !/[\ud800-\udbff]$/.test(p))
          );
        },
      ),
    );
  });
});

describe('PropertyQueue', () => {
  it('keeps a body larger than a property value in parts and reads it back whole', () => {
    const { props, outbox, clock } = setup();
    const big = body('big-1', 'Ketimpangan akses 🌏 '.repeat(2000));
    expect(utf8Length(big)).toBeGreaterThan(5 * MAX_VALUE_BYTES);
    enqueue({ props, log: new MemoryLog(), now: clock.now }, 'big-1', big, { error: 'down' });
    for (const v of props.map.values()) expect(utf8Length(v)).toBeLessThanOrEqual(MAX_VALUE_BYTES);
    const entry = outbox.read('big-1');
    expect(entry && 'body' in entry && entry.body).toBe(big);
    expect(outbox.size()).toBe(1);
    expect(outbox.heads().map((h) => h.responseId)).toEqual(['big-1']);
  });

  it('removes the parts of the previous version when an entry is replaced, and all parts on removal', () => {
    const { props, outbox, clock } = setup();
    outbox.put(
      { responseId: 'r', body: 'x'.repeat(20_000), attempts: 1, queuedAt: '', nextAttemptAt: '' },
      clock.now(),
    );
    const partsOfFirst = props.keys().filter((k) => k.startsWith('outbox-part:'));
    expect(partsOfFirst.length).toBe(3);
    outbox.put(
      { responseId: 'r', body: 'y'.repeat(10_000), attempts: 1, queuedAt: '', nextAttemptAt: '' },
      clock.now(),
    );
    expect(props.keys().filter((k) => partsOfFirst.includes(k))).toEqual([]);
    expect(outbox.remove('r')).toBe(true);
    expect(props.keys().filter((k) => k.startsWith('outbox'))).toEqual([]);
  });

  it('updates and removes only the version that was read', () => {
    const { outbox, clock } = setup();
    const first = outbox.put(
      { responseId: 'r', body: '1', attempts: 1, queuedAt: '', nextAttemptAt: '' },
      clock.now(),
    );
    outbox.put({ responseId: 'r', body: '2', attempts: 1, queuedAt: '', nextAttemptAt: '' }, clock.now());
    expect(outbox.update('r', first, { attempts: 5 })).toBe(false);
    expect(outbox.remove('r', first)).toBe(false);
    expect(outbox.read('r')).toMatchObject({ body: '2', attempts: 1 });
  });

  it('sweeps parts no entry points at, but only once they are old enough not to be a write in progress', () => {
    const { props, outbox, clock } = setup();
    outbox.put(
      { responseId: 'r', body: 'x'.repeat(20_000), attempts: 1, queuedAt: '', nextAttemptAt: '' },
      clock.now(),
    );
    props.delete('outbox:r'); // as if killed between deleting the head and its parts
    expect(outbox.sweep(clock.now())).toBe(0);
    clock.advance(ORPHAN_AGE_MS + 1);
    expect(outbox.sweep(clock.now())).toBe(3);
    expect(props.keys().filter((k) => k.startsWith('outbox'))).toEqual([]);
  });
});

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
