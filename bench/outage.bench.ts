// Trigger runtime a 24-hour API outage uses, on the built Code.js in the simulation: the retryOutbox
// trigger fires every 10 minutes for a day (and 20 submissions arrive through onFormSubmit) while every
// fetch hangs for HANG_MS and then fails. The simulated clock measures each execution; nothing here is a
// wall-clock timing. Target: at most 10 trigger minutes a day for retryOutbox (the consumer quota is 90).
import { join } from 'node:path';
import { loadAppsScript } from '../infra/apps-script-sim/load';
import { createAppsScriptServices } from '../infra/apps-script-sim/services';
import { SAMPLE_PROPOSALS } from '../infra/demo/sample-round';
import { formSpec } from '../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../shared/definitions/round';
import { answersToTitles } from '../shared/ingest/answers';
import { type Result, ROOT } from './support';

/** How long UrlFetchApp waits for an unreachable host before it throws (unverified: about a minute). */
export const HANG_MS = 60_000;
/** Fixed cost of one execution (unverified; a conservative guess). */
export const OVERHEAD_MS = 1_000;
const EVERY_MS = 10 * 60_000;
const DAY_MS = 24 * 3600_000;

export function outageMinutes(submissions: number): {
  retry: number;
  submit: number;
  runs: number;
  fetches: number;
} {
  const start = Date.parse('2026-12-02T00:00:00Z');
  const sim = createAppsScriptServices({
    properties: { COCREATE_API_URL: 'https://api.example.org', COCREATE_SIGNING_SECRET: 'x'.repeat(40) },
    now: start,
    executionOverheadMs: OVERHEAD_MS,
    // Setup runs before the outage; the review spreadsheet is there.
    transport: () => {
      if (sim.clock.now() < start + 60_000) return { status: 201, headers: {}, body: '{}' };
      sim.clock.advance(HANG_MS);
      throw new Error('Exception: Timeout: https://api.example.org/v1/proposals');
    },
  });
  const app = loadAppsScript(join(ROOT, 'dist', 'apps-script', 'Code.js'), sim);
  app.call('setup');
  sim.clock.advance(60_000 - (sim.clock.now() - start));
  const spec = formSpec(DEFAULT_ROUND);
  const arrivals = Array.from({ length: submissions }, (_, i) => start + ((i + 0.5) * DAY_MS) / submissions);
  let next = 0;
  let runs = 0;
  for (let t = start + EVERY_MS; t < start + DAY_MS; t += EVERY_MS) {
    while (next < arrivals.length && (arrivals[next] ?? Infinity) <= t) {
      if (sim.clock.now() < (arrivals[next] ?? 0)) sim.clock.advance((arrivals[next] ?? 0) - sim.clock.now());
      const s = SAMPLE_PROPOSALS[next % SAMPLE_PROPOSALS.length];
      if (s)
        app.fire(
          'onFormSubmit',
          sim.submitResponse({
            responseId: `outage-${next}`,
            timestamp: new Date(sim.clock.now()),
            answersByTitle: answersToTitles(spec, s.answers),
          }),
        );
      next++;
    }
    if (sim.clock.now() < t) sim.clock.advance(t - sim.clock.now());
    app.fire('retryOutbox', { triggerUid: 'retry-trigger' });
    runs++;
  }
  const minutes = (name: string) =>
    sim.executions.filter((e) => e.trigger && e.name === name).reduce((n, e) => n + e.ms, 0) / 60_000;
  return {
    retry: minutes('retryOutbox'),
    submit: minutes('onFormSubmit'),
    runs,
    fetches: sim.calls.count('UrlFetchApp.fetch'),
  };
}

export async function benchOutage(log: (s: string) => void): Promise<Result[]> {
  const busy = outageMinutes(20);
  // Without the breaker every scheduled run with due entries would wait on them until its 4-minute budget.
  const naive = (busy.runs * (4 * 60_000 + HANG_MS + OVERHEAD_MS)) / 60_000;
  log(
    `  24 h outage, fetch hangs ${HANG_MS / 1000} s, 20 submissions: ${busy.runs} scheduled runs, ` +
      `${busy.fetches} fetches in all; retryOutbox ${busy.retry.toFixed(1)} min, onFormSubmit ${busy.submit.toFixed(1)} min`,
  );
  return [
    {
      name: 'outage_24h_retry_trigger_minutes',
      value: busy.retry,
      unit: 'min/day',
      target: '<= 10',
    },
    {
      name: 'outage_24h_with_20_submissions_minutes',
      value: busy.retry + busy.submit,
      unit: 'min/day',
      baseline: 'no breaker (estimate: every run spends its 4-min budget)',
      ratio: naive / (busy.retry + busy.submit),
    },
  ];
}
