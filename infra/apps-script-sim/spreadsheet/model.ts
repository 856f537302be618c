// The spreadsheet fake's state (a spreadsheet and its tabs) and the snapshot shapes tests read.
import type { Cell, SimBlock, SimCellValue } from './cells';

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
  /** The event's triggerUid. Default: the edit trigger installed for that spreadsheet (AppsScriptSim.userEdit). */
  triggerUid?: string;
}

export class SheetData {
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
export class BookData {
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
