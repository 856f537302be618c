// A CSV file's bytes to text: UTF-16 (with a BOM), UTF-8 when valid, else Windows-1252; never a lenient
// decode that turns accents into U+FFFD. Node side only (shared/ code also runs in Apps Script).
import type { CsvEncoding } from '../../shared/platform/csv';

/**
 * Decodes a CSV file's bytes: UTF-16 when it starts with that byte-order mark, UTF-8 when the bytes are
 * valid UTF-8, otherwise Windows-1252 (what Excel on Windows saves as "CSV"): never a lenient decode that
 * turns accents into U+FFFD.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/** Windows-1252's 0x80-0x9F (the rest is Latin-1); unassigned bytes keep their C1 code point (WHATWG). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decoded by hand: Node's TextDecoder('windows-1252') reads these bytes as Latin-1 (0x93 stays U+0093). */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as string) : String.fromCharCode(b),
    );
    out += chunk.join('');
  }
  return out;
}
