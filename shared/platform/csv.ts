// RFC 4180 CSV reading and writing (quoted fields, embedded newlines and quotes, CRLF, a leading BOM).

/** Parses CSV text into rows of fields. Never throws: an unterminated quote runs to the end of input. */
export function parseCsv(text: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = s.length;
  // Scans with indexOf and slices whole fields: far faster than appending one character at a time.
  while (i < n) {
    let field: string;
    if (s.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = s.indexOf('"', from);
        if (q < 0) {
          value += s.slice(from);
          i = n;
          break;
        }
        value += s.slice(from, q);
        if (s.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // Text after a closing quote, up to the separator, belongs to the field (lenient, like Sheets).
      const end = nextSeparator(s, i);
      field = value + s.slice(i, end);
      i = end;
    } else {
      const end = nextSeparator(s, i);
      field = s.slice(i, end);
      i = end;
    }
    row.push(field);
    const c = s.charCodeAt(i);
    if (c === 44 /* , */) {
      i++;
      if (i === n) row.push('');
    } else {
      if (c === 13 /* \r */ && s.charCodeAt(i + 1) === 10) i++;
      i++;
      rows.push(row);
      row = [];
    }
  }
  if (row.length > 0) rows.push(row);
  return rows.filter((r) => r.some((f) => f !== ''));
}

/** Index of the next comma or line break at or after `from` (or the end). */
function nextSeparator(s: string, from: number): number {
  for (let j = from; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 44 || c === 10 || c === 13) return j;
  }
  return s.length;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Writes rows as CSV with CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return `${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
