// What a cell reads as: its value, or its formula evaluated (only the dashboard's three shapes; see spreadsheet-fake.ts).
import { letterToColumn, type SimCellValue } from './cells';
import type { BookData, SheetData } from './model';

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
export const value = (book: BookData, sheet: SheetData, row: number, column: number): SimCellValue => {
  const c = sheet.cell(row, column);
  return c.f ? evaluate(book, sheet, c.f) : c.v;
};
