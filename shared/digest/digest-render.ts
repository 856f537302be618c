// The consolidated status email from a DigestModel: an HTML part that survives common email clients and a
// plain-text part with the same numbers. Each section (status-, attention- and outcome-sections.ts) is
// written once per part; every user- or config-supplied string is escaped. O(n) in the lists.
import { escapeHtml as e } from '../platform/html';
import type { Lang } from '../platform/i18n';
import { invalidSection, missingReasonSection, waitingSection } from './attention-sections';
import type { DigestModel } from './digest-model';
import { commitmentsSection, deadlinesSection, mergesSection, negotiationSection } from './outcome-sections';
import { type DigestSection, dateTimes, label, type RenderContext, zoneName } from './render-context';
import { FONT, INK, MUTED, NAVY, RULE, S } from './render-html';
import { changesSection, groupProposalsSection, statusSection } from './status-sections';

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

/** The sections, in the order both parts show them. */
const SECTIONS: DigestSection[] = [
  changesSection,
  statusSection,
  groupProposalsSection,
  waitingSection,
  missingReasonSection,
  invalidSection,
  mergesSection,
  commitmentsSection,
  negotiationSection,
  deadlinesSection,
];

export function renderDigest(model: DigestModel, opts: RenderOptions): RenderedDigest {
  const lang = opts.lang;
  const c: RenderContext = {
    model,
    lang,
    max: Math.max(1, opts.maxItems ?? DEFAULT_MAX_ITEMS),
    when: dateTimes(lang, model.round.timeZone),
  };
  const html: string[] = [];
  const text: string[] = [];
  for (const section of SECTIONS) {
    html.push(...section.html(c));
    text.push(...section.text(c));
  }
  return { subject: subjectOf(model, lang), html: htmlPage(c, html), text: textPage(c, text) };
}

/** One line, so nothing from config can inject a mail header. */
function subjectOf(model: DigestModel, lang: Lang): string {
  const s = model.summary;
  const prefix = model.audienceName ? `[${model.audienceName[lang]}] ` : '';
  const count = (n: number, id: string, en: string) => `${n} ${lang === 'id' ? id : n === 1 ? en : `${en}s`}`;
  const line = `${prefix}${label('subject', lang)}: ${model.round.name[lang]} — ${count(s.total, 'usulan', 'proposal')}, ${count(s.commitments, 'komitmen', 'commitment')}`;
  return line.replace(/[\r\n\t]+/g, ' ');
}

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

function htmlPage({ model, lang, when }: RenderContext, sections: string[]): string {
  const tz = model.round.timeZone;
  const body = [
    `<p style="${S.p};font-size:15px">${headline(model, lang)
      .map(([k, v]) => `${e(k)}: <strong>${v}</strong>`)
      .join(' &middot; ')}</p>`,
    ...sections,
  ];
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
${body.join('\n')}
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

function textPage({ model, lang, when }: RenderContext, sections: string[]): string {
  const tz = model.round.timeZone;
  const lines = [
    model.round.name[lang],
    `${label('weekly', lang)} · ${label('week', lang)} ${model.period}`,
    `${label('for', lang)}: ${audienceLine(model, lang)}`,
    `${label('generated', lang)}: ${when(model.generatedAt)}`,
    '',
    headline(model, lang)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · '),
    ...sections,
    '',
    '--',
    label('footer', lang, { tz: zoneName(tz) }),
    ...(model.audienceName ? [label('footerGroup', lang, { g: model.audienceName[lang] })] : []),
  ];
  return `${lines.join('\n')}\n`;
}
