// Lenient parsing of Indonesian and ISO numbers and dates, as people type them into forms and sheets.

const MONTHS: Record<string, number> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  februari: 2,
  february: 2,
  mar: 3,
  maret: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  agu: 8,
  agt: 8,
  agustus: 8,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oktober: 10,
  oct: 10,
  october: 10,
  nov: 11,
  nopember: 11,
  november: 11,
  des: 12,
  desember: 12,
  dec: 12,
  december: 12,
};

/**
 * Parses an amount the way Indonesians write it: "Rp 150.000" is 150000 ("." groups thousands, ","
 * marks decimals). Plain ISO "1500.50" with exactly two decimals is also read. Null when not a number
 * or beyond Number.MAX_SAFE_INTEGER (which a double cannot store exactly).
 */
export function parseIndonesianNumber(raw: string): number | null {
  let s = String(raw ?? '')
    .replace(/^\s*(rp\.?|idr)\s*/i, '')
    .replace(/[\s\u00a0]/g, '')
    .replace(/,-$/, '');
  if (!s) return null;
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  let normalised: string;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) normalised = s.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d+$/.test(s)) normalised = s.replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(s)) normalised = s.replace(/,/g, '');
  else if (/^\d+(\.\d{1,2})?$/.test(s)) normalised = s;
  else return null;
  const n = Number(normalised);
  // Beyond MAX_SAFE_INTEGER a double no longer holds every whole amount exactly: refuse rather than round.
  if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER) return null;
  return negative ? -n : n;
}

/**
 * Parses a date to ISO "YYYY-MM-DD": ISO, "17/08/2023" and "17-08-2023" (day first, as in Indonesia),
 * "17 Agustus 2023" / "17 August 2023". A time part ("2023-08-17 10:00:00") is ignored. Null when invalid.
 */
export function parseDate(raw: string): string | null {
  const s = String(raw ?? '')
    .trim()
    .toLowerCase();
  if (!s) return null;
  const parts = readDayMonthYear(s);
  if (!parts) return null;
  const [y, m, d] = parts;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2200) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function readDayMonthYear(s: string): [number, number, number] | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t\s].*)?$/.exec(s);
  if (iso) return [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s.*)?$/.exec(s);
  if (dayFirst) return [Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1])];
  const named = /^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/.exec(s);
  const month = named ? MONTHS[named[2] as string] : undefined;
  if (named && month) return [Number(named[3]), month, Number(named[1])];
  return null;
}

/**
 * Parses a submission timestamp to an ISO instant. Google Forms CSV exports write local time
 * ("17/08/2022 10:15:00" or "2022/08/17 10:15:00 AM GMT+7"); a zone-less time is read as WIB (UTC+7).
 */
export function parseTimestamp(raw: string, utcOffsetHours = 7): string | null {
  const s = String(raw ?? '').trim();
  if (!s) return null;
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  const m =
    /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?\s*(?:gmt([+-]\d{1,2})(?::?(\d{2}))?)?$/i.exec(
      s,
    );
  if (!m) {
    const day = parseDate(s);
    return day ? new Date(Date.parse(`${day}T00:00:00Z`) - utcOffsetHours * 3600_000).toISOString() : null;
  }
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [y, mo, d] = (m[1] as string).length === 4 ? [a, b, c] : [c, b, a];
  let h = Number(m[4]);
  const ampm = m[7]?.toLowerCase();
  if (ampm === 'pm' && h < 12) h += 12;
  if (ampm === 'am' && h === 12) h = 0;
  const offset =
    m[8] !== undefined
      ? Number(m[8]) + Math.sign(Number(m[8]) || 1) * (Number(m[9] ?? 0) / 60)
      : utcOffsetHours;
  const iso = parseDate(`${y}-${mo}-${d}`);
  if (!iso || h > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, Number(m[5]), Number(m[6] ?? 0)) - offset * 3600_000;
  return new Date(utc).toISOString();
}
