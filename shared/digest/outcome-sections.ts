// Digest sections about what the round produced and what comes next: new merges, the commitments with
// their lineage, negotiation with agencies, the deadlines. Each is written as HTML and as text.
import { renderNegotiationHtml, renderNegotiationText } from '../negotiation/negotiation-digest-render';
import { escapeHtml as e } from '../platform/html';
import type { Text } from '../platform/i18n';
import { formatDate } from '../platform/time';
import { daysLeft } from './digest-labels';
import { type DigestSection, label, titleOf } from './render-context';
import { h2, idLine, moreHtml, noneHtml, S, table } from './render-html';
import { moreText, noneText, sectionText } from './render-text';

export const mergesSection: DigestSection = {
  html: (c) => {
    const { model, lang, max, when } = c;
    const out = [h2(label(model.previous ? 'newMerges' : 'newMergesFirst', lang), model.newMerges.length)];
    if (!model.newMerges.length) return [...out, noneHtml(c)];
    out.push(
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
      ...moreHtml(c, model.newMerges.length),
    );
    return out;
  },
  text: (c) => {
    const { model, lang, max, when } = c;
    const lines = sectionText(
      label(model.previous ? 'newMerges' : 'newMergesFirst', lang),
      model.newMerges.length,
    );
    if (!model.newMerges.length) lines.push(noneText(c));
    for (const m of model.newMerges.slice(0, max)) {
      const into = m.into ? `${titleOf(m.into.title, lang)} [${m.into.id}]` : '-';
      const at = m.at ? `; ${when(m.at)}` : '';
      lines.push(`- ${titleOf(m.title, lang)} [${m.id}] -> ${into}${at}${m.actor ? ` (${m.actor})` : ''}`);
      if (m.reasonedResponse) lines.push(`    ${label('reason', lang)}: ${m.reasonedResponse}`);
    }
    return [...lines, ...moreText(c, model.newMerges.length)];
  },
};

export const commitmentsSection: DigestSection = {
  html: (c) => {
    const { model, lang, max } = c;
    const out = [
      h2(label(model.audienceName ? 'commitmentsOfGroup' : 'commitmentList', lang), model.commitments.length),
    ];
    if (!model.commitments.length) return [...out, noneHtml(c)];
    out.push(
      table(
        ['#', label('commitment', lang)],
        model.commitments.slice(0, max).map((k, i) => [
          String(i + 1),
          `<strong>${e(titleOf(k.title, lang))}</strong>
<br><span style="${S.muted}">${e(label('sources', lang))}:</span> ${k.sources.map((s) => `${e(titleOf(s.title, lang))} <span style="${S.muted}">(${e(s.id)})</span>`).join('; ')}
<br><span style="${S.muted}">${e(label('coAuthors', lang))}:</span> ${k.coAuthors.map(e).join(', ')}
<br><span style="${S.muted}">${e(label('groups', lang))}:</span> ${k.workingGroups.map((g) => e(g.name[lang])).join(', ')}${
            k.irmFlags?.length
              ? `\n<br><span style="${S.muted}">${e(label('irmFlags', lang))}:</span> ${k.irmFlags.map((f) => e(f[lang])).join('; ')}`
              : ''
          }`,
        ]),
        ['right', 'left'],
      ),
      ...moreHtml(c, model.commitments.length),
    );
    return out;
  },
  text: (c) => {
    const { model, lang, max } = c;
    const name = (t: Text) => t[lang];
    const lines = sectionText(
      label(model.audienceName ? 'commitmentsOfGroup' : 'commitmentList', lang),
      model.commitments.length,
    );
    if (!model.commitments.length) lines.push(noneText(c));
    model.commitments.slice(0, max).forEach((k, i) => {
      lines.push(
        `${i + 1}. ${titleOf(k.title, lang)}`,
        `   ${label('sources', lang)}: ${k.sources.map((s) => `${titleOf(s.title, lang)} [${s.id}]`).join('; ')}`,
        `   ${label('coAuthors', lang)}: ${k.coAuthors.join(', ')}`,
        `   ${label('groups', lang)}: ${k.workingGroups.map((g) => name(g.name)).join(', ')}`,
        ...(k.irmFlags?.length
          ? [`   ${label('irmFlags', lang)}: ${k.irmFlags.map((f) => f[lang]).join('; ')}`]
          : []),
      );
    });
    return [...lines, ...moreText(c, model.commitments.length)];
  },
};

/** Only once negotiation has started (the section is rendered by shared/negotiation/). */
export const negotiationSection: DigestSection = {
  html: ({ model, lang, max }) =>
    model.negotiation
      ? [
          renderNegotiationHtml(
            model.negotiation,
            lang,
            { h2: S.h2, p: S.p, muted: S.muted, table: (h, r, a) => table(h, r, a) },
            { timeZone: model.round.timeZone, max },
          ),
        ]
      : [],
  text: ({ model, lang, max }) =>
    model.negotiation
      ? renderNegotiationText(model.negotiation, lang, { timeZone: model.round.timeZone, max })
      : [],
};

export const deadlinesSection: DigestSection = {
  html: (c) => {
    const { model, lang } = c;
    const out = [h2(label('deadlines', lang))];
    if (!model.deadlines.length) return [...out, noneHtml(c)];
    out.push(
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
    return out;
  },
  text: (c) => {
    const { model, lang } = c;
    const lines = sectionText(label('deadlines', lang));
    if (!model.deadlines.length) lines.push(noneText(c));
    for (const d of model.deadlines) {
      lines.push(`- ${formatDate(d.date, lang)}: ${d.label[lang]} (${daysLeft(d.daysLeft, lang)})`);
    }
    return lines;
  },
};
