import { describe, expect, it } from '@jest/globals';
import { claim, claimLocked, EDIT_TTL_MS, SEEN_MAX, SEEN_PROP } from '../../../apps-script/src/dedupe';
import { MemoryLock, MemoryProperties } from './in-memory-ports';

const at = (ms: number) => new Date(Date.parse('2026-11-26T03:00:00Z') + ms);

describe('claiming an event once', () => {
  it('gives an event to the first run only, until the claim expires', () => {
    const props = new MemoryProperties();
    expect(claimLocked(props, 'submit|r1|t', at(0))).toBe(true);
    expect(claimLocked(props, 'submit|r1|t', at(1_000))).toBe(false);
    expect(claimLocked(props, 'submit|r1|t2', at(1_000))).toBe(true);
    expect(claimLocked(props, 'edit|x', at(0), EDIT_TTL_MS)).toBe(true);
    expect(claimLocked(props, 'edit|x', at(EDIT_TTL_MS + 1), EDIT_TTL_MS)).toBe(true);
  });

  it('keeps at most SEEN_MAX claims in one small property', () => {
    const props = new MemoryProperties();
    for (let i = 0; i < SEEN_MAX + 50; i++) claimLocked(props, `submit|r${i}|t`, at(i));
    const stored = JSON.parse(props.get(SEEN_PROP) ?? '{}');
    expect(Object.keys(stored)).toHaveLength(SEEN_MAX);
    expect(Buffer.byteLength(props.get(SEEN_PROP) ?? '', 'utf8')).toBeLessThan(9 * 1024);
    // The newest are kept: the latest is still claimed, the oldest forgotten.
    expect(claimLocked(props, `submit|r${SEEN_MAX + 49}|t`, at(SEEN_MAX + 60))).toBe(false);
    expect(claimLocked(props, 'submit|r0|t', at(SEEN_MAX + 60))).toBe(true);
  });

  it('handles the event anyway when the lock is busy or the store is full, and releases the lock', () => {
    const busy = new MemoryLock();
    busy.heldElsewhere = true;
    const props = new MemoryProperties();
    expect(claim({ props, lock: busy }, 'k', at(0))).toBe(true);
    const full = new MemoryProperties();
    full.failOn = () => true;
    const lock = new MemoryLock();
    expect(claim({ props: full, lock }, 'k', at(0))).toBe(true);
    expect(lock.held).toBe(false);
  });
});
