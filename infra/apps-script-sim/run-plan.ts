// Runs the built Apps Script bundle through a scripted sequence of calls against the fake services and
// reports what happened. Synchronous: run it on a thread that does not also host the HTTP server it calls
// (worker-runner.ts runs it in a worker thread for exactly that reason).
import type { FormSubmitEventArgs } from './events';
import { loadAppsScript } from './load';
import {
  createAppsScriptServices,
  type SimForm,
  type SimFormSnapshot,
  type SimSpreadsheetSnapshot,
  type SimTrigger,
  type UserEditArgs,
} from './services';

export interface RunPlan {
  /** Initial Script Properties (COCREATE_API_URL, COCREATE_SIGNING_SECRET, ...). */
  properties?: Record<string, string>;
  /** Global functions to run first, in order, without arguments (e.g. ['setup']). */
  calls?: string[];
  /** Then each of these is delivered to onFormSubmit as a form-submit event. */
  events?: FormSubmitEventArgs[];
  /** Then each of these is typed into the review spreadsheet and delivered to onReviewEdit. */
  edits?: UserEditArgs[];
  /** Then these run, in order, without arguments (e.g. ['retryOutbox']). */
  after?: string[];
  /** The form the script is bound to (default: a simulated form); null for a standalone script. */
  activeForm?: SimForm | null;
  fetchTimeoutMs?: number;
  /** Echo the script's console output. */
  echo?: boolean;
}

export interface CallReport {
  name: string;
  responseId?: string;
  ok: boolean;
  result?: unknown;
  error?: string;
  logs: string[];
  ms: number;
}

export interface RunSummary {
  calls: CallReport[];
  /** Entries waiting in the outbox / kept in the failed list after the last call. */
  outboxSize: number;
  failedSize: number;
  properties: Record<string, string>;
  triggers: SimTrigger[];
  /** The spreadsheets the script created (review, intake), as they are after the last call. */
  spreadsheets: SimSpreadsheetSnapshot[];
  /** The forms the script can see (the bound one first), with their items and settings. */
  forms: SimFormSnapshot[];
  /** Calls per service method (e.g. "UrlFetchApp.fetch"). */
  counts: Record<string, number>;
  /** Names the bundle added to the global scope. */
  globals: string[];
}

/** Turns a value from the script's realm into plain JSON data (safe to post between threads). */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

export function runPlan(codePath: string, plan: RunPlan): RunSummary {
  const sim = createAppsScriptServices({
    ...(plan.properties ? { properties: plan.properties } : {}),
    ...(plan.activeForm !== undefined ? { activeForm: plan.activeForm } : {}),
    ...(plan.fetchTimeoutMs ? { fetchTimeoutMs: plan.fetchTimeoutMs } : {}),
    ...(plan.echo ? { echo: true } : {}),
  });
  const reports: CallReport[] = [];
  try {
    const script = loadAppsScript(codePath, sim);
    const run = (name: string, args: unknown[], responseId?: string) => {
      const firstLog = sim.logs.length;
      const started = Date.now();
      const report: CallReport = { name, ok: true, logs: [], ms: 0, ...(responseId ? { responseId } : {}) };
      try {
        report.result = plain(script.call(name, ...args));
      } catch (e) {
        report.ok = false;
        report.error = String((e as Error)?.message ?? e);
      }
      report.ms = Date.now() - started;
      report.logs = sim.logs.slice(firstLog).map((l) => `${l.level}: ${l.message}`);
      reports.push(report);
    };
    const formId = plan.activeForm?.id ?? 'sim-form-1';
    for (const name of plan.calls ?? []) run(name, []);
    for (const args of plan.events ?? [])
      run('onFormSubmit', [sim.submitResponse(args, formId)], args.responseId);
    for (const args of plan.edits ?? []) run('onReviewEdit', [sim.userEdit(args)]);
    for (const name of plan.after ?? []) run(name, []);
    const properties = sim.properties();
    const count = (prefix: string) => Object.keys(properties).filter((k) => k.startsWith(prefix)).length;
    return {
      calls: reports,
      // The outbox's storage layout: one head property per entry (apps-script/src/outbox/outbox.ts).
      outboxSize: count('outbox:'),
      failedSize: count('failed:'),
      properties,
      triggers: sim.triggers(),
      spreadsheets: sim.spreadsheets(),
      forms: sim.forms(),
      counts: sim.calls.snapshot(),
      globals: script.globalNames(),
    };
  } finally {
    void sim.close();
  }
}
