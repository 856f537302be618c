// The HTML writer's pieces: styles that survive common email clients (table layout, inline styles, no
// classes), data tables and bar charts drawn with table cells. Every string passed in as text is escaped.
import { escapeHtml as e } from '../platform/html';
import type { ReviewStatus } from '../review/lifecycle';
import { label, type RenderContext } from './render-context';

/** Bar colours; every bar also has its status written next to it, so colour is never the only signal. */
export const STATUS_COLOURS: Record<ReviewStatus, string> = {
  submitted: '#4b5563',
  in_review: '#1d4ed8',
  needs_revision: '#b45309',
  accepted: '#15803d',
  merged: '#6d28d9',
  rejected: '#b91c1c',
  withdrawn: '#57534e',
};

export const INK = '#1a1a1a';
export const MUTED = '#4b5563';
export const NAVY = '#1e3a5f';
export const RULE = '#d1d5db';
export const FONT = 'Arial,Helvetica,sans-serif';

export const S = {
  h2: `margin:28px 0 10px;font-family:${FONT};font-size:17px;line-height:1.3;color:${NAVY}`,
  p: `margin:0 0 10px;font-family:${FONT};font-size:14px;line-height:1.5;color:${INK}`,
  muted: `font-size:12px;color:${MUTED}`,
  table: `border-collapse:collapse;width:100%;font-family:${FONT};font-size:13px;line-height:1.4;color:${INK}`,
  th: `padding:6px;text-align:left;vertical-align:bottom;background:#eef2f7;border-bottom:2px solid ${NAVY};font-weight:bold;color:${INK}`,
  thRow: `padding:6px;text-align:left;vertical-align:top;border-bottom:1px solid ${RULE};font-weight:normal;color:${INK}`,
  td: `padding:6px;vertical-align:top;border-bottom:1px solid ${RULE};color:${INK}`,
};

/** A section heading, with the number of entries when it lists some. */
export const h2 = (text: string, count?: number) =>
  `<h2 style="${S.h2}">${e(text)}${count === undefined ? '' : ` (${count})`}</h2>`;

export const noneHtml = ({ lang }: RenderContext) => `<p style="${S.p}">${e(label('none', lang))}</p>`;

/** "and 12 more" under a list cut at `max`; nothing when all of it was shown. */
export const moreHtml = ({ lang, max }: RenderContext, total: number): string[] =>
  total > max ? [`<p style="${S.p};${S.muted}">${e(label('more', lang, { n: total - max }))}</p>`] : [];

/** The muted id (and organisation) line under a title. */
export const idLine = (id: string, extra = '') =>
  `<br><span style="${S.muted}">${e(id)}${extra ? ` · ${e(extra)}` : ''}</span>`;

/** A data table: header cells with scope="col", the first cell of each row a header with scope="row". */
export function table(
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
export function barChart(bars: { label: string; value: number; colour: string }[]): string {
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
