// RFC 4180 CSV reading and writing (quoted fields, embedded newlines and quotes, CRLF, a leading BOM),
// with the delimiter detected (Excel in an Indonesian locale writes ";").

export interface CsvOptions {
  /** The field separator: "," unless told (see detectDelimiter). */
  delimiter?: string;
}

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file where the record starts (quoted newlines counted). */
  line: number;
}

/** Parses CSV text into rows of fields. Never throws: an unterminated quote runs to the end of input. */
export function parseCsv(text: string, opts: CsvOptions = {}): string[][] {
  return parseCsvRecords(text, opts).map((r) => r.fields);
}

/** Parses CSV text into records with their line numbers; blank lines are skipped. Never throws. */
export function parseCsvRecords(text: string, opts: CsvOptions = {}): CsvRecord[] {
  return [...new CsvRecordReader(text, opts)];
}

/**
 * The records of a CSV text one at a time, as parseCsvRecords gives them (same fields, same lines), so a
 * caller can process each while later ones are not parsed yet; `offset` says how far into the text it is.
 */
export class CsvRecordReader implements IterableIterator<CsvRecord> {
  private readonly s: string;
  private readonly sep: number;
  private i = 0;
  private line = 1;

  constructor(text: string, opts: CsvOptions = {}) {
    this.s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.sep = (opts.delimiter ?? ',').charCodeAt(0);
  }

  /** Characters of the text read so far, and in all (for progress). */
  get offset(): number {
    return this.i;
  }
  get length(): number {
    return this.s.length;
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<CsvRecord> {
    const { s, sep } = this;
    const n = s.length;
    let { i, line } = this;
    let row: string[] = [];
    let rowLine = line;
    let record: CsvRecord | undefined;
    // Scans with indexOf and slices whole fields: far faster than appending one character at a time.
    while (i < n && !record) {
      let field: string;
      if (s.charCodeAt(i) === 34 /* " */) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = s.indexOf('"', from);
          const part = q < 0 ? s.slice(from) : s.slice(from, q);
          line += countNewlines(part);
          if (q < 0) {
            value += part;
            i = n;
            break;
          }
          value += part;
          if (s.charCodeAt(q + 1) === 34) {
            value += '"';
            from = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        // Text after a closing quote, up to the separator, belongs to the field (lenient, like Sheets).
        const end = nextSeparator(s, i, sep);
        field = value + s.slice(i, end);
        i = end;
      } else {
        const end = nextSeparator(s, i, sep);
        field = s.slice(i, end);
        i = end;
      }
      row.push(field);
      const c = s.charCodeAt(i);
      if (c === sep) {
        i++;
        if (i === n) row.push('');
      } else {
        if (c === 13 /* \r */ && s.charCodeAt(i + 1) === 10) i++;
        i++;
        if (row.some((f) => f !== '')) record = { fields: row, line: rowLine };
        line++;
        rowLine = line;
        row = [];
      }
    }
    if (!record && row.some((f) => f !== '')) record = { fields: row, line: rowLine };
    this.i = i;
    this.line = line;
    return record ? { value: record, done: false } : { value: undefined, done: true };
  }
}

function countNewlines(s: string): number {
  let count = 0;
  for (let j = s.indexOf('\n'); j >= 0; j = s.indexOf('\n', j + 1)) count++;
  // A lone CR (old Mac line ends) is a line end too.
  for (let j = s.indexOf('\r'); j >= 0; j = s.indexOf('\r', j + 1)) if (s.charCodeAt(j + 1) !== 10) count++;
  return count;
}

/** Index of the next separator or line break at or after `from` (or the end). */
function nextSeparator(s: string, from: number, sep: number): number {
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === sep || c === 10 || c === 13) return j;
  }
  return s.length;
}

const CANDIDATES = [',', ';', '\t'] as const;

/**
 * The delimiter of a CSV text: whichever of comma, semicolon and tab occurs most often (outside quotes)
 * in its first line. Comma when none does (a one-column file).
 */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const c of CANDIDATES) if ((counts.get(c) ?? 0) > (counts.get(best) ?? 0)) best = c;
  return best;
}

/** How a CSV file's bytes were decoded (infra/cli/csv-decode.ts decodes; shared/ has no TextDecoder). */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Writes rows as CSV with CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
