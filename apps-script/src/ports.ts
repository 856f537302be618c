// The narrow interfaces the Apps Script logic needs. Adapters implement them over the Apps Script services;
// tests implement them in memory. Plain TypeScript: no GoogleAppsScript types here, so the logic runs under jest.

/** Script Properties: string values, each under ~9 KB, the whole store under ~500 KB. */
export interface PropertyStore {
  get(key: string): string | null;
  /** Throws when a quota is exceeded (value too large, store full). */
  set(key: string, value: string): void;
  delete(key: string): void;
  keys(): string[];
}

export interface HttpRequest {
  url: string;
  method: 'get' | 'post';
  headers: Record<string, string>;
  contentType?: string;
  payload?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
}

/** Returns every HTTP status (never throws for one); throws only when there is no response at all. */
export interface HttpClient {
  fetch(request: HttpRequest): HttpResponse;
}

/** The script-wide lock (one holder across all executions of this project). */
export interface ScriptLock {
  tryLock(timeoutMs: number): boolean;
  release(): void;
}

export type TriggerKind = 'form-submit' | 'clock' | 'other';

export interface TriggerInfo {
  id: string;
  handler: string;
  kind: TriggerKind;
}

export interface TriggerPort {
  list(): TriggerInfo[];
  delete(id: string): void;
  createFormSubmit(handler: string, formId: string): TriggerInfo;
  createEveryMinutes(handler: string, minutes: number): TriggerInfo;
}

export interface FormRef {
  id: string;
  title: string;
}

export interface FormPort {
  /** The form this script is bound to, or null for a standalone or spreadsheet-bound script. */
  active(): FormRef | null;
  /** Throws when the form does not exist or is not shared with the script's owner. */
  open(id: string): FormRef;
}

export interface MenuItem {
  caption: string;
  functionName: string;
}

export interface MenuPort {
  addMenu(title: string, items: readonly MenuItem[]): void;
}

export interface Log {
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** Returns the lowercase hex HMAC-SHA256 of message under key (both UTF-8). */
export type HmacHex = (key: string, message: string) => string;

export type Clock = () => Date;

/** A fresh unique id (letters, digits and '-'), e.g. a UUID. */
export type NewId = () => string;

/** One answered item of a form response (the parts of FormResponse/ItemResponse the logic reads). */
export interface ItemResponseLike {
  getItem(): { getTitle(): string };
  getResponse(): unknown;
}

export interface FormResponseLike {
  getId(): string;
  getTimestamp(): Date;
  getEditResponseUrl(): string;
  getRespondentEmail?(): string;
  getItemResponses(): ItemResponseLike[];
}

/**
 * A form-submit event: `response` from a trigger on the form, `namedValues`/`values` from a trigger on
 * the response spreadsheet. developers.google.com/apps-script/guides/triggers/events#form-submit
 */
export interface FormSubmitEventLike {
  response?: FormResponseLike;
  namedValues?: Record<string, string[] | undefined>;
  values?: string[];
}
