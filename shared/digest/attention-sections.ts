// Digest sections about what needs someone's attention: reviews waiting too long, final decisions without
// a reasoned response, invalid submissions. Each is written as HTML and as text.
import { escapeHtml as e } from '../platform/html';
import { STATUS_LABELS } from '../review/lifecycle';
import { days } from './digest-labels';
import { type DigestSection, label, titleOf } from './render-context';
import { h2, idLine, moreHtml, noneHtml, S, table } from './render-html';
import { moreText, noneText, sectionText } from './render-text';

export const waitingSection: DigestSection = {
  html: (c) => {
    const { model, lang, max, when } = c;
    const out = [h2(label('waiting', lang, { n: model.reviewSlaDays }), model.waitingTooLong.length)];
    if (!model.waitingTooLong.length) return [...out, noneHtml(c)];
    out.push(
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
      ...moreHtml(c, model.waitingTooLong.length),
    );
    return out;
  },
  text: (c) => {
    const { model, lang, max, when } = c;
    const lines = sectionText(
      label('waiting', lang, { n: model.reviewSlaDays }),
      model.waitingTooLong.length,
    );
    if (!model.waitingTooLong.length) lines.push(noneText(c));
    for (const p of model.waitingTooLong.slice(0, max)) {
      lines.push(
        `- ${titleOf(p.title, lang)} [${p.id}] — ${p.organisation}; ${label('reviewer', lang)}: ${p.reviewer ?? label('noReviewer', lang)}; ${days(p.days, lang)} (${STATUS_LABELS[p.status][lang]}, ${label('since', lang)} ${when(p.waitingSince)})`,
      );
    }
    return [...lines, ...moreText(c, model.waitingTooLong.length)];
  },
};

export const missingReasonSection: DigestSection = {
  html: (c) => {
    const { model, lang, max } = c;
    const out = [h2(label('missingReason', lang), model.missingReason.length)];
    if (!model.missingReason.length) return [...out, noneHtml(c)];
    out.push(
      `<p style="${S.p};${S.muted}">${e(label('missingReasonNote', lang))}</p>`,
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
      ...moreHtml(c, model.missingReason.length),
    );
    return out;
  },
  text: (c) => {
    const { model, lang, max } = c;
    const lines = sectionText(label('missingReason', lang), model.missingReason.length);
    if (!model.missingReason.length) lines.push(noneText(c));
    for (const p of model.missingReason.slice(0, max)) {
      lines.push(
        `- ${titleOf(p.title, lang)} [${p.id}] — ${STATUS_LABELS[p.status][lang]}; ${label('reviewer', lang)}: ${p.reviewer ?? label('noReviewer', lang)}; ${label('currentResponse', lang)}: ${p.reasonedResponse || label('empty', lang)}`,
      );
    }
    return [...lines, ...moreText(c, model.missingReason.length)];
  },
};

export const invalidSection: DigestSection = {
  html: (c) => {
    const { model, lang, max } = c;
    const out = [h2(label('invalidList', lang), model.invalid.length)];
    if (!model.invalid.length) return [...out, noneHtml(c)];
    out.push(
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
      ...moreHtml(c, model.invalid.length),
    );
    return out;
  },
  text: (c) => {
    const { model, lang, max } = c;
    const lines = sectionText(label('invalidList', lang), model.invalid.length);
    if (!model.invalid.length) lines.push(noneText(c));
    for (const p of model.invalid.slice(0, max)) {
      lines.push(`- ${titleOf(p.title, lang)} [${p.id}] — ${p.organisation}`);
      for (const i of p.issues) lines.push(`    * ${i[lang]}`);
    }
    return [...lines, ...moreText(c, model.invalid.length)];
  },
};
