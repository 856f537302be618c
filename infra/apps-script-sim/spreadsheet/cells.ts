// Cell values, A1 notation and typed input: the pure helpers every part of the spreadsheet fake shares.

export type SimCellValue = string | number | boolean | Date;

export interface Cell {
  v: SimCellValue;
  f?: string;
}

export interface SimBlock {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export type Counted = <A extends unknown[], R>(name: string, fn: (...args: A) => R) => (...args: A) => R;

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
export function letterToColumn(letters: string): number {
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
