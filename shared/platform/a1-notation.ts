// A1 notation for sheet ranges, one implementation for SpreadsheetApp (Apps Script) and the Sheets API (Lambda).

/** 1-based column number -> its letters: 1 "A", 26 "Z", 27 "AA", 52 "AZ", 703 "AAA". */
export function columnLetter(column: number): string {
  let n = column;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A sheet name as a formula or range reference: always quoted, inner quotes doubled. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
