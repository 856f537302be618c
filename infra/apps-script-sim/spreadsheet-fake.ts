// In-memory fake of the parts of SpreadsheetApp (and Charts) the bundle uses, with snapshots for tests and a
// way to edit cells as a person would. Every script-facing method is counted (see services.ts).
//
// Assumptions about Google's behaviour, each from the reference pages named:
// - developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#create(String): a new
//   spreadsheet has one tab "Sheet1" of 1000 rows x 26 columns; openById throws for an unknown id.
//   getActiveSpreadsheet() is null in a script that is not bound to a spreadsheet (ours is form-bound).
// - .../spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer): 1-based; a range past the sheet's
//   rows or columns throws "The coordinates of the range are outside the dimensions of the sheet.";
//   insertRowsAfter(after, n) adds rows; deleteRow(n) removes one and shifts the rest up. Validation,
//   protections and formats widen when rows are inserted inside them and do not cover rows added after
//   their last row (unverified); they do not move with deleted rows (not modelled).
// - .../spreadsheet/range#setValues(Object): the data must have exactly the range's rows and columns or
//   it throws. Strings are read as if typed (the USER_ENTERED rule of
//   developers.google.com/sheets/api/reference/rest/v4/ValueInputOption): "=..." becomes a formula, a
//   leading "+" or "-" before something that is not a number is read as a formula too, a leading
//   apostrophe forces text and is not part of the value, plain decimal numbers (also "007") become
//   numbers, "TRUE"/"FALSE" booleans and "yyyy-mm-dd[ hh:mm]" dates, except in a cell formatted as plain
//   text ("@", Range.setNumberFormat). getValues returns '' for empty cells.
//   The full list, with what is unverified: docs/google-assumptions.md.
// - Formulas are recorded (getFormulas) and only these are evaluated, for the dashboard:
//   COUNTIF('Tab'!$X$n:$X,"text"), COUNTA('Tab'!$X$n:$X) and SUM(Xa:Xb); any other formula reads as ''.
//   Formulas are written in English syntax with "," separators whatever the spreadsheet locale.
// - .../spreadsheet/data-validation-builder: requireValueInList(values, showDropdown),
//   requireFormulaSatisfied(formula), setAllowInvalid, setHelpText; Range.setDataValidation replaces the
//   validation of its cells. Validation is recorded, not enforced on edits (the API validates anyway).
// - .../spreadsheet/range#protect() and .../spreadsheet/protection: a range protection with a
//   description, warning-only or not; Sheet.getProtections(ProtectionType.RANGE) lists them; remove().
// - .../spreadsheet/conditional-format-rule-builder: whenTextEqualTo + setBold/setItalic/setStrikethrough/
//   setBackground/setFontColor + setRanges; Sheet.setConditionalFormatRules replaces every rule.
// - .../spreadsheet/embedded-chart-builder: Sheet.newChart().setChartType(Charts.ChartType.X)
//   .addRange(range).setPosition(row, col, offX, offY).setOption(k, v).build(); insertChart/removeChart/getCharts.
// - .../spreadsheet/spreadsheet#toast(String,String): a notice in the open spreadsheet (recorded).
// - developers.google.com/apps-script/guides/triggers/events#edit: an installable edit trigger gets
//   authMode, range, source, user, triggerUid; value and oldValue only when a single cell was edited,
//   oldValue only when the cell had content, value absent when the cell was cleared. Both are strings.
//   Edits made by scripts never fire it: userEdit() is the only way to produce one.

import { createBuilders } from './spreadsheet/builders';
import { a1, type Counted, type SimCellValue, typed } from './spreadsheet/cells';
import {
  BookData,
  SheetData,
  type SimSheetSnapshot,
  type SimSpreadsheetSnapshot,
  type UserEditArgs,
} from './spreadsheet/model';
import { createObjects } from './spreadsheet/objects';
import { value } from './spreadsheet/values';

export {
  a1,
  columnLetter,
  parseA1,
  type SimBlock,
  type SimCellValue,
  shiftForInsert,
  typed,
} from './spreadsheet/cells';
export type {
  SimChart,
  SimConditionalFormat,
  SimProtection,
  SimSheetSnapshot,
  SimSpreadsheetSnapshot,
  SimValidation,
  UserEditArgs,
} from './spreadsheet/model';

export interface SpreadsheetFake {
  SpreadsheetApp: Record<string, unknown>;
  Charts: Record<string, unknown>;
  spreadsheets(): SimSpreadsheetSnapshot[];
  /** A tab of a spreadsheet (default: the first spreadsheet), or undefined. */
  sheet(name: string, spreadsheetId?: string): SimSheetSnapshot | undefined;
  /** Writes cells without counting them as script calls and without an event (test set-up). */
  seed(args: UserEditArgs): void;
  /** Edits cells as a person would and returns the event an installable edit trigger would get. */
  userEdit(args: UserEditArgs, triggerUid?: string): Record<string, unknown>;
  /** Adds the "Form Responses N" tab Google Forms creates when linked (its name); null when there is no such spreadsheet. */
  linkFormResponses(spreadsheetId: string): string | null;
  /** Appends one response row as Forms does (the header row first, widened for new questions). */
  appendResponse(spreadsheetId: string, tab: string, headers: string[], row: SimCellValue[]): void;
  /** Whether a spreadsheet with this id exists (for trigger creation). */
  has(id: string): boolean;
  /** The id of the spreadsheet an edit addresses (its spreadsheetId, else the first spreadsheet). */
  idOf(spreadsheetId?: string): string | undefined;
}

export function createSpreadsheetFake(
  counted: Counted,
  newId: () => string,
  container: { bound: boolean } = { bound: false },
): SpreadsheetFake {
  const books: BookData[] = [];
  const find = (id: string) => books.find((b) => b.id === id);
  const { validationBuilder, formatBuilder, chartBuilder } = createBuilders(counted, newId);
  const { rangeObject, bookObject } = createObjects(counted, chartBuilder);

  // A spreadsheet-bound script's container: a spreadsheet of its own, made on first use.
  let bound: BookData | null = null;
  const activeBook = () => {
    if (!container.bound) return null;
    if (!bound) {
      bound = new BookData(`sim-container-${newId()}`, 'Container', [new SheetData('Sheet1')]);
      books.push(bound);
    }
    return bookObject(bound);
  };
  const SpreadsheetApp = {
    ProtectionType: { RANGE: 'RANGE', SHEET: 'SHEET' },
    create: counted('SpreadsheetApp.create', (name: string) => {
      const book = new BookData(`sim-sheet-${newId()}`, String(name), [new SheetData('Sheet1')]);
      books.push(book);
      return bookObject(book);
    }),
    openById: counted('SpreadsheetApp.openById', (id: string) => {
      const book = find(String(id));
      if (!book)
        throw new Error(
          'Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.',
        );
      return bookObject(book);
    }),
    getActiveSpreadsheet: counted('SpreadsheetApp.getActiveSpreadsheet', () => activeBook()),
    getActive: counted('SpreadsheetApp.getActive', () => activeBook()),
    newDataValidation: counted('SpreadsheetApp.newDataValidation', validationBuilder),
    newConditionalFormatRule: counted('SpreadsheetApp.newConditionalFormatRule', formatBuilder),
  };

  // developers.google.com/apps-script/reference/charts/chart-type
  const Charts = {
    ChartType: Object.fromEntries(
      [
        'AREA',
        'BAR',
        'BUBBLE',
        'CANDLESTICK',
        'COLUMN',
        'COMBO',
        'GAUGE',
        'GEO',
        'HISTOGRAM',
        'LINE',
        'ORG',
        'PIE',
        'RADAR',
        'SCATTER',
        'SPARKLINE',
        'STEPPED_AREA',
        'TABLE',
        'TIMELINE',
        'TREEMAP',
        'WATERFALL',
      ].map((t) => [t, t]),
    ),
  };

  const snapshotSheet = (book: BookData, s: SheetData): SimSheetSnapshot => {
    const rows = s.lastRow();
    const cols = s.lastColumn();
    const values: SimCellValue[][] = [];
    const formulas: string[][] = [];
    for (let r = 1; r <= rows; r++) {
      values.push(Array.from({ length: cols }, (_, j) => value(book, s, r, j + 1)));
      formulas.push(Array.from({ length: cols }, (_, j) => s.cell(r, j + 1).f ?? ''));
    }
    return {
      name: s.name,
      maxRows: s.maxRows,
      values,
      formulas,
      frozenRows: s.frozenRows,
      columnWidths: { ...s.widths },
      boldRanges: [...s.bold],
      validations: s.validations.map(({ block: _b, ...v }) => ({ ...v, args: [...v.args] })),
      numberFormats: s.numberFormats.map((f) => ({ a1: a1(f.block), format: f.format })),
      protections: s.protections.map((p) => ({ ...p.spec })),
      conditionalFormats: s.conditionalFormats.map((f) => ({ ...f, format: { ...f.format } })),
      charts: s.charts.map((c) => ({ ...c, options: { ...c.options } })),
    };
  };

  const locate = (args: UserEditArgs) => {
    const book = args.spreadsheetId ? find(args.spreadsheetId) : books[0];
    if (!book)
      throw new Error(`apps-script-sim: no spreadsheet ${args.spreadsheetId ?? '(none created yet)'}`);
    const sheet = book.sheets.find((s) => s.name === args.sheet);
    if (!sheet) throw new Error(`apps-script-sim: no tab ${args.sheet} in ${book.id}`);
    return { book, sheet };
  };

  const seed = (args: UserEditArgs) => {
    const { sheet } = locate(args);
    const numRows = args.values.length;
    const numColumns = args.values[0]?.length ?? 0;
    const last = args.row + numRows - 1;
    if (last > sheet.maxRows) sheet.maxRows = last;
    args.values.forEach((row, i) => {
      row.forEach((v, j) => {
        sheet.put(args.row + i, args.column + j, typed(v, sheet.formatAt(args.row + i, args.column + j)));
      });
    });
    return { numRows, numColumns };
  };

  return {
    SpreadsheetApp,
    Charts,
    spreadsheets: () =>
      books.map((b) => ({
        id: b.id,
        name: b.name,
        url: b.url,
        sheets: b.sheets.map((s) => snapshotSheet(b, s)),
        toasts: [...b.toasts],
      })),
    sheet(name, spreadsheetId) {
      const book = spreadsheetId ? find(spreadsheetId) : books[0];
      const s = book?.sheets.find((x) => x.name === name);
      return book && s ? snapshotSheet(book, s) : undefined;
    },
    seed(args) {
      seed(args);
    },
    idOf: (spreadsheetId) => (spreadsheetId ? find(spreadsheetId) : books[0])?.id,
    userEdit(args, triggerUid = args.triggerUid ?? 'sim-edit-trigger') {
      const { book, sheet } = locate(args);
      const single = args.values.length === 1 && args.values[0]?.length === 1;
      const old = single ? value(book, sheet, args.row, args.column) : '';
      const { numRows, numColumns } = seed(args);
      const now = single ? value(book, sheet, args.row, args.column) : '';
      // e.user's email is often blank (an editor outside the owner's Workspace domain, consumer accounts).
      const email = args.user ?? '';
      const user = { getEmail: () => email, getNickname: () => email.split('@')[0] ?? '' };
      return {
        authMode: 'FULL',
        triggerUid,
        user,
        source: bookObject(book),
        range: rangeObject(book, sheet, { row: args.row, column: args.column, numRows, numColumns }),
        ...(single && now !== '' ? { value: String(now) } : {}),
        ...(single && old !== '' ? { oldValue: String(old) } : {}),
      };
    },
    linkFormResponses(spreadsheetId) {
      const book = find(spreadsheetId);
      if (!book) return null;
      let n = 1;
      while (book.sheets.some((s) => s.name === `Form Responses ${n}`)) n++;
      book.sheets.unshift(new SheetData(`Form Responses ${n}`));
      return `Form Responses ${n}`;
    },
    appendResponse(spreadsheetId, tab, headers, row) {
      const sheet = find(spreadsheetId)?.sheets.find((s) => s.name === tab);
      if (!sheet) return;
      headers.forEach((h, j) => {
        sheet.put(1, j + 1, { v: h });
      });
      const at = Math.max(2, sheet.lastRow() + 1);
      if (at > sheet.maxRows) sheet.maxRows = at;
      row.forEach((v, j) => {
        sheet.put(at, j + 1, { v });
      });
    },
    has: (id) => Boolean(find(id)),
  };
}
