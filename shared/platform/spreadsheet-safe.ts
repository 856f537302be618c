// Neutralises spreadsheet formula injection (CSV/Sheets "CSV injection"): a text cell that a spreadsheet
// would read as a formula is prefixed with a single quote, which Sheets, Excel and LibreOffice show as text.

/**
 * Characters that make a spreadsheet treat a cell as a formula or a command: = + - @ (and their full-width
 * forms, which some spreadsheets fold), tab and carriage return (OWASP CSV injection guidance). Leading
 * whitespace is looked through too, since some importers trim it before deciding.
 */
const DANGEROUS_START = /^[\t\r]|^[\s\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** Returns the text unchanged unless it could be read as a formula, then with a leading `'`. */
export function safeCell(value: string): string {
  return DANGEROUS_START.test(value) ? `'${value}` : value;
}

/** Whether safeCell would change the value. */
export function isFormulaLike(value: string): boolean {
  return DANGEROUS_START.test(value);
}
