import { describe, expect, it } from '@jest/globals';
import { BACKOFF_CAP_MS, backoffMs, enqueue } from '../../../../apps-script/src/outbox/outbox';
import {
  MAX_VALUE_BYTES,
  ORPHAN_AGE_MS,
  PropertyQueue,
} from '../../../../apps-script/src/outbox/property-queue';
import type { RetryDeps } from '../../../../apps-script/src/outbox/retry';
import { utf8Length } from '../../../../shared/platform/utf8';
import {
  configured,
  MemoryHttp,
  MemoryLog,
  type MemoryProperties,
  memoryScriptDeps,
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
    expect(outbox.heads().map((h) => h.id)).toEqual(['big-1']);
  });

  it('removes the parts of the previous version when an entry is replaced, and all parts on removal', () => {
    const { props, outbox, clock } = setup();
    outbox.put(
      { id: 'r', body: 'x'.repeat(20_000), attempts: 1, queuedAt: '', nextAttemptAt: '' },
      clock.now(),
    );
    const partsOfFirst = props.keys().filter((k) => k.startsWith('outbox-part:'));
    expect(partsOfFirst.length).toBe(3);
    outbox.put(
      { id: 'r', body: 'y'.repeat(10_000), attempts: 1, queuedAt: '', nextAttemptAt: '' },
      clock.now(),
    );
    expect(props.keys().filter((k) => partsOfFirst.includes(k))).toEqual([]);
    expect(outbox.remove('r')).toBe(true);
    expect(props.keys().filter((k) => k.startsWith('outbox'))).toEqual([]);
  });

  it('updates and removes only the version that was read', () => {
    const { outbox, clock } = setup();
    const first = outbox.put(
      { id: 'r', body: '1', attempts: 1, queuedAt: '', nextAttemptAt: '' },
      clock.now(),
    );
    outbox.put({ id: 'r', body: '2', attempts: 1, queuedAt: '', nextAttemptAt: '' }, clock.now());
    expect(outbox.update('r', first, { attempts: 5 })).toBe(false);
    expect(outbox.remove('r', first)).toBe(false);
    expect(outbox.read('r')).toMatchObject({ body: '2', attempts: 1 });
  });

  it('sweeps parts no entry points at, but only once they are old enough not to be a write in progress', () => {
    const { props, outbox, clock } = setup();
    outbox.put(
      { id: 'r', body: 'x'.repeat(20_000), attempts: 1, queuedAt: '', nextAttemptAt: '' },
      clock.now(),
    );
    props.delete('outbox:r'); // as if killed between deleting the head and its parts
    expect(outbox.sweep(clock.now())).toBe(0);
    clock.advance(ORPHAN_AGE_MS + 1);
    expect(outbox.sweep(clock.now())).toBe(3);
    expect(props.keys().filter((k) => k.startsWith('outbox'))).toEqual([]);
  });
});
