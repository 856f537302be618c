// ScriptLock over LockService: one lock for every execution of this script project.
// developers.google.com/apps-script/reference/lock/lock-service#getScriptLock()
import type { ScriptLock } from '../ports';

export function scriptLock(): ScriptLock {
  const lock = LockService.getScriptLock();
  return {
    tryLock: (timeoutMs) => lock.tryLock(timeoutMs),
    release: () => {
      if (lock.hasLock()) lock.releaseLock();
    },
  };
}
