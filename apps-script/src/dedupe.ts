// Exactly-once handling when more than one set of triggers exists. Installable triggers belong to the user
// who made them (developers.google.com/apps-script/guides/triggers/installable#restrictions), so two people
// who both ran an older setup each have a set, and every submission or edit fires twice. The first run to
// claim an event under the script lock handles it; the other sees the claim and stops.
// Claims live in one Script Property (a JSON map of short hashes to claim times), pruned by age and count
// so it stays far below the 9 KB a value may hold.
import { stableHash } from '../../shared/platform/hash';
import type { PropertyStore, ScriptLock } from './ports';

export const SEEN_PROP = 'COCREATE_SEEN';
/** Twin triggers fire within seconds of each other; a claim older than this is forgotten. */
export const SEEN_TTL_MS = 6 * 3600_000;
/**
 * An edit is recognised by its cells, which a person may legitimately set to the same values again later:
 * its claim lasts only as long as a twin firing can lag (one lock wait and a send).
 */
export const EDIT_TTL_MS = 2 * 60_000;
/** At ~30 bytes a claim, well inside one property value. */
export const SEEN_MAX = 200;
export const CLAIM_LOCK_MS = 10_000;

function readSeen(props: PropertyStore): Record<string, number> {
  try {
    const v = JSON.parse(props.get(SEEN_PROP) ?? '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/**
 * Claims an event for this run while the caller holds the script lock. True when no other run has claimed
 * it; false for a twin firing.
 */
export function claimLocked(props: PropertyStore, key: string, now: Date, ttlMs = SEEN_TTL_MS): boolean {
  const id = stableHash(key);
  const t = now.getTime();
  const seen = readSeen(props);
  if (seen[id] !== undefined && t - seen[id] < ttlMs) return false;
  const kept = Object.entries(seen)
    .filter(([, at]) => typeof at === 'number' && t - at < SEEN_TTL_MS)
    .sort((a, b) => b[1] - a[1])
    .slice(0, SEEN_MAX - 1);
  try {
    props.set(SEEN_PROP, JSON.stringify(Object.fromEntries([[id, t], ...kept])));
  } catch {
    // A full property store must not drop the event: handle it (the API absorbs a rare double).
  }
  return true;
}

/**
 * claimLocked under its own short hold of the lock. When the lock cannot be had the event is handled
 * anyway: the API is idempotent by response id, so a rare double costs at most a repeated request.
 */
export function claim(deps: { props: PropertyStore; lock: ScriptLock }, key: string, now: Date): boolean {
  if (!deps.lock.tryLock(CLAIM_LOCK_MS)) return true;
  try {
    return claimLocked(deps.props, key, now);
  } finally {
    deps.lock.release();
  }
}
