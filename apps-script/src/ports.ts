// The narrow interfaces the Apps Script logic needs. Adapters implement them over the Apps Script services;
// tests implement them in memory. Plain TypeScript: no GoogleAppsScript types here, so the logic runs under jest.

import type { DocBlock } from '../../shared/publishing/action-plan';

/** Script Properties: string values, each under ~9 KB, the whole store under ~500 KB. */
export interface PropertyStore {
  get(key: string): string | null;
  /** Throws when a quota is exceeded (value too large, store full). */
  set(key: string, value: string): void;
  delete(key: string): void;
  keys(): string[];
  /** Every property in one read (what is read together, such as the configuration, costs one call). */
  getAll(): Record<string, string>;
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

export type TriggerKind = 'form-submit' | 'clock' | 'spreadsheet-edit' | 'other';

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
  createSpreadsheetEdit(handler: string, spreadsheetId: string): TriggerInfo;
}

export interface FormRef {
  id: string;
  title: string;
}

/** The kinds of Google Form items the spec needs (developers.google.com/apps-script/reference/forms/item-type). */
export type FormItemKind = 'header' | 'page' | 'text' | 'paragraph' | 'choice' | 'checkbox' | 'date';

export interface FormItemSpec {
  kind: FormItemKind;
  title: string;
  /** '' for none. */
  help: string;
  /** Ignored by header and page items. */
  required: boolean;
  /** choice and checkbox items. */
  choices?: string[];
  /** text and paragraph items: at most this many characters; text items: an email address, or a number. */
  validation?: { maxLength?: number; email?: boolean; number?: boolean; helpText?: string };
}

export interface FormItemRef {
  id: string;
  kind: FormItemKind | 'other';
  title: string;
}

export interface FormSettings {
  title: string;
  description: string;
  confirmation: string;
  collectEmail: boolean;
  allowResponseEdits: boolean;
  /** Workspace only: answering needs an account in the owner's domain. */
  requireLogin: boolean;
}

/** A form whose items setup can create and update in place. */
export interface FormDoc extends FormRef {
  items(): FormItemRef[];
  /** Appends an item at the end of the form; returns its id. */
  addItem(spec: FormItemSpec): string;
  /** Rewrites an existing item of the same kind; false when the id is gone or of another kind. */
  updateItem(id: string, spec: FormItemSpec): boolean;
  deleteItem(id: string): void;
  applySettings(settings: FormSettings): void;
  /** Whether the form accepts responses (published); null when the service cannot tell. */
  published(): boolean | null;
  /** The spreadsheet responses go to, or null. */
  destinationId(): string | null;
  setDestination(spreadsheetId: string): void;
  /** The link proposers open to respond (Form.getPublishedUrl). */
  responderUrl(): string;
  /**
   * The responder link with these text items pre-filled (item id -> value), as FormResponse.toPrefilledUrl
   * writes it (developers.google.com/apps-script/reference/forms/form-response#toPrefilledUrl()).
   */
  prefilledUrl?(values: Record<string, string>): string;
}

export interface FormPort {
  /**
   * The form this script is bound to, or null for a standalone or spreadsheet-bound script. Setup never
   * creates a form: FormApp.create makes an unpublished form since 30 June 2026, outside the container.
   */
  active(): FormDoc | null;
  /** Throws when the form does not exist or is not shared with the script's owner. */
  open(id: string): FormDoc;
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

/** A cell value as SpreadsheetApp returns it from getValues (dates as Date objects). */
export type CellValue = string | number | boolean | Date;

/** A rectangle of cells, 1-based as SpreadsheetApp counts them. */
export interface CellBlock {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** A block to protect; without numRows it reaches to the end of the sheet (rows added later included). */
export interface ProtectedBlock {
  row: number;
  column: number;
  numColumns: number;
  numRows?: number;
}

/** Data validation of one column's data rows. Formulas are relative to the column's first data cell. */
export interface ColumnValidation {
  column: number;
  rule: { kind: 'list'; values: string[] } | { kind: 'formula'; formula: string };
  /** Shown when a value is refused. */
  helpText: string;
}

/** A conditional format that applies when a cell's text equals `text` (the text itself stays the label). */
export interface TextFormatRule {
  text: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  background?: string;
  fontColor?: string;
}

export interface ChartSpec {
  type: 'COLUMN' | 'BAR';
  /** The data: a header row and a label column included. */
  range: CellBlock;
  /** Top-left cell of the chart. */
  anchor: { row: number; column: number };
  options: Record<string, string | number | boolean>;
}

/**
 * One tab of a spreadsheet. Every read and write is one call over a whole block (never per cell):
 * developers.google.com/apps-script/guides/support/best-practices#use_batch_operations
 */
export interface SheetPort {
  readonly name: string;
  /** The last row with content (0 when empty). */
  lastRow(): number;
  /** One getValues over the block. */
  read(block: CellBlock): CellValue[][];
  /**
   * Makes the sheet at least `lastRow` rows long (in chunks, so it seldom grows); true when rows were added,
   * which what setup applied to the old rows does not cover.
   */
  ensureRows(lastRow: number): boolean;
  /** Formats these columns' cells from `firstRow` to the end of the sheet as plain text ("@"). */
  setTextColumns(columns: readonly number[], firstRow: number): void;
  /** One setValues starting at (row, column); the sheet grows when the block reaches past its end. */
  write(row: number, column: number, values: CellValue[][]): void;
  /** One setFormulas starting at (row, column). */
  writeFormulas(row: number, column: number, formulas: string[][]): void;
  /** One clearContent over the block. */
  clear(block: CellBlock): void;
  deleteRow(row: number): void;
  freezeRows(rows: number): void;
  /** Bold, wrapped header cells (one call per format, over the whole header). */
  styleHeader(block: CellBlock): void;
  /** Width in pixels per column, starting at column 1; undefined keeps the default. */
  setColumnWidths(widths: readonly (number | undefined)[]): void;
  /** Replaces the data validation of each named column, from `firstRow` to the end of the sheet. */
  setValidations(rules: readonly ColumnValidation[], firstRow: number): void;
  /**
   * Protects these blocks with warning-only protections tagged `description`, replacing earlier ones with
   * the same description (so re-running setup never stacks them).
   */
  protect(blocks: readonly ProtectedBlock[], description: string): void;
  /** Replaces every conditional format rule of the sheet with these, on one column's data rows. */
  setTextFormats(column: number, firstRow: number, rules: readonly TextFormatRule[]): void;
  /** Removes the sheet's charts and inserts this one. */
  replaceChart(chart: ChartSpec): void;
}

export interface SpreadsheetDoc {
  readonly id: string;
  readonly url: string;
  readonly name: string;
  sheet(name: string): SheetPort | null;
  /** Every tab's name, in order. */
  sheetNames(): string[];
  /**
   * Names of the tabs with a cell holding exactly `text` (case and surrounding spaces aside): one search
   * over the whole spreadsheet, so finding a row costs the same however many rows the tabs hold.
   */
  tabsContaining(text: string): string[];
  /** Inserts a tab at this 0-based position. */
  insertSheet(name: string, index: number): SheetPort;
}

export interface SpreadsheetsPort {
  /** Throws when the spreadsheet does not exist or is not shared with the script's user. */
  open(id: string): SpreadsheetDoc;
  /** A new spreadsheet whose only tab is named firstSheet. */
  create(name: string, firstSheet: string): SpreadsheetDoc;
}

/**
 * One edit of the review spreadsheet, from an installable edit trigger's event
 * (developers.google.com/apps-script/guides/triggers/events#edit).
 */
export interface SheetEdit {
  spreadsheet: SpreadsheetDoc;
  sheetName: string;
  block: CellBlock;
  /** Single-cell edits only: the value before, absent when the cell was empty. */
  oldValue?: string;
  /** The editor's email when Google discloses it (e.user), else ''. */
  user: string;
  /** The installable trigger that fired (e.triggerUid, as Trigger.getUniqueId() names it). */
  triggerId?: string;
}

export interface UserPort {
  /** The email of the person running the script, or '' when Google does not disclose it. */
  activeEmail(): string;
  /** The email of the user the script runs as: in an installable trigger, the trigger's owner. */
  effectiveEmail(): string;
}

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text, for mail clients without HTML. */
  body: string;
  htmlBody: string;
}

/** MailApp: recipients per day are limited (developers.google.com/apps-script/guides/services/quotas). */
export interface MailPort {
  /** Recipients this script may still email today. */
  remainingDailyQuota(): number;
  /** Throws on an invalid address or an exhausted quota. */
  send(message: MailMessage): void;
}

/** A short message to whoever started an action (a toast in an open spreadsheet, else the execution log). */
export interface NoticePort {
  show(message: string, title: string): void;
}

/** What kind of script this is and what its user granted (ScriptApp, Session, SpreadsheetApp). */
export interface ScriptContextPort {
  /** True when the script is bound to a spreadsheet (SpreadsheetApp.getActiveSpreadsheet() is one). */
  spreadsheetBound(): boolean;
  /** The email of the user the script runs as (who will own the triggers setup installs); '' if unknown. */
  effectiveUser(): string;
  /** Which of these scopes the user has not granted, and where they can grant them. */
  authorization(required: readonly string[]): { missing: string[]; url: string | null };
}

/** One Google Doc being written (DocumentApp): blocks are appended in order; closed by saveAndClose. */
export interface DocumentWriter {
  id: string;
  url: string;
  /** Appends blocks at the end of the body (one service call per paragraph, list item or table). */
  append(blocks: readonly DocBlock[]): void;
  saveAndClose(): void;
}

/** Google Docs in the user's Drive (DocumentApp; the `documents` scope). */
export interface DocumentsPort {
  create(title: string): DocumentWriter;
  /** Null when the document is gone (deleted, or no longer shared with the user). */
  open(id: string): DocumentWriter | null;
}
