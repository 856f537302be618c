// In-memory implementations of the Apps Script ports, for the logic modules' unit tests.
import { createHmac } from 'node:crypto';
import type {
  CellBlock,
  CellValue,
  ChartSpec,
  ColumnValidation,
  FormDoc,
  FormItemRef,
  FormItemSpec,
  FormPort,
  FormRef,
  FormSettings,
  HmacHex,
  HttpClient,
  HttpRequest,
  HttpResponse,
  Log,
  MailMessage,
  MailPort,
  MenuItem,
  MenuPort,
  PropertyStore,
  ProtectedBlock,
  ScriptContextPort,
  ScriptLock,
  SheetPort,
  SpreadsheetDoc,
  SpreadsheetsPort,
  TextFormatRule,
  TriggerInfo,
  TriggerPort,
} from '../../../apps-script/src/ports';

export const SECRET = 'a-test-signing-secret-of-32-chars!!';

let ids = 0;
/** Distinct ids in the UUID alphabet. */
export const counterId = (): string => `req-${++ids}`;

export const nodeHmac: HmacHex = (key, message) =>
  createHmac('sha256', key).update(message, 'utf8').digest('hex');

/** Script Properties with Apps Script's per-value limit; `failOn` lets a test kill the run at a chosen write. */
export class MemoryProperties implements PropertyStore {
  readonly map = new Map<string, string>();
  failOn?: (op: 'set' | 'delete', key: string) => boolean;

  constructor(initial: Record<string, string> = {}) {
    for (const [k, v] of Object.entries(initial)) this.map.set(k, v);
  }

  get(key: string): string | null {
    return this.map.get(key) ?? null;
  }

  set(key: string, value: string): void {
    if (this.failOn?.('set', key)) throw new Error(`killed while writing ${key}`);
    if (Buffer.byteLength(value, 'utf8') > 9 * 1024) throw new Error('Exception: Argument too large: value');
    this.map.set(key, value);
  }

  delete(key: string): void {
    if (this.failOn?.('delete', key)) throw new Error(`killed while deleting ${key}`);
    this.map.delete(key);
  }

  keys(): string[] {
    return [...this.map.keys()];
  }

  getAll(): Record<string, string> {
    return Object.fromEntries(this.map);
  }
}

export function configured(extra: Record<string, string> = {}): MemoryProperties {
  return new MemoryProperties({
    COCREATE_API_URL: 'https://api.example.org',
    COCREATE_SIGNING_SECRET: SECRET,
    ...extra,
  });
}

export type Responder = (request: HttpRequest) => HttpResponse;

export class MemoryHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];

  constructor(public responder: Responder = () => ({ status: 201, body: '{}' })) {}

  fetch(request: HttpRequest): HttpResponse {
    this.requests.push(request);
    return this.responder(request);
  }
}

export class TestClock {
  constructor(public ms = Date.parse('2026-11-26T03:00:00Z')) {}
  readonly now = () => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export class MemoryLock implements ScriptLock {
  held = false;
  heldElsewhere = false;
  tries = 0;

  tryLock(): boolean {
    this.tries++;
    if (this.heldElsewhere) return false;
    this.held = true;
    return true;
  }

  release(): void {
    this.held = false;
  }
}

export class MemoryTriggers implements TriggerPort {
  readonly triggers: (TriggerInfo & { formId?: string; minutes?: number; spreadsheetId?: string })[] = [];
  private next = 1;

  list(): TriggerInfo[] {
    return this.triggers.map(({ id, handler, kind }) => ({ id, handler, kind }));
  }

  delete(id: string): void {
    const at = this.triggers.findIndex((t) => t.id === id);
    if (at >= 0) this.triggers.splice(at, 1);
  }

  createFormSubmit(handler: string, formId: string): TriggerInfo {
    const t = { id: `t${this.next++}`, handler, kind: 'form-submit' as const, formId };
    this.triggers.push(t);
    return { id: t.id, handler, kind: t.kind };
  }

  createSpreadsheetEdit(handler: string, spreadsheetId: string): TriggerInfo {
    const t = { id: `t${this.next++}`, handler, kind: 'spreadsheet-edit' as const, spreadsheetId };
    this.triggers.push(t);
    return { id: t.id, handler, kind: t.kind };
  }

  createEveryMinutes(handler: string, minutes: number): TriggerInfo {
    const t = { id: `t${this.next++}`, handler, kind: 'clock' as const, minutes };
    this.triggers.push(t);
    return { id: t.id, handler, kind: t.kind };
  }
}

/** A form in memory: items with ids, settings, destination; counts adds and updates. */
export class MemoryForm implements FormDoc {
  readonly itemList: (FormItemSpec & { id: string })[] = [];
  settings?: FormSettings;
  destination: string | null = null;
  destinationSets = 0;
  private next = 100;

  constructor(
    readonly id: string,
    readonly title: string,
  ) {}

  items(): FormItemRef[] {
    return this.itemList.map((i) => ({ id: i.id, kind: i.kind, title: i.title }));
  }
  addItem(spec: FormItemSpec): string {
    const id = String(this.next++);
    this.itemList.push({ ...spec, id });
    return id;
  }
  updateItem(id: string, spec: FormItemSpec): boolean {
    const at = this.itemList.findIndex((i) => i.id === id);
    if (at < 0 || this.itemList[at]?.kind !== spec.kind) return false;
    this.itemList[at] = { ...spec, id };
    return true;
  }
  deleteItem(id: string): void {
    const at = this.itemList.findIndex((i) => i.id === id);
    if (at >= 0) this.itemList.splice(at, 1);
  }
  applySettings(settings: FormSettings): void {
    this.settings = settings;
  }
  isPublished: boolean | null = true;
  published(): boolean | null {
    return this.isPublished;
  }
  destinationId(): string | null {
    return this.destination;
  }
  setDestination(spreadsheetId: string): void {
    this.destination = spreadsheetId;
    this.destinationSets++;
  }
  responderUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.id}-published/viewform`;
  }
}

export class MemoryForms implements FormPort {
  readonly all = new Map<string, MemoryForm>();
  constructor(
    readonly bound: MemoryForm | null,
    others: MemoryForm[] = [],
  ) {
    for (const f of [...(bound ? [bound] : []), ...others]) this.all.set(f.id, f);
  }
  active(): MemoryForm | null {
    return this.bound;
  }
  open(id: string): MemoryForm {
    const f = this.all.get(id);
    if (!f) throw new Error('No item with the given ID could be found');
    return f;
  }
}

export function memoryForms(active: FormRef | null, others: FormRef[] = []): MemoryForms {
  const form = (r: FormRef) => new MemoryForm(r.id, r.title);
  return new MemoryForms(active ? form(active) : null, others.map(form));
}

export class MemoryMenu implements MenuPort {
  readonly menus: { title: string; items: readonly MenuItem[] }[] = [];
  addMenu(title: string, items: readonly MenuItem[]): void {
    this.menus.push({ title, items });
  }
}

export class MemoryLog implements Log {
  readonly lines: { level: string; message: string; data?: unknown }[] = [];
  info(message: string, data?: unknown) {
    this.lines.push({ level: 'info', message, data });
  }
  warn(message: string, data?: unknown) {
    this.lines.push({ level: 'warn', message, data });
  }
  error(message: string, data?: unknown) {
    this.lines.push({ level: 'error', message, data });
  }
}

/** One tab in memory: a grid of cells plus what setup applied, and a count of reads and writes. */
export class MemorySheet implements SheetPort {
  cells: CellValue[][] = [];
  frozen = 0;
  widths: readonly (number | undefined)[] = [];
  validations: readonly ColumnValidation[] = [];
  protections: { blocks: readonly ProtectedBlock[]; description: string }[] = [];
  formats: { column: number; rules: readonly TextFormatRule[] }[] = [];
  charts: ChartSpec[] = [];
  formulas = new Map<string, string>();
  reads = 0;
  writes = 0;
  deleted: number[] = [];

  constructor(public name: string) {}

  maxRows = 1000;
  textColumns: readonly number[] = [];
  lastRow(): number {
    for (let r = this.cells.length; r > 0; r--) if ((this.cells[r - 1] ?? []).some((c) => c !== '')) return r;
    return 0;
  }
  ensureRows(lastRow: number): boolean {
    if (lastRow <= this.maxRows) return false;
    this.maxRows = lastRow;
    return true;
  }
  setTextColumns(columns: readonly number[]): void {
    this.textColumns = columns;
  }
  read(b: CellBlock): CellValue[][] {
    this.reads++;
    return Array.from({ length: b.numRows }, (_, i) =>
      Array.from({ length: b.numColumns }, (_, j) => this.cells[b.row - 1 + i]?.[b.column - 1 + j] ?? ''),
    );
  }
  write(row: number, column: number, values: CellValue[][]): void {
    this.writes++;
    values.forEach((r, i) => {
      while (this.cells.length < row + i) this.cells.push([]);
      const line = this.cells[row - 1 + i] as CellValue[];
      r.forEach((v, j) => {
        for (let k = line.length; k < column - 1 + j; k++) line[k] = '';
        line[column - 1 + j] = v;
      });
    });
  }
  writeFormulas(row: number, column: number, formulas: string[][]): void {
    this.writes++;
    formulas.forEach((r, i) => {
      r.forEach((f, j) => {
        this.formulas.set(`${row + i}:${column + j}`, f);
      });
    });
  }
  clear(b: CellBlock): void {
    for (let i = 0; i < b.numRows; i++)
      for (let j = 0; j < b.numColumns; j++) {
        const line = this.cells[b.row - 1 + i];
        if (line && line.length > b.column - 1 + j) line[b.column - 1 + j] = '';
      }
    this.formulas.clear();
  }
  deleteRow(row: number): void {
    this.deleted.push(row);
    this.cells.splice(row - 1, 1);
  }
  freezeRows(rows: number): void {
    this.frozen = rows;
  }
  styleHeader(): void {}
  setColumnWidths(widths: readonly (number | undefined)[]): void {
    this.widths = widths;
  }
  setValidations(rules: readonly ColumnValidation[]): void {
    this.validations = rules;
  }
  protect(blocks: readonly ProtectedBlock[], description: string): void {
    this.protections = [
      ...this.protections.filter((p) => p.description !== description),
      { blocks, description },
    ];
  }
  setTextFormats(column: number, _firstRow: number, rules: readonly TextFormatRule[]): void {
    this.formats = [{ column, rules }];
  }
  replaceChart(chart: ChartSpec): void {
    this.charts = [chart];
  }
  /** Row n (1-based) as written. */
  row(n: number): CellValue[] {
    return this.cells[n - 1] ?? [];
  }
}

export class MemorySpreadsheet implements SpreadsheetDoc {
  readonly tabs: MemorySheet[] = [];
  constructor(
    readonly id: string,
    readonly name: string,
  ) {}
  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  sheetNames(): string[] {
    return this.tabs.map((t) => t.name);
  }
  sheet(name: string): MemorySheet | null {
    return this.tabs.find((t) => t.name === name) ?? null;
  }
  tabsContaining(text: string): string[] {
    const wanted = text.trim().toLowerCase();
    return this.tabs
      .filter((t) => t.cells.some((r) => r.some((c) => String(c).trim().toLowerCase() === wanted)))
      .map((t) => t.name);
  }
  insertSheet(name: string, index: number): MemorySheet {
    if (this.sheet(name)) throw new Error(`A sheet with the name "${name}" already exists`);
    const tab = new MemorySheet(name);
    this.tabs.splice(index, 0, tab);
    return tab;
  }
  /** Total reads and writes over every tab. */
  io(): { reads: number; writes: number } {
    return this.tabs.reduce((a, t) => ({ reads: a.reads + t.reads, writes: a.writes + t.writes }), {
      reads: 0,
      writes: 0,
    });
  }
}

export class MemorySpreadsheets implements SpreadsheetsPort {
  readonly docs: MemorySpreadsheet[] = [];
  private next = 1;
  open(id: string): MemorySpreadsheet {
    const doc = this.docs.find((d) => d.id === id);
    if (!doc) throw new Error('Unexpected error while getting the method or property openById');
    return doc;
  }
  create(name: string, firstSheet: string): MemorySpreadsheet {
    const doc = new MemorySpreadsheet(`ss-${this.next++}`, name);
    doc.insertSheet(firstSheet, 0);
    this.docs.push(doc);
    return doc;
  }
}

/** MailApp in memory: a daily recipient quota that each email uses up, and the emails sent. */
export class MemoryMail implements MailPort {
  readonly sent: MailMessage[] = [];
  failNext?: Error;
  constructor(public quota = 100) {}
  remainingDailyQuota(): number {
    return this.quota;
  }
  send(message: MailMessage): void {
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = undefined;
      throw e;
    }
    if (this.quota < 1) throw new Error('Service invoked too many times for one day: email.');
    this.quota--;
    this.sent.push(message);
  }
}

/**
 * Everything a form-submit, retry or review-edit run needs, in memory: the deps object those handlers
 * take (their interfaces share this shape) and the parts, for tests to drive and inspect.
 */
export function memoryScriptDeps(
  opts: { props?: MemoryProperties; http?: MemoryHttp; sheets?: MemorySpreadsheets; lock?: MemoryLock } = {},
) {
  const props = opts.props ?? configured();
  const http = opts.http ?? new MemoryHttp();
  const sheets = opts.sheets ?? new MemorySpreadsheets();
  const lock = opts.lock ?? new MemoryLock();
  const clock = new TestClock();
  const log = new MemoryLog();
  const mail = new MemoryMail();
  const deps = { props, http, hmac: nodeHmac, newId: counterId, now: clock.now, log, sheets, lock, mail };
  return { deps, props, http, sheets, lock, clock, log, mail };
}

/** The script's container, user and consent, as a test sets them. */
export class MemoryContext implements ScriptContextPort {
  constructor(
    public user = 'sekretariat@example.org',
    public missing: string[] = [],
    public boundToSpreadsheet = false,
  ) {}
  spreadsheetBound(): boolean {
    return this.boundToSpreadsheet;
  }
  effectiveUser(): string {
    return this.user;
  }
  authorization(required: readonly string[]) {
    const missing = required.filter((s) => this.missing.includes(s));
    return { missing, url: missing.length ? 'https://script.google.com/macros/d/x/authorize' : null };
  }
}
