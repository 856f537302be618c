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

export type SimCellValue = string | number | boolean | Date;

interface Cell {
  v: SimCellValue;
  f?: string;
}

export interface SimBlock {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface SimValidation {
  a1: string;
  criteria: 'VALUE_IN_LIST' | 'CUSTOM_FORMULA' | 'NUMBER_BETWEEN';
  args: unknown[];
  allowInvalid: boolean;
  helpText: string;
}

export interface SimProtection {
  a1: string;
  description: string;
  warningOnly: boolean;
}

export interface SimConditionalFormat {
  ranges: string[];
  whenTextEqualTo?: string;
  format: {
    bold?: boolean;
    italic?: boolean;
    strikethrough?: boolean;
    background?: string;
    fontColor?: string;
  };
}

export interface SimChart {
  id: string;
  type: string;
  ranges: string[];
  position: { row: number; column: number };
  options: Record<string, unknown>;
}

export interface SimSheetSnapshot {
  name: string;
  maxRows: number;
  /** Rows 1..last row with content, columns 1..last column with content (formulas evaluated). */
  values: SimCellValue[][];
  /** Same shape; '' where a cell holds no formula. */
  formulas: string[][];
  frozenRows: number;
  columnWidths: Record<number, number>;
  /** Ranges formatted bold through setFontWeight('bold'). */
  boldRanges: string[];
  validations: SimValidation[];
  /** Number formats set with Range.setNumberFormat ("@" = plain text), in the order set. */
  numberFormats: { a1: string; format: string }[];
  protections: SimProtection[];
  conditionalFormats: SimConditionalFormat[];
  charts: SimChart[];
}

export interface SimSpreadsheetSnapshot {
  id: string;
  name: string;
  url: string;
  sheets: SimSheetSnapshot[];
  toasts: { message: string; title?: string }[];
}

export interface UserEditArgs {
  sheet: string;
  row: number;
  column: number;
  /** What the person typed or pasted, one row of cells per sheet row. */
  values: SimCellValue[][];
  /** The editor's email as e.user discloses it; default '' (Google often does not disclose it). */
  user?: string;
  /** Default: the first spreadsheet. */
  spreadsheetId?: string;
}

type Counted = <A extends unknown[], R>(name: string, fn: (...args: A) => R) => (...args: A) => R;

export function columnLetter(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(b: SimBlock): string {
  const start = `${columnLetter(b.column)}${b.row}`;
  if (b.numRows === 1 && b.numColumns === 1) return start;
  return `${start}:${columnLetter(b.column + b.numColumns - 1)}${b.row + b.numRows - 1}`;
}

function letterToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** "2022-08-01", "2022-08-01 09:30", "2022-08-01 09:30:15" (read in the sheet's time zone, here WIB). */
const DATE_TEXT = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A string as Sheets stores it when typed (or written by setValues). In a cell formatted as plain text
 * ("@") a string stays exactly the string.
 */
export function typed(value: unknown, numberFormat?: string): Cell {
  if (value === null || value === undefined) return { v: '' };
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return { v: value };
  const s = String(value);
  // Assumed (unverified): a leading apostrophe is a text prefix in a plain-text cell too.
  if (s.startsWith("'")) return { v: s.slice(1) };
  if (numberFormat === '@') return { v: s };
  if (/^-?\d+(\.\d+)?$/.test(s)) return { v: Number(s) };
  if (/^(true|false)$/i.test(s)) return { v: s.toLowerCase() === 'true' };
  const d = DATE_TEXT.exec(s);
  if (d) {
    const [y, mo, da, h, mi, se] = d.slice(1).map((x) => Number(x ?? 0));
    return { v: new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, da ?? 1, (h ?? 0) - 7, mi ?? 0, se ?? 0)) };
  }
  if (s.startsWith('=')) return { v: '', f: s };
  if (/^[+-]/.test(s)) return { v: '', f: `=${s}` };
  return { v: s };
}

/**
 * Inserting n rows after row `after` moves a block down when the new rows are above it, widens it when
 * they are inside it, and leaves it when they are below its last row (so rows added at the end are not
 * covered by what was set before).
 */
export function shiftForInsert(b: SimBlock, after: number, n: number): SimBlock {
  const last = b.row + b.numRows - 1;
  if (after < b.row) return { ...b, row: b.row + n };
  if (after < last) return { ...b, numRows: b.numRows + n };
  return b;
}

export function parseA1(range: string): SimBlock | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(range);
  if (!m) return null;
  const c1 = letterToColumn(m[1] ?? '');
  const r1 = Number(m[2]);
  const c2 = letterToColumn(m[3] ?? m[1] ?? '');
  const r2 = Number(m[4] ?? m[2]);
  return { row: r1, column: c1, numRows: r2 - r1 + 1, numColumns: c2 - c1 + 1 };
}

class SheetData {
  cells: Cell[][] = [];
  maxRows = 1000;
  maxColumns = 26;
  frozenRows = 0;
  widths: Record<number, number> = {};
  bold: string[] = [];
  validations: (SimValidation & { block: SimBlock })[] = [];
  numberFormats: { block: SimBlock; format: string }[] = [];
  protections: { spec: SimProtection; object: Record<string, unknown>; block: SimBlock }[] = [];
  conditionalFormats: SimConditionalFormat[] = [];
  charts: SimChart[] = [];

  constructor(public name: string) {}

  /** The number format of a cell: the last one set over it. */
  formatAt(row: number, column: number): string | undefined {
    for (let i = this.numberFormats.length - 1; i >= 0; i--) {
      const f = this.numberFormats[i];
      if (!f) continue;
      const b = f.block;
      if (row >= b.row && row < b.row + b.numRows && column >= b.column && column < b.column + b.numColumns)
        return f.format;
    }
    return undefined;
  }

  cell(row: number, column: number): Cell {
    return this.cells[row - 1]?.[column - 1] ?? { v: '' };
  }

  put(row: number, column: number, cell: Cell): void {
    while (this.cells.length < row) this.cells.push([]);
    (this.cells[row - 1] as Cell[])[column - 1] = cell;
  }

  lastRow(): number {
    for (let r = this.cells.length; r > 0; r--)
      if ((this.cells[r - 1] ?? []).some((c) => c && (c.v !== '' || c.f))) return r;
    return 0;
  }

  lastColumn(): number {
    let max = 0;
    for (const row of this.cells)
      (row ?? []).forEach((c, i) => {
        if (c && (c.v !== '' || c.f)) max = Math.max(max, i + 1);
      });
    return max;
  }

  check(b: SimBlock): void {
    if (b.row < 1 || b.column < 1) throw new Error('Exception: The starting row of the range is too small.');
    if (b.numRows < 1 || b.numColumns < 1)
      throw new Error('Exception: The number of rows in the range must be at least 1.');
    if (b.row + b.numRows - 1 > this.maxRows || b.column + b.numColumns - 1 > this.maxColumns)
      throw new Error('Exception: The coordinates of the range are outside the dimensions of the sheet.');
  }
}

class BookData {
  toasts: { message: string; title?: string }[] = [];
  constructor(
    public id: string,
    public name: string,
    public sheets: SheetData[],
  ) {}
  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
}

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
}

export function createSpreadsheetFake(
  counted: Counted,
  newId: () => string,
  container: { bound: boolean } = { bound: false },
): SpreadsheetFake {
  const books: BookData[] = [];
  const find = (id: string) => books.find((b) => b.id === id);

  // --- formula evaluation (the dashboard's three shapes) ---------------------------------------
  const evaluate = (book: BookData, sheet: SheetData, formula: string): SimCellValue => {
    const ref = String.raw`'((?:[^']|'')+)'!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)`;
    const countif = new RegExp(`^=COUNTIF\\(${ref},"((?:[^"]|"")*)"\\)$`).exec(formula);
    const counta = new RegExp(`^=COUNTA\\(${ref}\\)$`).exec(formula);
    const column = (m: RegExpExecArray) => {
      const tab = book.sheets.find((s) => s.name === (m[1] ?? '').replace(/''/g, "'"));
      const col = letterToColumn(m[2] ?? '');
      const from = Number(m[3]);
      if (!tab) return null;
      const out: SimCellValue[] = [];
      for (let r = from; r <= tab.lastRow(); r++) out.push(value(book, tab, r, col));
      return out;
    };
    if (countif) {
      const cells = column(countif);
      const wanted = (countif[5] ?? '').replace(/""/g, '"').toLowerCase();
      return cells ? cells.filter((v) => String(v).toLowerCase() === wanted).length : '#REF!';
    }
    if (counta) {
      const cells = column(counta);
      return cells ? cells.filter((v) => v !== '').length : '#REF!';
    }
    const sum = /^=SUM\(([A-Z]+)(\d+):([A-Z]+)(\d+)\)$/.exec(formula);
    if (sum) {
      let total = 0;
      for (let r = Number(sum[2]); r <= Number(sum[4]); r++)
        for (let c = letterToColumn(sum[1] ?? ''); c <= letterToColumn(sum[3] ?? ''); c++) {
          const v = value(book, sheet, r, c);
          if (typeof v === 'number') total += v;
        }
      return total;
    }
    return '';
  };
  const value = (book: BookData, sheet: SheetData, row: number, column: number): SimCellValue => {
    const c = sheet.cell(row, column);
    return c.f ? evaluate(book, sheet, c.f) : c.v;
  };

  // --- script-facing objects -----------------------------------------------------------------
  const rangeObject = (book: BookData, sheet: SheetData, b: SimBlock): Record<string, unknown> => {
    sheet.check(b);
    const each = (fn: (row: number, column: number, i: number, j: number) => void) => {
      for (let i = 0; i < b.numRows; i++)
        for (let j = 0; j < b.numColumns; j++) fn(b.row + i, b.column + j, i, j);
    };
    const grid = <T>(fn: (row: number, column: number) => T): T[][] =>
      Array.from({ length: b.numRows }, (_, i) =>
        Array.from({ length: b.numColumns }, (_, j) => fn(b.row + i, b.column + j)),
      );
    const shape = (data: unknown[][]) => {
      if (!Array.isArray(data) || data.length !== b.numRows)
        throw new Error(
          `Exception: The number of rows in the data does not match the number of rows in the range. The data has ${data?.length ?? 0} but the range has ${b.numRows}.`,
        );
      for (const row of data)
        if (!Array.isArray(row) || row.length !== b.numColumns)
          throw new Error(
            `Exception: The number of columns in the data does not match the number of columns in the range. The data has ${row?.length ?? 0} but the range has ${b.numColumns}.`,
          );
    };
    const range: Record<string, unknown> = {
      getRow: counted('Range.getRow', () => b.row),
      getColumn: counted('Range.getColumn', () => b.column),
      getNumRows: counted('Range.getNumRows', () => b.numRows),
      getNumColumns: counted('Range.getNumColumns', () => b.numColumns),
      getLastRow: counted('Range.getLastRow', () => b.row + b.numRows - 1),
      getLastColumn: counted('Range.getLastColumn', () => b.column + b.numColumns - 1),
      getA1Notation: counted('Range.getA1Notation', () => a1(b)),
      getSheet: counted('Range.getSheet', () => sheetObject(book, sheet)),
      getValues: counted('Range.getValues', () => grid((r, c) => value(book, sheet, r, c))),
      getValue: counted('Range.getValue', () => value(book, sheet, b.row, b.column)),
      getFormulas: counted('Range.getFormulas', () => grid((r, c) => sheet.cell(r, c).f ?? '')),
      setValues: counted('Range.setValues', (data: unknown[][]) => {
        shape(data);
        each((r, c, i, j) => sheet.put(r, c, typed(data[i]?.[j], sheet.formatAt(r, c))));
        return range;
      }),
      setValue: counted('Range.setValue', (v: unknown) => {
        each((r, c) => sheet.put(r, c, typed(v, sheet.formatAt(r, c))));
        return range;
      }),
      // .../spreadsheet/range#setNumberFormat(String): "@" is plain text (values stay as written).
      setNumberFormat: counted('Range.setNumberFormat', (format: string) => {
        sheet.numberFormats.push({ block: { ...b }, format: String(format) });
        return range;
      }),
      setFormulas: counted('Range.setFormulas', (data: string[][]) => {
        shape(data);
        each((r, c, i, j) => {
          const f = String(data[i]?.[j] ?? '');
          sheet.put(r, c, f ? { v: '', f } : { v: '' });
        });
        return range;
      }),
      clearContent: counted('Range.clearContent', () => {
        each((r, c) => sheet.put(r, c, { v: '' }));
        return range;
      }),
      setFontWeight: counted('Range.setFontWeight', (w: string) => {
        if (w === 'bold') sheet.bold.push(a1(b));
        return range;
      }),
      setWrap: counted('Range.setWrap', () => range),
      setVerticalAlignment: counted('Range.setVerticalAlignment', () => range),
      setDataValidation: counted(
        'Range.setDataValidation',
        (rule: { spec: Omit<SimValidation, 'a1'> } | null) => {
          const inside = (v: SimBlock) =>
            v.row >= b.row &&
            v.column >= b.column &&
            v.row + v.numRows <= b.row + b.numRows &&
            v.column + v.numColumns <= b.column + b.numColumns;
          sheet.validations = sheet.validations.filter((v) => !inside(v.block));
          if (rule) sheet.validations.push({ ...rule.spec, a1: a1(b), block: { ...b } });
          return range;
        },
      ),
      protect: counted('Range.protect', () => {
        const p: SimProtection = { a1: a1(b), description: '', warningOnly: false };
        const entry = { spec: p, object: {} as Record<string, unknown>, block: { ...b } };
        const protection: Record<string, unknown> = {
          setDescription: counted('Protection.setDescription', (d: string) => {
            p.description = String(d);
            return protection;
          }),
          getDescription: counted('Protection.getDescription', () => p.description),
          setWarningOnly: counted('Protection.setWarningOnly', (w: boolean) => {
            p.warningOnly = Boolean(w);
            return protection;
          }),
          isWarningOnly: counted('Protection.isWarningOnly', () => p.warningOnly),
          remove: counted('Protection.remove', () => {
            sheet.protections = sheet.protections.filter((x) => x.spec !== p);
          }),
        };
        entry.object = protection;
        sheet.protections.push(entry);
        return protection;
      }),
    };
    return range;
  };

  const sheetObject = (book: BookData, sheet: SheetData): Record<string, unknown> => {
    const self: Record<string, unknown> = {
      getName: counted('Sheet.getName', () => sheet.name),
      setName: counted('Sheet.setName', (name: string) => {
        if (book.sheets.some((s) => s !== sheet && s.name === name))
          throw new Error(
            `Exception: A sheet with the name "${name}" already exists. Please enter another name.`,
          );
        sheet.name = String(name);
        return self;
      }),
      getParent: counted('Sheet.getParent', () => bookObject(book)),
      getLastRow: counted('Sheet.getLastRow', () => sheet.lastRow()),
      getLastColumn: counted('Sheet.getLastColumn', () => sheet.lastColumn()),
      getMaxRows: counted('Sheet.getMaxRows', () => sheet.maxRows),
      getMaxColumns: counted('Sheet.getMaxColumns', () => sheet.maxColumns),
      getRange: counted(
        'Sheet.getRange',
        (row: number, column: number, numRows?: number, numColumns?: number) => {
          if (typeof row !== 'number') throw new Error('apps-script-sim: only numeric getRange is simulated');
          return rangeObject(book, sheet, {
            row,
            column,
            numRows: numRows ?? 1,
            numColumns: numColumns ?? 1,
          });
        },
      ),
      insertRowsAfter: counted('Sheet.insertRowsAfter', (after: number, howMany: number) => {
        sheet.cells.splice(after, 0, ...Array.from({ length: howMany }, () => [] as Cell[]));
        sheet.maxRows += howMany;
        const move = (blk: SimBlock) => shiftForInsert(blk, after, howMany);
        for (const v of sheet.validations) {
          v.block = move(v.block);
          v.a1 = a1(v.block);
        }
        for (const f of sheet.numberFormats) f.block = move(f.block);
        for (const p of sheet.protections) {
          p.block = move(p.block);
          p.spec.a1 = a1(p.block);
        }
        for (const f of sheet.conditionalFormats)
          f.ranges = f.ranges.map((r) => {
            const blk = parseA1(r);
            return blk ? a1(move(blk)) : r;
          });
        return self;
      }),
      deleteRow: counted('Sheet.deleteRow', (row: number) => {
        if (row < 1 || row > sheet.maxRows) throw new Error('Exception: Those rows are out of bounds.');
        sheet.cells.splice(row - 1, 1);
        sheet.maxRows -= 1;
        return self;
      }),
      getFrozenRows: counted('Sheet.getFrozenRows', () => sheet.frozenRows),
      setFrozenRows: counted('Sheet.setFrozenRows', (n: number) => {
        sheet.frozenRows = n;
      }),
      setColumnWidth: counted('Sheet.setColumnWidth', (column: number, width: number) => {
        sheet.widths[column] = width;
        return self;
      }),
      getColumnWidth: counted('Sheet.getColumnWidth', (column: number) => sheet.widths[column] ?? 100),
      getProtections: counted('Sheet.getProtections', (type: string) =>
        type === 'RANGE' ? sheet.protections.map((p) => p.object) : [],
      ),
      getConditionalFormatRules: counted('Sheet.getConditionalFormatRules', () => [
        ...sheet.conditionalFormats,
      ]),
      setConditionalFormatRules: counted(
        'Sheet.setConditionalFormatRules',
        (rules: { spec: SimConditionalFormat }[]) => {
          sheet.conditionalFormats = rules.map((r) => r.spec);
        },
      ),
      newChart: counted('Sheet.newChart', () => chartBuilder()),
      insertChart: counted('Sheet.insertChart', (chart: { spec: SimChart }) => {
        sheet.charts.push(chart.spec);
      }),
      removeChart: counted('Sheet.removeChart', (chart: { spec: SimChart }) => {
        sheet.charts = sheet.charts.filter((c) => c.id !== chart.spec.id);
      }),
      getCharts: counted('Sheet.getCharts', () =>
        sheet.charts.map((spec) => ({ spec, getId: () => spec.id })),
      ),
    };
    return self;
  };

  const chartBuilder = () => {
    const spec: SimChart = {
      id: `chart-${newId()}`,
      type: '',
      ranges: [],
      position: { row: 1, column: 1 },
      options: {},
    };
    const builder: Record<string, unknown> = {
      setChartType: counted('EmbeddedChartBuilder.setChartType', (t: string) => {
        spec.type = String(t);
        return builder;
      }),
      addRange: counted('EmbeddedChartBuilder.addRange', (range: { getA1Notation(): string }) => {
        spec.ranges.push(range.getA1Notation());
        return builder;
      }),
      setPosition: counted('EmbeddedChartBuilder.setPosition', (row: number, column: number) => {
        spec.position = { row, column };
        return builder;
      }),
      setOption: counted('EmbeddedChartBuilder.setOption', (k: string, v: unknown) => {
        spec.options[k] = v;
        return builder;
      }),
      build: counted('EmbeddedChartBuilder.build', () => {
        if (!spec.type) throw new Error('Exception: Chart type not set.');
        if (!spec.ranges.length) throw new Error('Exception: The chart has no data.');
        return { spec: { ...spec, ranges: [...spec.ranges], options: { ...spec.options } } };
      }),
    };
    return builder;
  };

  const bookObject = (book: BookData): Record<string, unknown> => ({
    getId: counted('Spreadsheet.getId', () => book.id),
    getUrl: counted('Spreadsheet.getUrl', () => book.url),
    getName: counted('Spreadsheet.getName', () => book.name),
    getSheets: counted('Spreadsheet.getSheets', () => book.sheets.map((s) => sheetObject(book, s))),
    // developers.google.com/apps-script/reference/spreadsheet/text-finder: matches a cell's displayed
    // text, in every sheet, case-insensitive unless matchCase(true); a regular expression when asked.
    // Assumed: the displayed text of a plain value is String(value) (true for the ids searched here).
    createTextFinder: counted('Spreadsheet.createTextFinder', (text: string) => {
      const opts = { regex: false, matchCase: false, entire: false };
      const finder: Record<string, unknown> = {
        useRegularExpression: counted('TextFinder.useRegularExpression', (on: boolean) => {
          opts.regex = on;
          return finder;
        }),
        matchCase: counted('TextFinder.matchCase', (on: boolean) => {
          opts.matchCase = on;
          return finder;
        }),
        matchEntireCell: counted('TextFinder.matchEntireCell', (on: boolean) => {
          opts.entire = on;
          return finder;
        }),
        findAll: counted('TextFinder.findAll', () => {
          const escaped = opts.regex ? String(text) : String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          const re = new RegExp(opts.entire ? `^(?:${escaped})$` : escaped, opts.matchCase ? '' : 'i');
          const hits: Record<string, unknown>[] = [];
          for (const s of book.sheets)
            for (let r = 1; r <= s.cells.length; r++)
              for (let c = 1; c <= (s.cells[r - 1]?.length ?? 0); c++) {
                const v = value(book, s, r, c);
                if (v !== '' && re.test(String(v)))
                  hits.push(rangeObject(book, s, { row: r, column: c, numRows: 1, numColumns: 1 }));
              }
          return hits;
        }),
      };
      return finder;
    }),
    getSheetByName: counted('Spreadsheet.getSheetByName', (name: string) => {
      const s = book.sheets.find((x) => x.name === name);
      return s ? sheetObject(book, s) : null;
    }),
    insertSheet: counted('Spreadsheet.insertSheet', (name: string, index?: number) => {
      if (book.sheets.some((s) => s.name === name))
        throw new Error(
          `Exception: A sheet with the name "${name}" already exists. Please enter another name.`,
        );
      const s = new SheetData(String(name));
      book.sheets.splice(index ?? book.sheets.length, 0, s);
      return sheetObject(book, s);
    }),
    toast: counted('Spreadsheet.toast', (message: string, title?: string) => {
      book.toasts.push({
        message: String(message),
        ...(title !== undefined ? { title: String(title) } : {}),
      });
    }),
  });

  const validationBuilder = () => {
    const spec: Omit<SimValidation, 'a1'> = {
      criteria: 'VALUE_IN_LIST',
      args: [],
      allowInvalid: true,
      helpText: '',
    };
    let set = false;
    const builder: Record<string, unknown> = {
      requireValueInList: counted(
        'DataValidationBuilder.requireValueInList',
        (values: string[], dropdown = true) => {
          Object.assign(spec, { criteria: 'VALUE_IN_LIST', args: [[...values], dropdown] });
          set = true;
          return builder;
        },
      ),
      requireFormulaSatisfied: counted('DataValidationBuilder.requireFormulaSatisfied', (formula: string) => {
        Object.assign(spec, { criteria: 'CUSTOM_FORMULA', args: [formula] });
        set = true;
        return builder;
      }),
      requireNumberBetween: counted('DataValidationBuilder.requireNumberBetween', (a: number, b: number) => {
        Object.assign(spec, { criteria: 'NUMBER_BETWEEN', args: [a, b] });
        set = true;
        return builder;
      }),
      setAllowInvalid: counted('DataValidationBuilder.setAllowInvalid', (allow: boolean) => {
        spec.allowInvalid = Boolean(allow);
        return builder;
      }),
      setHelpText: counted('DataValidationBuilder.setHelpText', (text: string) => {
        spec.helpText = String(text);
        return builder;
      }),
      build: counted('DataValidationBuilder.build', () => {
        if (!set) throw new Error('Exception: You must specify a validation criteria.');
        return { spec: { ...spec, args: [...spec.args] } };
      }),
    };
    return builder;
  };

  const formatBuilder = () => {
    const spec: SimConditionalFormat = { ranges: [], format: {} };
    const style = (name: string, key: keyof SimConditionalFormat['format']) =>
      [
        name,
        counted(`ConditionalFormatRuleBuilder.${name}`, (v: unknown) => {
          (spec.format as Record<string, unknown>)[key] = v;
          return builder;
        }),
      ] as const;
    const builder: Record<string, unknown> = Object.fromEntries([
      style('setBold', 'bold'),
      style('setItalic', 'italic'),
      style('setStrikethrough', 'strikethrough'),
      style('setBackground', 'background'),
      style('setFontColor', 'fontColor'),
      [
        'whenTextEqualTo',
        counted('ConditionalFormatRuleBuilder.whenTextEqualTo', (text: string) => {
          spec.whenTextEqualTo = String(text);
          return builder;
        }),
      ],
      [
        'setRanges',
        counted('ConditionalFormatRuleBuilder.setRanges', (ranges: { getA1Notation(): string }[]) => {
          spec.ranges = ranges.map((r) => r.getA1Notation());
          return builder;
        }),
      ],
      [
        'build',
        counted('ConditionalFormatRuleBuilder.build', () => {
          if (!spec.ranges.length) throw new Error('Exception: A conditional format rule needs ranges.');
          return { spec: { ...spec, format: { ...spec.format } } };
        }),
      ],
    ]);
    return builder;
  };

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
    userEdit(args, triggerUid = 'sim-edit-trigger') {
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
