// The digest's negotiation section, rendered: status counts, one row per commitment (lead agency, each
// agency's position, what changed from the CSO text: removed words struck through, added words
// underlined, so neither depends on colour), and the agencies silent for too long. HTML and plain text.
import { escapeHtml as e } from '../platform/html';
import type { Lang, Text } from '../platform/i18n';
import { formatDateTime } from '../platform/time';
import { TEXT_FIELD_LABELS } from './commitment-text';
import {
  AGENCY_POSITION_LABELS,
  AGENCY_ROLE_LABELS,
  NEGOTIATION_STATUS_LABELS,
  NEGOTIATION_STATUSES,
} from './negotiation';
import type { NegotiationDigest } from './negotiation-digest';
import { diffAsText, type WordChange } from './text-diff';

export const NEGOTIATION_LABELS = {
  section: { id: 'Negosiasi dengan K/L', en: 'Negotiation with ministries and agencies' },
  illustrative: {
    id: 'Posisi instansi dicatat oleh sekretariat; pada data contoh semuanya ilustrasi, bukan pernyataan instansi.',
    en: 'Agency positions are recorded by the secretariat; in sample data they are all illustrative, not statements by the agencies.',
  },
  commitment: { id: 'Komitmen', en: 'Commitment' },
  status: { id: 'Status', en: 'Status' },
  agencies: { id: 'Instansi dan posisi', en: 'Agencies and positions' },
  changes: { id: 'Perubahan dari teks OMS', en: 'Changes from the CSO text' },
  noChanges: { id: 'sama dengan teks OMS', en: 'same as the CSO text' },
  silent: { id: 'Instansi belum menjawab lebih dari {n} hari', en: 'Agencies silent for more than {n} days' },
  agency: { id: 'Instansi', en: 'Agency' },
  waitingFor: { id: 'Menunggu', en: 'Waiting' },
  days: { id: '{n} hari', en: '{n} days' },
  since: { id: 'sejak', en: 'since' },
  none: { id: 'Tidak ada.', en: 'None.' },
  nextMeeting: { id: 'Rapat berikutnya', en: 'Next meeting' },
  revisions: { id: 'revisi teks', en: 'text revisions' },
} satisfies Record<string, Text>;

type Key = keyof typeof NEGOTIATION_LABELS;
const L = (k: Key, lang: Lang, n?: number) => NEGOTIATION_LABELS[k][lang].replace('{n}', String(n ?? ''));

export interface SectionStyle {
  h2: string;
  p: string;
  muted: string;
  /** Renders a data table (the digest's own, so the section looks like the rest of the email). */
  table: (headers: string[], rows: string[][], align: ('left' | 'right')[]) => string;
}

function wordsHtml(changes: readonly WordChange[]): string {
  return changes
    .map((c) =>
      c.kind === 'same'
        ? e(c.text)
        : c.kind === 'removed'
          ? `<del style="text-decoration:line-through;background:#fde2e2">${e(c.text)}</del>`
          : `<ins style="text-decoration:underline;background:#dcfce7">${e(c.text)}</ins>`,
    )
    .join('');
}

export function renderNegotiationHtml(
  section: NegotiationDigest,
  lang: Lang,
  style: SectionStyle,
  opts: { timeZone: string; max: number },
): string {
  const out: string[] = [];
  out.push(`<h2 style="${style.h2}">${e(L('section', lang))} (${section.commitments.length})</h2>`);
  out.push(`<p style="${style.p};${style.muted}">${e(L('illustrative', lang))}</p>`);
  out.push(
    `<p style="${style.p}">${NEGOTIATION_STATUSES.filter((s) => section.counts[s] > 0)
      .map((s) => `${e(NEGOTIATION_STATUS_LABELS[s][lang])}: <strong>${section.counts[s]}</strong>`)
      .join(' &middot; ')}</p>`,
  );
  if (!section.commitments.length) out.push(`<p style="${style.p}">${e(L('none', lang))}</p>`);
  else
    out.push(
      style.table(
        [L('commitment', lang), L('status', lang), L('agencies', lang), L('changes', lang)],
        section.commitments
          .slice(0, opts.max)
          .map((c) => [
            `${e(c.title)}<br><span style="${style.muted}">${e(c.commitmentId)} · ${c.textRevisions} ${e(L('revisions', lang))}${c.nextMeeting ? ` · ${e(L('nextMeeting', lang))}: ${e(c.nextMeeting)}` : ''}</span>`,
            e(NEGOTIATION_STATUS_LABELS[c.status][lang]),
            c.agencies
              .map(
                (a) =>
                  `${e(a.agency)} <span style="${style.muted}">(${e(AGENCY_ROLE_LABELS[a.role][lang])})</span>: ${e(AGENCY_POSITION_LABELS[a.position][lang])}`,
              )
              .join('<br>'),
            c.changes.length
              ? c.changes
                  .map(
                    (d) => `<strong>${e(TEXT_FIELD_LABELS[d.field][lang])}</strong>: ${wordsHtml(d.changes)}`,
                  )
                  .join('<br>')
              : `<em>${e(L('noChanges', lang))}</em>`,
          ]),
        ['left', 'left', 'left', 'left'],
      ),
    );
  out.push(
    `<h2 style="${style.h2}">${e(L('silent', lang, section.responseDays))} (${section.silent.length})</h2>`,
  );
  if (!section.silent.length) out.push(`<p style="${style.p}">${e(L('none', lang))}</p>`);
  else
    out.push(
      style.table(
        [L('agency', lang), L('commitment', lang), L('waitingFor', lang)],
        section.silent
          .slice(0, opts.max)
          .map((s) => [
            `${e(s.agency)} <span style="${style.muted}">(${e(AGENCY_ROLE_LABELS[s.role][lang])})</span>`,
            `${e(s.title)}<br><span style="${style.muted}">${e(s.commitmentId)}</span>`,
            `<strong>${e(L('days', lang, s.days))}</strong><br><span style="${style.muted}">${e(L('since', lang))} ${e(formatDateTime(s.since, lang, opts.timeZone))}</span>`,
          ]),
        ['left', 'left', 'left'],
      ),
    );
  return out.join('\n');
}

export function renderNegotiationText(
  section: NegotiationDigest,
  lang: Lang,
  opts: { timeZone: string; max: number },
): string[] {
  const lines: string[] = [
    '',
    `== ${L('section', lang)} (${section.commitments.length}) ==`,
    L('illustrative', lang),
  ];
  lines.push(
    NEGOTIATION_STATUSES.filter((s) => section.counts[s] > 0)
      .map((s) => `${NEGOTIATION_STATUS_LABELS[s][lang]}: ${section.counts[s]}`)
      .join(' · '),
  );
  if (!section.commitments.length) lines.push(L('none', lang));
  section.commitments.slice(0, opts.max).forEach((c, i) => {
    lines.push(`${i + 1}. ${c.title} [${c.commitmentId}] — ${NEGOTIATION_STATUS_LABELS[c.status][lang]}`);
    for (const a of c.agencies)
      lines.push(
        `   ${a.agency} (${AGENCY_ROLE_LABELS[a.role][lang]}): ${AGENCY_POSITION_LABELS[a.position][lang]}`,
      );
    if (c.nextMeeting) lines.push(`   ${L('nextMeeting', lang)}: ${c.nextMeeting}`);
    if (!c.changes.length) lines.push(`   ${L('changes', lang)}: ${L('noChanges', lang)}`);
    for (const d of c.changes) lines.push(`   ${TEXT_FIELD_LABELS[d.field][lang]}: ${diffAsText(d.changes)}`);
  });
  lines.push('', `== ${L('silent', lang, section.responseDays)} (${section.silent.length}) ==`);
  if (!section.silent.length) lines.push(L('none', lang));
  for (const s of section.silent.slice(0, opts.max))
    lines.push(
      `- ${s.agency} (${AGENCY_ROLE_LABELS[s.role][lang]}) — ${s.title} [${s.commitmentId}]: ${L('days', lang, s.days)} (${L('since', lang)} ${formatDateTime(s.since, lang, opts.timeZone)})`,
    );
  return lines;
}
