// In-memory fakes of exactly the Apps Script services the bundle uses, for the end-to-end tests and the demo.
// Each fake states the behaviour of Google's service it assumes, with the reference page it comes from.
// Every method call is counted (`calls`) so tests can assert how often a service was used.
import { createHmac, randomUUID } from 'node:crypto';
import { SyncHttp, type SyncHttpRequest, type SyncHttpResponse } from './sync-http';

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

export interface SimForm {
  id: string;
  title: string;
}

export interface SimTrigger {
  id: string;
  handler: string;
  eventType: 'ON_FORM_SUBMIT' | 'CLOCK';
  source: 'FORMS' | 'CLOCK';
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
}

export interface AppsScriptSim {
  /** The global objects to install in the script's context. */
  globals: Record<string, unknown>;
  calls: CallCounter;
  clock: SimClock;
  logs: SimLog[];
  fetches: SimFetch[];
  menus: { title: string; items: { caption: string; functionName: string }[] }[];
  properties(): Record<string, string>;
  triggers(): SimTrigger[];
  /** Makes the script lock look held by another execution (or frees it again). */
  holdLockElsewhere(held: boolean): void;
  /** Ends one execution: Apps Script releases any lock it still holds. */
  endExecution(): void;
  close(): Promise<void>;
}

export const DEFAULT_FORM: SimForm = { id: 'sim-form-1', title: 'Usulan Komitmen / Commitment Proposal' };

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export function createAppsScriptServices(options: SimOptions = {}): AppsScriptSim {
  const calls = new CallCounter();
  const clock = new SimClock(options.now);
  const logs: SimLog[] = [];
  const fetches: SimFetch[] = [];
  const menus: AppsScriptSim['menus'] = [];
  const counted =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.hit(name);
      return fn(...args);
    };

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

  // --- FormApp ----------------------------------------------------------------------------------
  // developers.google.com/apps-script/reference/forms/form-app: getActiveForm() returns null when the
  // script is not bound to a form; openById throws for an unknown or inaccessible id; getUi() throws
  // outside a bound form. Menus: developers.google.com/apps-script/reference/base/menu (addToUi shows it).
  const active = options.activeForm === undefined ? DEFAULT_FORM : options.activeForm;
  const known = new Map<string, SimForm>(
    [...(active ? [active] : []), ...(options.forms ?? [])].map((f) => [f.id, f]),
  );
  const formObject = (f: SimForm) => ({
    getId: counted('Form.getId', () => f.id),
    getTitle: counted('Form.getTitle', () => f.title),
  });
  const FormApp = {
    getActiveForm: counted('FormApp.getActiveForm', () => (active ? formObject(active) : null)),
    openById: counted('FormApp.openById', (id: string) => {
      const f = known.get(String(id));
      if (!f) {
        throw new Error(
          'Exception: No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.',
        );
      }
      return formObject(f);
    }),
    getUi: counted('FormApp.getUi', () => {
      if (!active) throw new Error('Exception: Cannot call FormApp.getUi() from this context.');
      return {
        createMenu: counted('Ui.createMenu', (title: string) => {
          const items: { caption: string; functionName: string }[] = [];
          const menu: Record<string, unknown> = {
            addItem: counted('Menu.addItem', (caption: string, functionName: string) => {
              items.push({ caption, functionName });
              return menu;
            }),
            addSeparator: counted('Menu.addSeparator', () => menu),
            addToUi: counted('Menu.addToUi', () => {
              menus.push({ title, items: [...items] });
            }),
          };
          return menu;
        }),
      };
    }),
  };

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
  const install = (t: Omit<SimTrigger, 'id'>) => {
    if (triggers.length >= MAX_TRIGGERS) {
      throw new Error(
        'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
      );
    }
    const trigger = { ...t, id: String(nextTriggerId++) };
    triggers.push(trigger);
    return triggerObject(trigger);
  };
  const ScriptApp = {
    EventType,
    TriggerSource,
    getProjectTriggers: counted('ScriptApp.getProjectTriggers', () => triggers.map(triggerObject)),
    deleteTrigger: counted('ScriptApp.deleteTrigger', (trigger: { getUniqueId(): string }) => {
      const at = triggers.findIndex((t) => t.id === trigger.getUniqueId());
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
            if (!known.has(formId))
              throw new Error(`Exception: No item with the given ID could be found: ${formId}`);
            return install({ handler, eventType: event, source: 'FORMS', sourceId: formId });
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

  return {
    globals: {
      PropertiesService,
      UrlFetchApp,
      Utilities,
      LockService,
      FormApp,
      ScriptApp,
      Logger,
      console: simConsole,
    },
    calls,
    clock,
    logs,
    fetches,
    menus,
    properties: () => Object.fromEntries(store),
    triggers: () => triggers.map((t) => ({ ...t })),
    holdLockElsewhere(held) {
      if (held) holder = 'elsewhere';
      else if (holder === 'elsewhere') holder = null;
    },
    endExecution() {
      if (holder !== 'elsewhere') holder = null;
    },
    async close() {
      await http?.close();
      http = undefined;
    },
  };
}
