// Dates shown to people: in the round's time zone (WIB for Indonesia), in the reader's language.
import type { Lang } from './i18n';

/** "26 November 2026 07.30 WIB" / "26 November 2026, 07:30 WIB". */
export function formatDateTime(iso: string, lang: Lang, timeZone = 'Asia/Jakarta'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
  return `${text} ${zoneAbbreviation(timeZone)}`;
}

export function formatDate(isoDate: string, lang: Lang): string {
  const d = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return isoDate;
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(d);
}

function zoneAbbreviation(timeZone: string): string {
  return (
    ({ 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' } as Record<string, string>)[
      timeZone
    ] ?? timeZone
  );
}

/** ISO week of an instant in a time zone, "2026-W48": the period a weekly digest is sent for. */
export function isoWeek(iso: string, utcOffsetHours = 7): string {
  const local = new Date(Date.parse(iso) + utcOffsetHours * 3600_000);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
