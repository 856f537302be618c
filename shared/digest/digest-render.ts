// The consolidated status email from a DigestModel: HTML that survives common email clients (table layout,
// inline styles, bar charts drawn with table cells, no scripts, no images, no classes) and a plain-text part
// with the same numbers. Every user- or config-supplied string goes through escapeHtml. O(n) in the lists.

import { renderNegotiationHtml, renderNegotiationText } from '../negotiation/negotiation-digest-render';
import { escapeHtml as e } from '../platform/html';
import type { Lang, Text } from '../platform/i18n';
import { formatDate, formatDateTime } from '../platform/time';
import { type ReviewStatus, STATUS_LABELS, STATUSES } from '../review/lifecycle';
import { DIGEST_LABELS, type DigestLabel, days, daysLeft, METRIC_LABELS, signed } from './digest-labels';
import type { DigestModel } from './digest-model';

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

export interface RenderOptions {
  lang: Lang;
  /** Rows shown per list; the rest are counted ("and 12 more"). Totals always count everything. */
  maxItems?: number;
}

const DEFAULT_MAX_ITEMS = 100;

/** Bar colours; every bar also has its status written next to it, so colour is never the only signal. */
const STATUS_COLOURS: Record<ReviewStatus, string> = {
  submitted: '#4b5563',
  in_review: '#1d4ed8',
  needs_revision: '#b45309',
  accepted: '#15803d',
  merged: '#6d28d9',
  rejected: '#b91c1c',
  withdrawn: '#57534e',
};

const INK = '#1a1a1a';
const MUTED = '#4b5563';
const NAVY = '#1e3a5f';
const RULE = '#d1d5db';
const FONT = 'Arial,Helvetica,sans-serif';

const S = {
  h2: `margin:28px 0 10px;font-family:${FONT};font-size:17px;line-height:1.3;color:${NAVY}`,
  p: `margin:0 0 10px;font-family:${FONT};font-size:14px;line-height:1.5;color:${INK}`,
  muted: `font-size:12px;color:${MUTED}`,
  table: `border-collapse:collapse;width:100%;font-family:${FONT};font-size:13px;line-height:1.4;color:${INK}`,
  th: `padding:6px;text-align:left;vertical-align:bottom;background:#eef2f7;border-bottom:2px solid ${NAVY};font-weight:bold;color:${INK}`,
  thRow: `padding:6px;text-align:left;vertical-align:top;border-bottom:1px solid ${RULE};font-weight:normal;color:${INK}`,
  td: `padding:6px;vertical-align:top;border-bottom:1px solid ${RULE};color:${INK}`,
};

export function renderDigest(model: DigestModel, opts: RenderOptions): RenderedDigest {
  const lang = opts.lang;
  const max = Math.max(1, opts.maxItems ?? DEFAULT_MAX_ITEMS);
  return {
    subject: subjectOf(model, lang),
    html: renderHtml(model, lang, max),
    text: renderText(model, lang, max),
  };
}

const label = (k: DigestLabel, lang: Lang, vars: Record<string, string | number> = {}) =>
  DIGEST_LABELS[k][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));

/** One line, so nothing from config can inject a mail header. */
function subjectOf(model: DigestModel, lang: Lang): string {
  const s = model.summary;
  const prefix = model.audienceName ? `[${model.audienceName[lang]}] ` : '';
  const count = (n: number, id: string, en: string) => `${n} ${lang === 'id' ? id : n === 1 ? en : `${en}s`}`;
  const line = `${prefix}${label('subject', lang)}: ${model.round.name[lang]} — ${count(s.total, 'usulan', 'proposal')}, ${count(s.commitments, 'komitmen', 'commitment')}`;
  return line.replace(/[\r\n\t]+/g, ' ');
}

const titleOf = (title: string, lang: Lang) => (title.trim() ? title : label('untitled', lang));

/** "Total usulan: 22 · Komitmen: 16 · …": the first line (and the inbox preview) of both parts. */
function headline(model: DigestModel, lang: Lang): [string, number][] {
  const s = model.summary;
  return [
    [label('total', lang), s.total],
    [label('commitments', lang), s.commitments],
    [label('accepted', lang), s.byStatus.accepted],
    [label('merged', lang), s.byStatus.merged],
    [label('invalid', lang), s.invalid],
  ];
}

function audienceLine(model: DigestModel, lang: Lang): string {
  return model.audienceName
    ? `${label('workingGroup', lang)} ${model.audienceName[lang]}`
    : label('secretariat', lang);
}

/** Statuses that occur in the round now or before, in lifecycle order (all of them when none does). */
function shownStatuses(model: DigestModel): ReviewStatus[] {
  const used = STATUSES.filter((s) => model.summary.byStatus[s] > 0);
  return used.length ? used : ['submitted'];
}

// ---------------------------------------------------------------------------------------------- HTML

/** formatDateTime, memoised per render: building Intl formatters is costly and rows share timestamps. */
function dateTimes(lang: Lang, timeZone: string): (iso: string) => string {
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

function renderHtml(model: DigestModel, lang: Lang, max: number): string {
  const tz = model.round.timeZone;
  const when = dateTimes(lang, tz);
  const out: string[] = [];
  const push = (...parts: string[]) => {
    for (const part of parts) out.push(part);
  };
  const h2 = (text: string, count?: number) =>
    push(`<h2 style="${S.h2}">${e(text)}${count === undefined ? '' : ` (${count})`}</h2>`);
  const none = () => push(`<p style="${S.p}">${e(label('none', lang))}</p>`);
  const more = (total: number) => {
    if (total > max) push(`<p style="${S.p};${S.muted}">${e(label('more', lang, { n: total - max }))}</p>`);
  };
  const idLine = (id: string, extra = '') =>
    `<br><span style="${S.muted}">${e(id)}${extra ? ` · ${e(extra)}` : ''}</span>`;

  push(
    `<p style="${S.p};font-size:15px">${headline(model, lang)
      .map(([k, v]) => `${e(k)}: <strong>${v}</strong>`)
      .join(' &middot; ')}</p>`,
  );

  // Changes since the last digest.
  h2(label('changes', lang));
  if (!model.previous) push(`<p style="${S.p}">${e(label('changesFirst', lang))}</p>`);
  else {
    push(
      `<p style="${S.p};${S.muted}">${e(label('previousSent', lang))}: ${e(when(model.previous.sentAt))} (${e(label('week', lang))} ${e(model.previous.period)})</p>`,
    );
    push(
      table(
        [label('measure', lang), label('before', lang), label('now', lang), label('change', lang)],
        model.changes.map((c) => [
          e(
            c.status
              ? STATUS_LABELS[c.status][lang]
              : METRIC_LABELS[c.metric as keyof typeof METRIC_LABELS][lang],
          ),
          String(c.before),
          `<strong>${c.now}</strong>`,
          e(signed(c.delta)),
        ]),
        ['left', 'right', 'right', 'right'],
      ),
    );
  }

  // Status bars and the working group x status table.
  h2(label('byStatus', lang));
  push(
    barChart(
      STATUSES.map((s) => ({
        label: STATUS_LABELS[s][lang],
        value: model.summary.byStatus[s],
        colour: STATUS_COLOURS[s],
      })),
    ),
  );
  if (model.byGroup.length > 1) {
    h2(label('byGroupChart', lang));
    push(barChart(model.byGroup.map((g) => ({ label: g.name[lang], value: g.total, colour: NAVY }))));
  }
  h2(label('byGroup', lang));
  const statuses = shownStatuses(model);
  const groupRows = model.byGroup.map((g) => [
    e(g.name[lang]),
    ...statuses.map((s) => (g.counts[s] ? String(g.counts[s]) : `<span style="color:${MUTED}">0</span>`)),
    `<strong>${g.total}</strong>`,
  ]);
  if (model.byGroup.length > 1) {
    groupRows.push([
      `<strong>${e(label('allGroups', lang))}</strong>`,
      ...statuses.map((s) => `<strong>${model.summary.byStatus[s]}</strong>`),
      `<strong>${model.summary.total}</strong>`,
    ]);
  }
  push(
    table(
      [label('workingGroup', lang), ...statuses.map((s) => STATUS_LABELS[s][lang]), label('totalCol', lang)],
      groupRows,
      ['left', ...statuses.map(() => 'right' as const), 'right'],
    ),
  );

  if (model.audienceName) {
    h2(label('groupProposals', lang), model.groupProposals.length);
    if (!model.groupProposals.length) none();
    else {
      push(
        table(
          [label('proposal', lang), label('status', lang), label('reviewer', lang)],
          model.groupProposals
            .slice(0, max)
            .map((p) => [
              `${e(titleOf(p.title, lang))}${idLine(p.id, p.organisation)}`,
              e(STATUS_LABELS[p.status][lang]),
              p.reviewer ? e(p.reviewer) : `<em>${e(label('noReviewer', lang))}</em>`,
            ]),
          ['left', 'left', 'left'],
        ),
      );
      more(model.groupProposals.length);
    }
  }

  // What needs attention.
  h2(label('waiting', lang, { n: model.reviewSlaDays }), model.waitingTooLong.length);
  if (!model.waitingTooLong.length) none();
  else {
    push(
      table(
        [label('proposal', lang), label('reviewer', lang), label('waitingFor', lang)],
        model.waitingTooLong
          .slice(0, max)
          .map((p) => [
            `${e(titleOf(p.title, lang))}${idLine(p.id, p.organisation)}`,
            p.reviewer ? e(p.reviewer) : `<em>${e(label('noReviewer', lang))}</em>`,
            `<strong>${e(days(p.days, lang))}</strong><br><span style="${S.muted}">${e(STATUS_LABELS[p.status][lang])}, ${e(label('since', lang))} ${e(when(p.waitingSince))}</span>`,
          ]),
        ['left', 'left', 'left'],
      ),
    );
    more(model.waitingTooLong.length);
  }

  h2(label('missingReason', lang), model.missingReason.length);
  if (!model.missingReason.length) none();
  else {
    push(`<p style="${S.p};${S.muted}">${e(label('missingReasonNote', lang))}</p>`);
    push(
      table(
        [
          label('proposal', lang),
          label('status', lang),
          label('reviewer', lang),
          label('currentResponse', lang),
        ],
        model.missingReason
          .slice(0, max)
          .map((p) => [
            `${e(titleOf(p.title, lang))}${idLine(p.id, p.organisation)}`,
            e(STATUS_LABELS[p.status][lang]),
            p.reviewer ? e(p.reviewer) : `<em>${e(label('noReviewer', lang))}</em>`,
            p.reasonedResponse ? e(p.reasonedResponse) : `<em>${e(label('empty', lang))}</em>`,
          ]),
        ['left', 'left', 'left', 'left'],
      ),
    );
    more(model.missingReason.length);
  }

  h2(label('invalidList', lang), model.invalid.length);
  if (!model.invalid.length) none();
  else {
    push(
      table(
        [label('proposal', lang), label('issues', lang)],
        model.invalid
          .slice(0, max)
          .map((p) => [
            `${e(titleOf(p.title, lang))}${idLine(p.id, p.organisation)}`,
            p.issues.map((i) => `&bull;&nbsp;${e(i[lang])}`).join('<br>'),
          ]),
        ['left', 'left'],
      ),
    );
    more(model.invalid.length);
  }

  // Consolidation.
  h2(label(model.previous ? 'newMerges' : 'newMergesFirst', lang), model.newMerges.length);
  if (!model.newMerges.length) none();
  else {
    push(
      table(
        [label('proposal', lang), label('mergedInto', lang)],
        model.newMerges.slice(0, max).map((m) => {
          const decided = [m.at ? when(m.at) : '', m.actor ?? ''].filter(Boolean).join(', ');
          return [
            `${e(titleOf(m.title, lang))}${idLine(m.id, m.organisation)}${decided ? `<br><span style="${S.muted}">${e(label('decided', lang))}: ${e(decided)}</span>` : ''}`,
            `${m.into ? `${e(titleOf(m.into.title, lang))}${idLine(m.into.id)}` : '&ndash;'}${m.reasonedResponse ? `<br><span style="${S.muted}">${e(label('reason', lang))}: ${e(m.reasonedResponse)}</span>` : ''}`,
          ];
        }),
        ['left', 'left'],
        [50, 50],
      ),
    );
    more(model.newMerges.length);
  }

  h2(label(model.audienceName ? 'commitmentsOfGroup' : 'commitmentList', lang), model.commitments.length);
  if (!model.commitments.length) none();
  else {
    push(
      table(
        ['#', label('commitment', lang)],
        model.commitments.slice(0, max).map((c, i) => [
          String(i + 1),
          `<strong>${e(titleOf(c.title, lang))}</strong>
<br><span style="${S.muted}">${e(label('sources', lang))}:</span> ${c.sources.map((s) => `${e(titleOf(s.title, lang))} <span style="${S.muted}">(${e(s.id)})</span>`).join('; ')}
<br><span style="${S.muted}">${e(label('coAuthors', lang))}:</span> ${c.coAuthors.map(e).join(', ')}
<br><span style="${S.muted}">${e(label('groups', lang))}:</span> ${c.workingGroups.map((g) => e(g.name[lang])).join(', ')}${
            c.irmFlags?.length
              ? `\n<br><span style="${S.muted}">${e(label('irmFlags', lang))}:</span> ${c.irmFlags.map((f) => e(f[lang])).join('; ')}`
              : ''
          }`,
        ]),
        ['right', 'left'],
      ),
    );
    more(model.commitments.length);
  }

  if (model.negotiation) {
    push(
      renderNegotiationHtml(
        model.negotiation,
        lang,
        { h2: S.h2, p: S.p, muted: S.muted, table: (h, r, a) => table(h, r, a) },
        { timeZone: tz, max },
      ),
    );
  }

  h2(label('deadlines', lang));
  if (!model.deadlines.length) none();
  else {
    push(
      table(
        [label('date', lang), label('deadline', lang), label('remaining', lang)],
        model.deadlines.map((d) => [
          e(formatDate(d.date, lang)),
          e(d.label[lang]),
          e(daysLeft(d.daysLeft, lang)),
        ]),
        ['left', 'left', 'left'],
      ),
    );
  }

  const footer = [
    label('footer', lang, { tz: zoneName(tz) }),
    ...(model.audienceName ? [label('footerGroup', lang, { g: model.audienceName[lang] })] : []),
  ];
  const subject = subjectOf(model, lang);
  const weekLine = `${label('weekly', lang)} · ${label('week', lang)} ${model.period}`;
  return `<!DOCTYPE html>
<html lang="${lang}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${e(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;color:${INK};font-family:${FONT}">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6">
<tr><td align="center" style="padding:12px 4px">
<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:680px;background:#ffffff;border:1px solid ${RULE}">
<tr><td style="background:${NAVY};padding:20px 16px;font-family:${FONT}">
<p style="margin:0 0 6px;font-size:13px;color:#dbe4ee">${e(weekLine)}</p>
<h1 style="margin:0;font-size:22px;line-height:1.3;color:#ffffff">${e(model.round.name[lang])}</h1>
<p style="margin:8px 0 0;font-size:13px;color:#dbe4ee">${e(label('for', lang))}: ${e(audienceLine(model, lang))} &middot; ${e(label('generated', lang))}: ${e(when(model.generatedAt))}</p>
</td></tr>
<tr><td style="padding:16px 16px 8px;font-family:${FONT}">
${out.join('\n')}
</td></tr>
<tr><td style="padding:16px 16px 20px;border-top:1px solid ${RULE};font-family:${FONT}">
${footer.map((f) => `<p style="margin:0 0 6px;font-size:12px;line-height:1.5;color:${MUTED}">${e(f)}</p>`).join('\n')}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** A data table: header cells with scope="col", the first cell of each row a header with scope="row". */
function table(
  headers: string[],
  rows: string[][],
  align: ('left' | 'right')[],
  widths: number[] = [],
): string {
  const head = headers
    .map((h, i) => {
      const w = widths[i] ? ` width="${widths[i]}%"` : '';
      return `<th scope="col"${w} style="${S.th};text-align:${align[i] ?? 'left'}">${e(h)}</th>`;
    })
    .join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells
          .map((c, i) =>
            i === 0
              ? `<th scope="row" style="${S.thRow};text-align:${align[0] ?? 'left'}">${c}</th>`
              : `<td style="${S.td};text-align:${align[i] ?? 'left'}">${c}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table cellpadding="0" cellspacing="0" border="0" width="100%" style="${S.table}">
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

/** Horizontal bars made of table cells (no images, no CSS a mail client could drop), label and number beside. */
function barChart(bars: { label: string; value: number; colour: string }[]): string {
  const top = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars.map((b) => {
    const pct = b.value === 0 ? 0 : Math.max(1, Math.round((b.value / top) * 100));
    const bar =
      pct === 0
        ? `<td style="height:14px;font-size:0;line-height:0;border-left:1px solid ${MUTED}">&nbsp;</td>`
        : `<td width="${pct}%" bgcolor="${b.colour}" style="width:${pct}%;height:14px;background:${b.colour};font-size:0;line-height:0">&nbsp;</td>${pct < 100 ? `<td width="${100 - pct}%" style="width:${100 - pct}%;font-size:0;line-height:0">&nbsp;</td>` : ''}`;
    return `<tr>
<td width="38%" style="width:38%;padding:3px 10px 3px 0;font-size:13px;color:${INK}">${e(b.label)}</td>
<td width="52%" style="width:52%;padding:3px 0"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>${bar}</tr></table></td>
<td width="10%" align="right" style="width:10%;padding:3px 0 3px 10px;font-size:13px;font-weight:bold;color:${INK};text-align:right">${b.value}</td>
</tr>`;
  });
  return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%" style="width:100%;font-family:${FONT}">
${rows.join('\n')}
</table>`;
}

function zoneName(timeZone: string): string {
  return (
    ({ 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' } as Record<string, string>)[
      timeZone
    ] ?? timeZone
  );
}

// ---------------------------------------------------------------------------------------------- text

function renderText(model: DigestModel, lang: Lang, max: number): string {
  const tz = model.round.timeZone;
  const when = dateTimes(lang, tz);
  const lines: string[] = [];
  const section = (title: string, count?: number) =>
    lines.push('', `== ${title}${count === undefined ? '' : ` (${count})`} ==`);
  const none = () => lines.push(label('none', lang));
  const more = (total: number) => {
    if (total > max) lines.push(label('more', lang, { n: total - max }));
  };
  const name = (t: Text) => t[lang];

  lines.push(
    model.round.name[lang],
    `${label('weekly', lang)} · ${label('week', lang)} ${model.period}`,
    `${label('for', lang)}: ${audienceLine(model, lang)}`,
    `${label('generated', lang)}: ${when(model.generatedAt)}`,
    '',
    headline(model, lang)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · '),
  );

  section(label('changes', lang));
  if (!model.previous) lines.push(label('changesFirst', lang));
  else {
    lines.push(
      `${label('previousSent', lang)}: ${when(model.previous.sentAt)} (${label('week', lang)} ${model.previous.period})`,
    );
    for (const c of model.changes) {
      const what = c.status
        ? STATUS_LABELS[c.status][lang]
        : METRIC_LABELS[c.metric as keyof typeof METRIC_LABELS][lang];
      lines.push(`- ${what}: ${c.before} -> ${c.now} (${signed(c.delta)})`);
    }
  }

  section(label('byStatus', lang));
  lines.push(
    ...textBars(STATUSES.map((s) => ({ label: STATUS_LABELS[s][lang], value: model.summary.byStatus[s] }))),
  );

  if (model.byGroup.length > 1) {
    section(label('byGroupChart', lang));
    lines.push(...textBars(model.byGroup.map((g) => ({ label: g.name[lang], value: g.total }))));
  }

  section(label('byGroup', lang));
  const statuses = shownStatuses(model);
  for (const g of model.byGroup) {
    lines.push(
      `- ${name(g.name)}: ${g.total} (${statuses.map((s) => `${STATUS_LABELS[s][lang]} ${g.counts[s]}`).join(', ')})`,
    );
  }

  if (model.audienceName) {
    section(label('groupProposals', lang), model.groupProposals.length);
    if (!model.groupProposals.length) none();
    for (const p of model.groupProposals.slice(0, max)) {
      lines.push(
        `- ${titleOf(p.title, lang)} [${p.id}] — ${p.organisation}; ${STATUS_LABELS[p.status][lang]}; ${label('reviewer', lang)}: ${p.reviewer ?? label('noReviewer', lang)}`,
      );
    }
    more(model.groupProposals.length);
  }

  section(label('waiting', lang, { n: model.reviewSlaDays }), model.waitingTooLong.length);
  if (!model.waitingTooLong.length) none();
  for (const p of model.waitingTooLong.slice(0, max)) {
    lines.push(
      `- ${titleOf(p.title, lang)} [${p.id}] — ${p.organisation}; ${label('reviewer', lang)}: ${p.reviewer ?? label('noReviewer', lang)}; ${days(p.days, lang)} (${STATUS_LABELS[p.status][lang]}, ${label('since', lang)} ${when(p.waitingSince)})`,
    );
  }
  more(model.waitingTooLong.length);

  section(label('missingReason', lang), model.missingReason.length);
  if (!model.missingReason.length) none();
  for (const p of model.missingReason.slice(0, max)) {
    lines.push(
      `- ${titleOf(p.title, lang)} [${p.id}] — ${STATUS_LABELS[p.status][lang]}; ${label('reviewer', lang)}: ${p.reviewer ?? label('noReviewer', lang)}; ${label('currentResponse', lang)}: ${p.reasonedResponse || label('empty', lang)}`,
    );
  }
  more(model.missingReason.length);

  section(label('invalidList', lang), model.invalid.length);
  if (!model.invalid.length) none();
  for (const p of model.invalid.slice(0, max)) {
    lines.push(`- ${titleOf(p.title, lang)} [${p.id}] — ${p.organisation}`);
    for (const i of p.issues) lines.push(`    * ${i[lang]}`);
  }
  more(model.invalid.length);

  section(label(model.previous ? 'newMerges' : 'newMergesFirst', lang), model.newMerges.length);
  if (!model.newMerges.length) none();
  for (const m of model.newMerges.slice(0, max)) {
    const into = m.into ? `${titleOf(m.into.title, lang)} [${m.into.id}]` : '-';
    const at = m.at ? `; ${when(m.at)}` : '';
    lines.push(`- ${titleOf(m.title, lang)} [${m.id}] -> ${into}${at}${m.actor ? ` (${m.actor})` : ''}`);
    if (m.reasonedResponse) lines.push(`    ${label('reason', lang)}: ${m.reasonedResponse}`);
  }
  more(model.newMerges.length);

  section(
    label(model.audienceName ? 'commitmentsOfGroup' : 'commitmentList', lang),
    model.commitments.length,
  );
  if (!model.commitments.length) none();
  model.commitments.slice(0, max).forEach((c, i) => {
    lines.push(
      `${i + 1}. ${titleOf(c.title, lang)}`,
      `   ${label('sources', lang)}: ${c.sources.map((s) => `${titleOf(s.title, lang)} [${s.id}]`).join('; ')}`,
      `   ${label('coAuthors', lang)}: ${c.coAuthors.join(', ')}`,
      `   ${label('groups', lang)}: ${c.workingGroups.map((g) => name(g.name)).join(', ')}`,
      ...(c.irmFlags?.length
        ? [`   ${label('irmFlags', lang)}: ${c.irmFlags.map((f) => f[lang]).join('; ')}`]
        : []),
    );
  });
  more(model.commitments.length);

  if (model.negotiation) lines.push(...renderNegotiationText(model.negotiation, lang, { timeZone: tz, max }));

  section(label('deadlines', lang));
  if (!model.deadlines.length) none();
  for (const d of model.deadlines) {
    lines.push(`- ${formatDate(d.date, lang)}: ${d.label[lang]} (${daysLeft(d.daysLeft, lang)})`);
  }

  lines.push(
    '',
    '--',
    label('footer', lang, { tz: zoneName(tz) }),
    ...(model.audienceName ? [label('footerGroup', lang, { g: model.audienceName[lang] })] : []),
  );
  return `${lines.join('\n')}\n`;
}

function textBars(bars: { label: string; value: number }[]): string[] {
  const top = Math.max(1, ...bars.map((b) => b.value));
  const width = Math.max(...bars.map((b) => b.label.length));
  return bars.map((b) =>
    `${b.label.padEnd(width)}  ${String(b.value).padStart(5)}  ${'#'.repeat(b.value ? Math.max(1, Math.round((b.value / top) * 24)) : 0)}`.trimEnd(),
  );
}
