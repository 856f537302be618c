// Digest sections about where the round stands: changes since the last digest, proposals by status and by
// working group, and a working group's own proposals. Each is written as HTML and as text.
import { escapeHtml as e } from '../platform/html';
import type { Text } from '../platform/i18n';
import { STATUS_LABELS, STATUSES } from '../review/lifecycle';
import { METRIC_LABELS, signed } from './digest-labels';
import type { DigestChange } from './digest-model';
import { type DigestSection, label, shownStatuses, titleOf } from './render-context';
import {
  barChart,
  h2,
  idLine,
  MUTED,
  moreHtml,
  NAVY,
  noneHtml,
  S,
  STATUS_COLOURS,
  table,
} from './render-html';
import { moreText, noneText, sectionText, textBars } from './render-text';

const measure = (c: DigestChange, lang: 'id' | 'en') =>
  c.status ? STATUS_LABELS[c.status][lang] : METRIC_LABELS[c.metric as keyof typeof METRIC_LABELS][lang];

export const changesSection: DigestSection = {
  html: ({ model, lang, when }) => {
    const out = [h2(label('changes', lang))];
    if (!model.previous) out.push(`<p style="${S.p}">${e(label('changesFirst', lang))}</p>`);
    else {
      out.push(
        `<p style="${S.p};${S.muted}">${e(label('previousSent', lang))}: ${e(when(model.previous.sentAt))} (${e(label('week', lang))} ${e(model.previous.period)})</p>`,
        table(
          [label('measure', lang), label('before', lang), label('now', lang), label('change', lang)],
          model.changes.map((c) => [
            e(measure(c, lang)),
            String(c.before),
            `<strong>${c.now}</strong>`,
            e(signed(c.delta)),
          ]),
          ['left', 'right', 'right', 'right'],
        ),
      );
    }
    return out;
  },
  text: ({ model, lang, when }) => {
    const lines = sectionText(label('changes', lang));
    if (!model.previous) lines.push(label('changesFirst', lang));
    else {
      lines.push(
        `${label('previousSent', lang)}: ${when(model.previous.sentAt)} (${label('week', lang)} ${model.previous.period})`,
      );
      for (const c of model.changes)
        lines.push(`- ${measure(c, lang)}: ${c.before} -> ${c.now} (${signed(c.delta)})`);
    }
    return lines;
  },
};

/** The status bars, the working-group bars (when there are several groups) and the group x status table. */
export const statusSection: DigestSection = {
  html: ({ model, lang }) => {
    const out = [
      h2(label('byStatus', lang)),
      barChart(
        STATUSES.map((s) => ({
          label: STATUS_LABELS[s][lang],
          value: model.summary.byStatus[s],
          colour: STATUS_COLOURS[s],
        })),
      ),
    ];
    if (model.byGroup.length > 1) {
      out.push(
        h2(label('byGroupChart', lang)),
        barChart(model.byGroup.map((g) => ({ label: g.name[lang], value: g.total, colour: NAVY }))),
      );
    }
    out.push(h2(label('byGroup', lang)));
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
    out.push(
      table(
        [
          label('workingGroup', lang),
          ...statuses.map((s) => STATUS_LABELS[s][lang]),
          label('totalCol', lang),
        ],
        groupRows,
        ['left', ...statuses.map(() => 'right' as const), 'right'],
      ),
    );
    return out;
  },
  text: ({ model, lang }) => {
    const name = (t: Text) => t[lang];
    const lines = [
      ...sectionText(label('byStatus', lang)),
      ...textBars(STATUSES.map((s) => ({ label: STATUS_LABELS[s][lang], value: model.summary.byStatus[s] }))),
    ];
    if (model.byGroup.length > 1) {
      lines.push(
        ...sectionText(label('byGroupChart', lang)),
        ...textBars(model.byGroup.map((g) => ({ label: g.name[lang], value: g.total }))),
      );
    }
    lines.push(...sectionText(label('byGroup', lang)));
    const statuses = shownStatuses(model);
    for (const g of model.byGroup) {
      lines.push(
        `- ${name(g.name)}: ${g.total} (${statuses.map((s) => `${STATUS_LABELS[s][lang]} ${g.counts[s]}`).join(', ')})`,
      );
    }
    return lines;
  },
};

/** A working group's digest lists its own proposals; the secretariat's has no such section. */
export const groupProposalsSection: DigestSection = {
  html: (c) => {
    const { model, lang, max } = c;
    if (!model.audienceName) return [];
    const out = [h2(label('groupProposals', lang), model.groupProposals.length)];
    if (!model.groupProposals.length) return [...out, noneHtml(c)];
    out.push(
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
      ...moreHtml(c, model.groupProposals.length),
    );
    return out;
  },
  text: (c) => {
    const { model, lang, max } = c;
    if (!model.audienceName) return [];
    const lines = sectionText(label('groupProposals', lang), model.groupProposals.length);
    if (!model.groupProposals.length) lines.push(noneText(c));
    for (const p of model.groupProposals.slice(0, max)) {
      lines.push(
        `- ${titleOf(p.title, lang)} [${p.id}] — ${p.organisation}; ${STATUS_LABELS[p.status][lang]}; ${label('reviewer', lang)}: ${p.reviewer ?? label('noReviewer', lang)}`,
      );
    }
    return [...lines, ...moreText(c, model.groupProposals.length)];
  },
};
