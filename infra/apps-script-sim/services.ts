// In-memory fakes of exactly the Apps Script services the bundle uses, for the end-to-end tests and the demo:
// this file wires them together; each service is in script-services/ (the spreadsheet in spreadsheet-fake.ts).
// Each fake states the behaviour of Google's service it assumes, with the reference page it comes from;
// docs/google-assumptions.md lists them all, and which are unverified.
// Every method call is counted (`calls`) so tests can assert how often a service was used.
import { createDocumentFake, type SimDocumentSnapshot } from './document-fake';
import {
  type FakeFormSubmitEvent,
  type FormSubmitEventArgs,
  formSubmitEvent,
  sheetTimestamp,
} from './events';
import { createFormFake, type SimForm, type SimFormSnapshot } from './form-fake';
import { CallCounter, SimClock, scopeOf } from './script-services/calls';
import { createExecutions, type SimExecution } from './script-services/executions';
import { createLockService } from './script-services/lock';
import { createMailApp, type SimMail } from './script-services/mail';
import { createPropertiesService } from './script-services/properties';
import { createScriptApp, type SimTrigger } from './script-services/script-app';
import { createLogging, createSession, type SimLog } from './script-services/session-logs';
import { createUrlFetchApp, type SimFetch } from './script-services/url-fetch';
import { createUtilities } from './script-services/utilities';
import {
  createSpreadsheetFake,
  type SimSheetSnapshot,
  type SimSpreadsheetSnapshot,
  type UserEditArgs,
} from './spreadsheet-fake';
import type { SyncHttpRequest, SyncHttpResponse } from './sync-http';

export type { SimDocElement, SimDocumentSnapshot } from './document-fake';
export type { SimForm, SimFormItem, SimFormSnapshot } from './form-fake';
export { CallCounter, SimClock, scopeOf } from './script-services/calls';
export {
  DAILY_TRIGGER_RUNTIME_MS,
  MAX_EXECUTION_MS,
  type SimExecution,
} from './script-services/executions';
export { DEFAULT_MAIL_QUOTA, type SimMail } from './script-services/mail';
export { MAX_PROPERTY_STORE_BYTES, MAX_PROPERTY_VALUE_BYTES } from './script-services/properties';
export { MAX_TRIGGERS, type SimTrigger } from './script-services/script-app';
export type { SimLog } from './script-services/session-logs';
export type { SimFetch } from './script-services/url-fetch';
export type {
  SimCellValue,
  SimSheetSnapshot,
  SimSpreadsheetSnapshot,
  UserEditArgs,
} from './spreadsheet-fake';

export interface SimOptions {
  /** Initial Script Properties. */
  properties?: Record<string, string>;
  /** Does UrlFetchApp's HTTP; by default a SyncHttp worker, created on first use and closed by close(). */
  transport?: (request: SyncHttpRequest) => SyncHttpResponse;
  fetchTimeoutMs?: number;
  /** The form the script is bound to (FormApp.getActiveForm()); null for a standalone script. */
  activeForm?: SimForm | null;
  /** Other forms the script may open by id. */
  forms?: SimForm[];
  /** Start of the simulated clock (default: now). */
  now?: Date | number;
  /** Echo console output to this process's console. */
  echo?: boolean;
  /** MailApp recipients left today (default 100, the consumer-account quota). */
  mailQuota?: number;
  /** Session.getActiveUser().getEmail(); '' as for a person outside the script owner's domain. */
  activeUser?: string;
  /** Who runs the script (Session.getEffectiveUser(), the owner of the triggers it installs). */
  user?: string;
  /**
   * The scopes the user ticked on the consent screen; every scope when absent. A service whose scope is
   * missing throws as Apps Script does (granular consent).
   */
  grantedScopes?: string[];
  /** A script bound to a spreadsheet (SpreadsheetApp.getActiveSpreadsheet() is a spreadsheet). */
  spreadsheetBound?: boolean;
  /** Fixed cost of starting one execution, added to its simulated duration (default 0; unverified). */
  executionOverheadMs?: number;
  /** Daily trigger runtime (default 90 min, a consumer account; 6 h on Workspace). */
  dailyTriggerRuntimeMs?: number;
  /** Simulated time each DocumentApp call takes (default 0; unverified). */
  documentCallMs?: number;
}

export interface AppsScriptSim {
  /** The global objects to install in the script's context. */
  globals: Record<string, unknown>;
  calls: CallCounter;
  clock: SimClock;
  logs: SimLog[];
  fetches: SimFetch[];
  /** Emails MailApp sent. */
  mails: SimMail[];
  menus: { title: string; items: { caption: string; functionName: string }[] }[];
  properties(): Record<string, string>;
  /** Every installed trigger, of every user. */
  triggers(): SimTrigger[];
  /** The user the next execution runs as (Session.getEffectiveUser()). */
  setUser(email: string): void;
  /** Dialogs shown with Ui.alert, in order. */
  alerts: { title: string; message: string }[];
  /** Every form the script can see (the bound one, others, the ones it created), with their items. */
  forms(): SimFormSnapshot[];
  /** Every spreadsheet the script created, with its tabs as they are now. */
  spreadsheets(): SimSpreadsheetSnapshot[];
  /** Every Google Doc the script created (DocumentApp), with its body as it is now. */
  documents(): SimDocumentSnapshot[];
  /** One tab (of the first spreadsheet unless an id is given), or undefined. */
  sheet(name: string, spreadsheetId?: string): SimSheetSnapshot | undefined;
  /** Writes cells for a test's set-up: not counted, no event. */
  seedCells(args: UserEditArgs): void;
  /**
   * Edits cells as a reviewer would (typed values, e.g. 4 or "Diterima / Accepted") and returns the event
   * object the installed edit trigger receives; pass it to the bundle's onReviewEdit.
   */
  userEdit(args: UserEditArgs): Record<string, unknown>;
  /**
   * A respondent submits the form: the response lands in the form's destination spreadsheet (when it has
   * one), and the event the installed form-submit trigger receives comes back; pass it to onFormSubmit.
   */
  submitResponse(args: FormSubmitEventArgs, formId?: string): FakeFormSubmitEvent;
  /** Makes the script lock look held by another execution (or frees it again). */
  holdLockElsewhere(held: boolean): void;
  /**
   * Starts one execution (load.ts calls it). `trigger`: started by a trigger, which counts against the
   * daily trigger runtime; refused (throws, as Apps Script stops firing) once that is used up.
   */
  beginExecution(name: string, trigger?: boolean): void;
  /** Ends one execution: Apps Script releases any lock it still holds; its simulated duration is recorded. */
  endExecution(): void;
  /** Every execution so far, with its simulated duration (clock time plus the fixed overhead). */
  executions: SimExecution[];
  /** Simulated trigger runtime used since the start of the simulated day (ms). */
  triggerRuntimeTodayMs(): number;
  close(): Promise<void>;
}

export const DEFAULT_FORM: SimForm = { id: 'sim-form-1', title: 'Usulan Komitmen / Commitment Proposal' };
export const DEFAULT_USER = 'sekretariat@example.org';

export function createAppsScriptServices(options: SimOptions = {}): AppsScriptSim {
  const calls = new CallCounter();
  const clock = new SimClock(options.now);
  const logs: SimLog[] = [];
  const fetches: SimFetch[] = [];
  const mails: SimMail[] = [];
  const menus: AppsScriptSim['menus'] = [];
  const alerts: AppsScriptSim['alerts'] = [];
  let user = options.user ?? DEFAULT_USER;
  const granted = options.grantedScopes ? new Set(options.grantedScopes) : null;
  const runs = createExecutions(clock, {
    ...(options.executionOverheadMs !== undefined ? { overheadMs: options.executionOverheadMs } : {}),
    ...(options.dailyTriggerRuntimeMs !== undefined
      ? { dailyTriggerRuntimeMs: options.dailyTriggerRuntimeMs }
      : {}),
  });
  const counted =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.hit(name);
      // Apps Script stops an execution at its next service call once it has run for 6 minutes.
      if (runs.overtime()) throw new Error('Exception: Exceeded maximum execution time');
      const scope = scopeOf(name);
      if (granted && scope && !granted.has(scope))
        throw new Error(
          `Exception: You do not have permission to call ${name}. Required permissions: ${scope}`,
        );
      return fn(...args);
    };
  let nextObjectId = 1;
  const sheets = createSpreadsheetFake(counted, () => String(nextObjectId++), {
    bound: options.spreadsheetBound === true,
  });
  const docs = createDocumentFake(
    counted,
    () => String(nextObjectId++),
    (ms) => clock.advance(ms),
    options.documentCallMs ?? 0,
  );

  const properties = createPropertiesService(counted, options.properties);
  const urlFetch = createUrlFetchApp(counted, fetches, options);
  const Utilities = createUtilities(counted, clock);
  const lock = createLockService(counted, clock);

  // --- FormApp (form-fake.ts) ------------------------------------------------------------------
  const formFake = createFormFake(counted, {
    active: options.activeForm === undefined ? DEFAULT_FORM : options.activeForm,
    alerts,
    others: options.forms ?? [],
    menus,
    newId: () => String(nextObjectId++),
    linkSpreadsheet: (id) => sheets.linkFormResponses(id),
  });
  const FormApp = formFake.FormApp;

  const script = createScriptApp(counted, {
    user: () => user,
    granted,
    hasForm: (id) => formFake.has(id),
    hasSpreadsheet: (id) => sheets.has(id),
  });
  const { triggers } = script;
  const MailApp = createMailApp(counted, mails, options.mailQuota);
  const Session = createSession(counted, options.activeUser ?? '', () => user);
  const logging = createLogging(counted, logs, options.echo);

  return {
    globals: {
      PropertiesService: properties.PropertiesService,
      UrlFetchApp: urlFetch.UrlFetchApp,
      Utilities,
      LockService: lock.LockService,
      FormApp,
      ScriptApp: script.ScriptApp,
      SpreadsheetApp: sheets.SpreadsheetApp,
      DocumentApp: docs.DocumentApp,
      MailApp,
      Session,
      Charts: sheets.Charts,
      Logger: logging.Logger,
      console: logging.console,
    },
    calls,
    clock,
    logs,
    fetches,
    mails,
    menus,
    properties: () => Object.fromEntries(properties.store),
    triggers: () => triggers.map((t) => ({ ...t })),
    setUser(email) {
      user = email;
    },
    alerts,
    forms: () => formFake.forms(),
    spreadsheets: () => sheets.spreadsheets(),
    documents: () => docs.documents(),
    sheet: (name, spreadsheetId) => sheets.sheet(name, spreadsheetId),
    seedCells: (args) => sheets.seed(args),
    userEdit(args) {
      // The event comes from the edit trigger installed for the edited spreadsheet (its triggerUid is the
      // trigger's getUniqueId(), docs/google-assumptions.md).
      const id = sheets.idOf(args.spreadsheetId);
      const installed = triggers.find((t) => t.eventType === 'ON_EDIT' && t.sourceId === id);
      return sheets.userEdit(args, args.triggerUid ?? installed?.id);
    },
    submitResponse(args, formId) {
      const id = formId ?? (options.activeForm === undefined ? DEFAULT_FORM : options.activeForm)?.id ?? '';
      const event = formSubmitEvent({ ...args, shape: 'form' }, id);
      const to = formFake.destination(id);
      if (to) {
        const at = args.timestamp === undefined ? new Date(clock.now()) : new Date(args.timestamp);
        const headers = ['Timestamp', ...(to.collectEmail ? ['Email Address'] : []), ...to.titles];
        const answer = (t: string) => {
          const a = args.answersByTitle[t];
          return Array.isArray(a) ? a.join(', ') : (a ?? '');
        };
        const row = [
          sheetTimestamp(at),
          ...(to.collectEmail ? [args.respondentEmail ?? ''] : []),
          ...to.titles.map(answer),
        ];
        sheets.appendResponse(to.spreadsheetId, to.tab, headers, row);
      }
      return event;
    },
    holdLockElsewhere(held) {
      lock.holdElsewhere(held);
    },
    beginExecution(name, trigger = false) {
      runs.begin(name, trigger);
    },
    endExecution() {
      lock.releaseAtEnd();
      runs.end();
    },
    executions: runs.executions,
    triggerRuntimeTodayMs: runs.triggerRuntimeTodayMs,
    close: () => urlFetch.close(),
  };
}
