// In-memory fakes of exactly the Apps Script services the bundle uses, for the end-to-end tests and the demo.
// Each fake states the behaviour of Google's service it assumes, with the reference page it comes from;
// docs/google-assumptions.md lists them all, and which are unverified.
// Every method call is counted (`calls`) so tests can assert how often a service was used.
import { createHmac, randomUUID } from 'node:crypto';
import { createDocumentFake, type SimDocumentSnapshot } from './document-fake';
import {
  type FakeFormSubmitEvent,
  type FormSubmitEventArgs,
  formSubmitEvent,
  sheetTimestamp,
} from './events';
import { createFormFake, type SimForm, type SimFormSnapshot } from './form-fake';
import {
  createSpreadsheetFake,
  type SimSheetSnapshot,
  type SimSpreadsheetSnapshot,
  type UserEditArgs,
} from './spreadsheet-fake';
import { SyncHttp, type SyncHttpRequest, type SyncHttpResponse } from './sync-http';

export type { SimDocElement, SimDocumentSnapshot } from './document-fake';
export type { SimForm, SimFormItem, SimFormSnapshot } from './form-fake';
export type {
  SimCellValue,
  SimSheetSnapshot,
  SimSpreadsheetSnapshot,
  UserEditArgs,
} from './spreadsheet-fake';

/** developers.google.com/apps-script/guides/services/quotas: "Properties value size 9 KB / val". */
export const MAX_PROPERTY_VALUE_BYTES = 9 * 1024;
/** developers.google.com/apps-script/guides/services/quotas: "Properties total storage 500 KB / property store". */
export const MAX_PROPERTY_STORE_BYTES = 500 * 1024;
/** developers.google.com/apps-script/guides/services/quotas: "Triggers 20 / user / script". */
export const MAX_TRIGGERS = 20;

export class CallCounter {
  private readonly counts = new Map<string, number>();

  hit(name: string): void {
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}

/** The simulated "now": real time plus whatever tests or Utilities.sleep advanced it by. */
export class SimClock {
  private offsetMs = 0;

  constructor(start?: Date | number) {
    if (start !== undefined) this.offsetMs = new Date(start).getTime() - Date.now();
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface SimTrigger {
  id: string;
  /** The user who installed it: it runs as them, and only they see it in getProjectTriggers(). */
  owner: string;
  handler: string;
  eventType: 'ON_FORM_SUBMIT' | 'CLOCK' | 'ON_EDIT' | 'ON_OPEN';
  source: 'FORMS' | 'CLOCK' | 'SPREADSHEETS';
  sourceId: string | null;
  everyMinutes?: number;
}

export interface SimFetch {
  url: string;
  method: string;
  headers: Record<string, string>;
  payload?: string;
  status?: number;
  error?: string;
}

export interface SimMail {
  to: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
}

/** developers.google.com/apps-script/guides/services/quotas: "Email recipients per day 100" (consumer). */
export const DEFAULT_MAIL_QUOTA = 100;

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

export interface SimLog {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

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

const SCOPE = 'https://www.googleapis.com/auth/';
/**
 * The scope each service needs (developers.google.com/apps-script/concepts/scopes and each service's
 * "Authorization" section): calls without it throw once the user unticked it on the consent screen.
 */
export function scopeOf(call: string): string | null {
  if (call.startsWith('UrlFetchApp.')) return `${SCOPE}script.external_request`;
  if (call.startsWith('MailApp.sendEmail')) return `${SCOPE}script.send_mail`;
  if (call.startsWith('ScriptApp.newTrigger') || call.startsWith('ScriptApp.getProjectTriggers'))
    return `${SCOPE}script.scriptapp`;
  if (call.startsWith('SpreadsheetApp.openById') || call.startsWith('SpreadsheetApp.create'))
    return `${SCOPE}spreadsheets`;
  if (call.startsWith('Ui.')) return `${SCOPE}script.container.ui`;
  if (call.startsWith('FormApp.openById') || call.startsWith('FormApp.getActiveForm')) return `${SCOPE}forms`;
  if (call.startsWith('DocumentApp.create') || call.startsWith('DocumentApp.openById'))
    return `${SCOPE}documents`;
  return null;
}

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

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
  let execution: { name: string; trigger: boolean; startedAt: number } | null = null;
  const executions: SimExecution[] = [];
  const counted =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.hit(name);
      // Apps Script stops an execution at its next service call once it has run for 6 minutes.
      if (execution && clock.now() - execution.startedAt > MAX_EXECUTION_MS)
        throw new Error('Exception: Exceeded maximum execution time');
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

  // --- PropertiesService ------------------------------------------------------------------------
  // developers.google.com/apps-script/reference/properties/properties: values are strings, getProperty
  // returns null for a missing key, setters return the Properties object for chaining. Assumed: the 9 KB
  // and 500 KB limits are measured in UTF-8 bytes (key + value for the store) and exceeding them throws
  // before anything is written, with the messages below.
  const store = new Map<string, string>(Object.entries(options.properties ?? {}));
  const storeBytes = (except?: string) => {
    let n = 0;
    for (const [k, v] of store) if (k !== except) n += utf8Bytes(k) + utf8Bytes(v);
    return n;
  };
  const checkedSet = (key: string, value: string) => {
    if (utf8Bytes(value) > MAX_PROPERTY_VALUE_BYTES) throw new Error('Exception: Argument too large: value');
    if (storeBytes(key) + utf8Bytes(key) + utf8Bytes(value) > MAX_PROPERTY_STORE_BYTES) {
      throw new Error(
        'Exception: You have exceeded the property storage quota. Please remove some properties and try again.',
      );
    }
    store.set(key, value);
  };
  const scriptProperties: Record<string, unknown> = {
    getProperty: counted('Properties.getProperty', (key: string) => store.get(String(key)) ?? null),
    setProperty: counted('Properties.setProperty', (key: string, value: string) => {
      checkedSet(String(key), String(value));
      return scriptProperties;
    }),
    setProperties: counted(
      'Properties.setProperties',
      (props: Record<string, string>, deleteAllOthers = false) => {
        if (deleteAllOthers) store.clear();
        for (const [k, v] of Object.entries(props)) checkedSet(k, String(v));
        return scriptProperties;
      },
    ),
    deleteProperty: counted('Properties.deleteProperty', (key: string) => {
      store.delete(String(key));
      return scriptProperties;
    }),
    deleteAllProperties: counted('Properties.deleteAllProperties', () => {
      store.clear();
      return scriptProperties;
    }),
    getProperties: counted('Properties.getProperties', () => Object.fromEntries(store)),
    getKeys: counted('Properties.getKeys', () => [...store.keys()]),
  };
  const PropertiesService = {
    getScriptProperties: counted('PropertiesService.getScriptProperties', () => scriptProperties),
  };

  // --- UrlFetchApp ------------------------------------------------------------------------------
  // developers.google.com/apps-script/reference/url-fetch/url-fetch-app#fetch(String,Object): synchronous;
  // method defaults to get; a string payload without contentType is sent as
  // application/x-www-form-urlencoded; followRedirects defaults to true; a status >= 400 throws
  // "Request failed for URL returned code N" unless muteHttpExceptions; no response at all (DNS, refused,
  // timeout) always throws. Only string payloads are supported here (the bundle sends JSON strings).
  let http: SyncHttp | undefined;
  const transport =
    options.transport ??
    ((req: SyncHttpRequest) => {
      http ??= new SyncHttp(options.fetchTimeoutMs);
      return http.request(req);
    });
  const UrlFetchApp = {
    fetch: counted('UrlFetchApp.fetch', (url: string, params: Record<string, unknown> = {}) => {
      if (!/^https?:\/\/\S+$/i.test(String(url))) throw new Error(`Exception: Invalid argument: ${url}`);
      if (params.payload !== undefined && typeof params.payload !== 'string') {
        throw new Error('apps-script-sim: only string payloads are simulated');
      }
      const headers: Record<string, string> = { ...((params.headers as Record<string, string>) ?? {}) };
      const payload = params.payload as string | undefined;
      const contentType =
        (params.contentType as string | undefined) ??
        (payload !== undefined ? 'application/x-www-form-urlencoded' : undefined);
      if (contentType) headers['Content-Type'] = contentType;
      const method = String(params.method ?? 'get').toUpperCase();
      const record: SimFetch = { url, method, headers, ...(payload !== undefined ? { payload } : {}) };
      fetches.push(record);
      let res: SyncHttpResponse;
      try {
        res = transport({
          url,
          method,
          headers,
          ...(payload !== undefined ? { payload } : {}),
          followRedirects: params.followRedirects !== false,
          ...(options.fetchTimeoutMs ? { timeoutMs: options.fetchTimeoutMs } : {}),
        });
      } catch (e) {
        record.error = String((e as Error).message ?? e);
        throw new Error(record.error.startsWith('Exception:') ? record.error : `Exception: ${record.error}`);
      }
      record.status = res.status;
      if (res.status >= 400 && !params.muteHttpExceptions) {
        throw new Error(
          `Exception: Request failed for ${url} returned code ${res.status}. Truncated server response: ${res.body.slice(0, 100)} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return {
        getResponseCode: counted('HTTPResponse.getResponseCode', () => res.status),
        getContentText: counted('HTTPResponse.getContentText', () => res.body),
      };
    }),
  };

  // --- Utilities --------------------------------------------------------------------------------
  // developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String,Charset):
  // returns a Byte[] whose values are signed Java bytes (-128..127). Charset is an enum of UTF_8 and
  // US_ASCII. getUuid() returns a random UUID string. sleep(ms) blocks; here it only advances the simulated clock (max 300000 ms per call).
  const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
  const toBuffer = (v: unknown, charset: string) =>
    Array.isArray(v)
      ? Buffer.from(v.map((b) => Number(b) & 0xff))
      : Buffer.from(String(v), charset === Charset.US_ASCII ? 'latin1' : 'utf8');
  const Utilities = {
    Charset,
    computeHmacSha256Signature: counted(
      'Utilities.computeHmacSha256Signature',
      (value: unknown, key: unknown, charset: string = Charset.UTF_8): number[] =>
        [...createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest()].map(
          (b) => (b > 127 ? b - 256 : b),
        ),
    ),
    getUuid: counted('Utilities.getUuid', () => randomUUID()),
    sleep: counted('Utilities.sleep', (ms: number) => {
      if (ms > 300_000) throw new Error('Exception: Invalid argument: milliseconds');
      clock.advance(ms);
    }),
  };

  // --- LockService ------------------------------------------------------------------------------
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

  // --- ScriptApp --------------------------------------------------------------------------------
  // developers.google.com/apps-script/reference/script/script-app: getProjectTriggers() lists this
  // project's triggers for the current user (new Trigger objects each call); deleteTrigger(trigger) removes
  // the one with the same unique id (assumed: a no-op when it is already gone); newTrigger(name) builds
  // .forForm(form|id).onFormSubmit().create() or .timeBased().everyMinutes(n).create() with n in
  // 1, 5, 10, 15, 30 (.../script/clock-trigger-builder#everyMinutes(Integer)); at most 20 triggers.
  const EventType = {
    CLOCK: 'CLOCK',
    ON_OPEN: 'ON_OPEN',
    ON_EDIT: 'ON_EDIT',
    ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
    ON_CHANGE: 'ON_CHANGE',
  };
  const TriggerSource = {
    SPREADSHEETS: 'SPREADSHEETS',
    CLOCK: 'CLOCK',
    FORMS: 'FORMS',
    DOCUMENTS: 'DOCUMENTS',
    CALENDAR: 'CALENDAR',
  };
  const triggers: SimTrigger[] = [];
  let nextTriggerId = 1000;
  const triggerObject = (t: SimTrigger) => ({
    getUniqueId: counted('Trigger.getUniqueId', () => t.id),
    getHandlerFunction: counted('Trigger.getHandlerFunction', () => t.handler),
    getEventType: counted('Trigger.getEventType', () => t.eventType),
    getTriggerSource: counted('Trigger.getTriggerSource', () => t.source),
    getTriggerSourceId: counted('Trigger.getTriggerSourceId', () => t.sourceId),
  });
  const install = (t: Omit<SimTrigger, 'id' | 'owner'>) => {
    if (triggers.filter((x) => x.owner === user).length >= MAX_TRIGGERS) {
      throw new Error(
        'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    const trigger = { ...t, id: String(nextTriggerId++), owner: user };
    triggers.push(trigger);
    return triggerObject(trigger);
  };
  const AuthMode = { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' };
  const AuthorizationStatus = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' };
  const ScriptApp = {
    EventType,
    TriggerSource,
    AuthMode,
    AuthorizationStatus,
    getScriptId: counted('ScriptApp.getScriptId', () => 'sim-script-1'),
    // developers.google.com/apps-script/reference/script/script-app#getAuthorizationInfo(AuthMode,String):
    // with a list of scopes, getAuthorizedScopes() gives those of the list the user granted; the status is
    // REQUIRED while any is missing, and getAuthorizationUrl() is where the user can grant the rest.
    getAuthorizationInfo: counted('ScriptApp.getAuthorizationInfo', (_mode: string, scopes?: string[]) => {
      const asked = scopes ? [...scopes] : [...(granted ?? [])];
      const authorized = granted ? asked.filter((x) => granted.has(x)) : asked;
      const missing = authorized.length < asked.length;
      return {
        getAuthorizationStatus: counted('AuthorizationInfo.getAuthorizationStatus', () =>
          missing ? AuthorizationStatus.REQUIRED : AuthorizationStatus.NOT_REQUIRED,
        ),
        getAuthorizationUrl: counted('AuthorizationInfo.getAuthorizationUrl', () =>
          missing ? 'https://script.google.com/macros/d/sim-script-1/authorize' : null,
        ),
        getAuthorizedScopes: counted('AuthorizationInfo.getAuthorizedScopes', () => authorized),
      };
    }),
    // Only the current user's triggers of this project, as new Trigger objects each call.
    getProjectTriggers: counted('ScriptApp.getProjectTriggers', () =>
      triggers.filter((t) => t.owner === user).map(triggerObject),
    ),
    deleteTrigger: counted('ScriptApp.deleteTrigger', (trigger: { getUniqueId(): string }) => {
      const at = triggers.findIndex((t) => t.id === trigger.getUniqueId() && t.owner === user);
      if (at >= 0) triggers.splice(at, 1);
    }),
    newTrigger: counted('ScriptApp.newTrigger', (handler: string) => ({
      forForm: counted('TriggerBuilder.forForm', (form: string | { getId(): string }) => {
        const formId = typeof form === 'string' ? form : form.getId();
        let event: 'ON_FORM_SUBMIT' | null = null;
        const builder: Record<string, unknown> = {
          onFormSubmit: counted('FormTriggerBuilder.onFormSubmit', () => {
            event = 'ON_FORM_SUBMIT';
            return builder;
          }),
          create: counted('FormTriggerBuilder.create', () => {
            if (!event)
              throw new Error('Exception: Trigger has no event type: call onFormSubmit() or onOpen() first.');
            if (!formFake.has(formId))
              throw new Error(`Exception: No item with the given ID could be found: ${formId}`);
            return install({ handler, eventType: event, source: 'FORMS', sourceId: formId });
          }),
        };
        return builder;
      }),
      forSpreadsheet: counted('TriggerBuilder.forSpreadsheet', (ss: string | { getId(): string }) => {
        const id = typeof ss === 'string' ? ss : ss.getId();
        let event: 'ON_EDIT' | 'ON_OPEN' | null = null;
        const builder: Record<string, unknown> = {
          onEdit: counted('SpreadsheetTriggerBuilder.onEdit', () => {
            event = 'ON_EDIT';
            return builder;
          }),
          onOpen: counted('SpreadsheetTriggerBuilder.onOpen', () => {
            event = 'ON_OPEN';
            return builder;
          }),
          create: counted('SpreadsheetTriggerBuilder.create', () => {
            if (!event)
              throw new Error('Exception: Trigger has no event type: call onEdit() or onOpen() first.');
            if (!sheets.has(id))
              throw new Error(`Exception: No item with the given ID could be found: ${id}`);
            return install({ handler, eventType: event, source: 'SPREADSHEETS', sourceId: id });
          }),
        };
        return builder;
      }),
      timeBased: counted('TriggerBuilder.timeBased', () => {
        let minutes: number | null = null;
        const builder: Record<string, unknown> = {
          everyMinutes: counted('ClockTriggerBuilder.everyMinutes', (n: number) => {
            if (![1, 5, 10, 15, 30].includes(n))
              throw new Error('Exception: The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
            minutes = n;
            return builder;
          }),
          create: counted('ClockTriggerBuilder.create', () => {
            if (minutes === null) throw new Error('Exception: Clock trigger has no schedule.');
            return install({
              handler,
              eventType: 'CLOCK',
              source: 'CLOCK',
              sourceId: null,
              everyMinutes: minutes,
            });
          }),
        };
        return builder;
      }),
    })),
  };

  // --- MailApp ----------------------------------------------------------------------------------
  // developers.google.com/apps-script/reference/mail/mail-app: sendEmail(message) with to, subject, body,
  // htmlBody, name (or sendEmail(to, subject, body, options)); getRemainingDailyQuota() is the number of
  // recipients left today; each recipient of a sent email uses one. Assumed: with no quota left,
  // sendEmail throws "Service invoked too many times for one day: email." and sends nothing; an address
  // without "@" throws "Invalid email: ...".
  let mailQuota = options.mailQuota ?? DEFAULT_MAIL_QUOTA;
  const MailApp = {
    getRemainingDailyQuota: counted('MailApp.getRemainingDailyQuota', () => mailQuota),
    sendEmail: counted(
      'MailApp.sendEmail',
      (first: unknown, subject?: string, body?: string, extra?: object) => {
        const m = (
          typeof first === 'object' && first !== null ? first : { to: first, subject, body, ...(extra ?? {}) }
        ) as SimMail;
        const recipients = String(m.to ?? '')
          .split(',')
          .map((r) => r.trim())
          .filter(Boolean);
        for (const r of recipients) if (!r.includes('@')) throw new Error(`Exception: Invalid email: ${r}`);
        if (recipients.length > mailQuota)
          throw new Error('Exception: Service invoked too many times for one day: email.');
        mailQuota -= recipients.length;
        mails.push({ ...m });
      },
    ),
  };

  // --- Session ----------------------------------------------------------------------------------
  // developers.google.com/apps-script/reference/base/session#getActiveUser(): the active user's email may
  // be '' when Google does not disclose it (a user outside the owner's Workspace domain, most triggers).
  const activeUser = options.activeUser ?? '';
  const Session = {
    getActiveUser: counted('Session.getActiveUser', () => ({
      getEmail: counted('User.getEmail', () => activeUser),
    })),
    getEffectiveUser: counted('Session.getEffectiveUser', () => ({
      getEmail: counted('User.getEmail', () => user),
    })),
    getScriptTimeZone: counted('Session.getScriptTimeZone', () => 'Asia/Jakarta'),
  };

  // --- console / Logger -------------------------------------------------------------------------
  // developers.google.com/apps-script/guides/logging: console.* and Logger.log write to the execution log
  // (and Cloud Logging); Logger.log formats %s placeholders.
  const write =
    (level: SimLog['level']) =>
    (...args: unknown[]) => {
      const message = args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      logs.push({ level, message });
      if (options.echo) console[level](`[apps-script] ${message}`);
    };
  const simConsole = {
    log: counted('console.log', write('log')),
    info: counted('console.info', write('info')),
    warn: counted('console.warn', write('warn')),
    error: counted('console.error', write('error')),
  };
  const Logger: Record<string, unknown> = {
    log: counted('Logger.log', (format: unknown, ...values: unknown[]) => {
      let i = 0;
      const message = String(format).replace(/%s/g, () => String(values[i++]));
      logs.push({ level: 'log', message });
      return Logger;
    }),
  };

  // The quota day is taken as the UTC day of the simulated clock (unverified: Google does not say which).
  function triggerRuntimeTodayMs(): number {
    const day = Math.floor(clock.now() / 86_400_000);
    return executions
      .filter((e) => e.trigger && Math.floor(e.startedAt / 86_400_000) === day)
      .reduce((n, e) => n + e.ms, 0);
  }

  return {
    globals: {
      PropertiesService,
      UrlFetchApp,
      Utilities,
      LockService,
      FormApp,
      ScriptApp,
      SpreadsheetApp: sheets.SpreadsheetApp,
      DocumentApp: docs.DocumentApp,
      MailApp,
      Session,
      Charts: sheets.Charts,
      Logger,
      console: simConsole,
    },
    calls,
    clock,
    logs,
    fetches,
    mails,
    menus,
    properties: () => Object.fromEntries(store),
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
      const installed = triggers.find((t) => t.eventType === 'ON_EDIT');
      return sheets.userEdit(args, installed?.id);
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
      if (held) holder = 'elsewhere';
      else if (holder === 'elsewhere') holder = null;
    },
    beginExecution(name, trigger = false) {
      if (trigger) {
        const quota = options.dailyTriggerRuntimeMs ?? DAILY_TRIGGER_RUNTIME_MS;
        if (triggerRuntimeTodayMs() >= quota)
          throw new Error('Exception: Service using too much computer time for one day');
      }
      execution = { name, trigger, startedAt: clock.now() };
    },
    endExecution() {
      if (holder !== 'elsewhere') holder = null;
      if (execution) {
        const ms = clock.now() - execution.startedAt + (options.executionOverheadMs ?? 0);
        executions.push({ ...execution, ms });
        clock.advance(options.executionOverheadMs ?? 0);
        execution = null;
      }
    },
    executions,
    triggerRuntimeTodayMs,
    async close() {
      await http?.close();
      http = undefined;
    },
  };
}
