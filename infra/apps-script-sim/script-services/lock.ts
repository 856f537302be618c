// LockService: the one script lock every execution shares.
import type { Counted, SimClock } from './calls';

export function createLockService(counted: Counted, clock: SimClock) {
  // developers.google.com/apps-script/reference/lock/lock-service#getScriptLock() and .../lock/lock:
  // one lock shared by every execution of the script; each getScriptLock() returns a new Lock object;
  // tryLock returns false on timeout, waitLock throws; hasLock tells whether this Lock object holds it;
  // the lock is released automatically when the execution ends.
  let holder: object | 'elsewhere' | null = null;
  const LockService = {
    getScriptLock: counted('LockService.getScriptLock', () => {
      const lock: Record<string, unknown> = {
        tryLock: counted('Lock.tryLock', (timeoutMs: number) => {
          if (holder === null || holder === lock) {
            holder = lock;
            return true;
          }
          clock.advance(Math.max(0, Number(timeoutMs) || 0));
          return false;
        }),
        waitLock: counted('Lock.waitLock', (timeoutMs: number) => {
          if (holder === null || holder === lock) {
            holder = lock;
            return;
          }
          clock.advance(Math.max(0, Number(timeoutMs) || 0));
          throw new Error('Exception: Lock timeout: another process was holding the lock for too long.');
        }),
        hasLock: counted('Lock.hasLock', () => holder === lock),
        releaseLock: counted('Lock.releaseLock', () => {
          if (holder === lock) holder = null;
        }),
      };
      return lock;
    }),
  };
  return {
    LockService,
    /** Makes the lock look held by another execution (or frees it again). */
    holdElsewhere(held: boolean): void {
      if (held) holder = 'elsewhere';
      else if (holder === 'elsewhere') holder = null;
    },
    /** The execution ended: Apps Script releases a lock it still holds. */
    releaseAtEnd(): void {
      if (holder !== 'elsewhere') holder = null;
    },
  };
}
