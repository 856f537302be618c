// What every section of the digest email is rendered from, and the small helpers both writers share.
import type { Lang } from '../platform/i18n';
import { formatDateTime } from '../platform/time';
import { type ReviewStatus, STATUSES } from '../review/lifecycle';
import { DIGEST_LABELS, type DigestLabel } from './digest-labels';
import type { DigestModel } from './digest-model';

export interface RenderContext {
  model: DigestModel;
  lang: Lang;
  /** Rows shown per list; the rest are counted ("and 12 more"). */
  max: number;
  /** An ISO instant as a date and time in the round's time zone (memoised). */
  when: (iso: string) => string;
}

/** One section of the email, written once as HTML and once as plain text (one entry per line or block). */
export interface DigestSection {
  html(c: RenderContext): string[];
  text(c: RenderContext): string[];
}

export const label = (k: DigestLabel, lang: Lang, vars: Record<string, string | number> = {}) =>
  DIGEST_LABELS[k][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));

export const titleOf = (title: string, lang: Lang) => (title.trim() ? title : label('untitled', lang));

/** Statuses that occur in the round now or before, in lifecycle order (all of them when none does). */
export function shownStatuses(model: DigestModel): ReviewStatus[] {
  const used = STATUSES.filter((s) => model.summary.byStatus[s] > 0);
  return used.length ? used : ['submitted'];
}

/** formatDateTime, memoised per render: building Intl formatters is costly and rows share timestamps. */
export function dateTimes(lang: Lang, timeZone: string): (iso: string) => string {
  const seen = new Map<string, string>();
  return (iso) => {
    let s = seen.get(iso);
    if (s === undefined) {
      s = formatDateTime(iso, lang, timeZone);
      seen.set(iso, s);
    }
    return s;
  };
}

export function zoneName(timeZone: string): string {
  return (
    ({ 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' } as Record<string, string>)[
      timeZone
    ] ?? timeZone
  );
}
