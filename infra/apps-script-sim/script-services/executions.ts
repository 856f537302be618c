// Executions: the 6-minute limit per execution and the daily trigger runtime quota.
import type { SimClock } from './calls';

export interface SimExecution {
  name: string;
  trigger: boolean;
  /** Simulated start (ms since epoch) and duration. */
  startedAt: number;
  ms: number;
}

/** developers.google.com/apps-script/guides/services/quotas: "Script runtime 6 min / execution". */
export const MAX_EXECUTION_MS = 6 * 60_000;
/** developers.google.com/apps-script/guides/services/quotas: "Triggers total runtime 90 min / day" (consumer). */
export const DAILY_TRIGGER_RUNTIME_MS = 90 * 60_000;

export function createExecutions(
  clock: SimClock,
  options: { overheadMs?: number; dailyTriggerRuntimeMs?: number },
) {
  let execution: { name: string; trigger: boolean; startedAt: number } | null = null;
  const executions: SimExecution[] = [];

  // The quota day is taken as the UTC day of the simulated clock (unverified: Google does not say which).
  function triggerRuntimeTodayMs(): number {
    const day = Math.floor(clock.now() / 86_400_000);
    return executions
      .filter((e) => e.trigger && Math.floor(e.startedAt / 86_400_000) === day)
      .reduce((n, e) => n + e.ms, 0);
  }

  return {
    executions,
    triggerRuntimeTodayMs,
    /** Whether the running execution is past its 6 minutes (Apps Script stops it at its next service call). */
    overtime: () => execution !== null && clock.now() - execution.startedAt > MAX_EXECUTION_MS,
    begin(name: string, trigger: boolean): void {
      if (trigger) {
        const quota = options.dailyTriggerRuntimeMs ?? DAILY_TRIGGER_RUNTIME_MS;
        if (triggerRuntimeTodayMs() >= quota)
          throw new Error('Exception: Service using too much computer time for one day');
      }
      execution = { name, trigger, startedAt: clock.now() };
    },
    end(): void {
      if (execution) {
        const ms = clock.now() - execution.startedAt + (options.overheadMs ?? 0);
        executions.push({ ...execution, ms });
        clock.advance(options.overheadMs ?? 0);
        execution = null;
      }
    },
  };
}
