// Telling proposers where their idea went: one email when a proposal is decided (the decision, the
// reason, the commitment it fed) and one when that commitment's negotiation ends. Each event has a key,
// so the sender's ledger can send it exactly once. Texts come from the public (redacted) model; only the
// recipient's address, added by the caller from the secretariat's data, is personal.
import { escapeHtml } from '../platform/html';
import type { Text } from '../platform/i18n';
import { isFinal } from '../review/review';
import {
  commitmentLabel,
  type PublicCommitment,
  type PublicProposal,
  type PublicRound,
} from './public-round';
import { outcomeText } from './reasoned-response';

export interface ProposerNotice {
  /**
   * Once-only key: `decided#<proposal>#<status>` (a reopened proposal decided otherwise is a new event) or
   * `negotiated#<commitment>#<proposal>` (the first end of a negotiation; adoption after agreement is not).
   */
  key: string;
  kind: 'decided' | 'negotiation_ended';
  proposalId: string;
  subject: string;
  html: string;
  text: string;
}

const pageUrl = (siteUrl: string, p: PublicProposal) =>
  `${siteUrl.replace(/\/+$/, '')}/proposals/${p.id}.html`;

function render(
  subject: Text,
  lines: { label: Text; value: Text }[],
  url: string,
): Pick<ProposerNotice, 'subject' | 'html' | 'text'> {
  const block = (lang: 'id' | 'en') => lines.map((l) => `${l.label[lang]}: ${l.value[lang]}`).join('\n');
  const more: Text = { id: 'Halaman publik usulan Anda', en: "Your proposal's public page" };
  const text = `${subject.id}\n\n${block('id')}\n${more.id}: ${url}\n\n---\n\n${subject.en}\n\n${block('en')}\n${more.en}: ${url}\n`;
  const htmlBlock = (lang: 'id' | 'en') =>
    `<div lang="${lang}"><h2>${escapeHtml(subject[lang])}</h2><dl>${lines
      .map((l) => `<dt>${escapeHtml(l.label[lang])}</dt><dd>${escapeHtml(l.value[lang])}</dd>`)
      .join('')}</dl><p><a href="${escapeHtml(url)}">${escapeHtml(more[lang])}</a></p></div>`;
  const html = `<!doctype html><html lang="id"><body>${htmlBlock('id')}<hr>${htmlBlock('en')}</body></html>`;
  return { subject: `${subject.id} / ${subject.en}`, html, text };
}

const same = (s: string): Text => ({ id: s, en: s });

/** Every notice the round's current state calls for (the ledger decides which were already sent). */
export function proposerNotices(model: PublicRound, siteUrl: string): ProposerNotice[] {
  const out: ProposerNotice[] = [];
  for (const p of model.proposals) {
    if (!isFinal(p.status)) continue;
    const url = pageUrl(siteUrl, p);
    out.push({
      key: `decided#${p.id}#${p.status}`,
      kind: 'decided',
      proposalId: p.id,
      ...render(
        { id: `Keputusan atas usulan Anda: ${p.title}`, en: `The decision on your proposal: ${p.title}` },
        [
          {
            label: { id: 'Usulan', en: 'Proposal' },
            value: { id: `${p.title} (entri ${p.entry})`, en: `${p.title} (entry ${p.entry})` },
          },
          { label: { id: 'Keputusan', en: 'Decision' }, value: p.statusLabel },
          { label: { id: 'Alasan', en: 'Reason' }, value: same(p.reasonedResponse || '-') },
          {
            label: { id: 'Ke mana usulan ini', en: 'Where it went' },
            value: outcomeText(p.outcome, model.commitments),
          },
        ],
        url,
      ),
    });
  }
  for (const c of model.commitments) {
    const n = c.negotiation;
    if (!n?.concluded) continue;
    for (const s of c.sources) {
      const p = model.proposals.find((x) => x.id === s.id);
      if (!p) continue;
      out.push({
        key: `negotiated#${c.id}#${p.id}`,
        kind: 'negotiation_ended',
        proposalId: p.id,
        ...render(
          {
            id: `Negosiasi komitmen dari usulan Anda selesai: ${c.title}`,
            en: `Negotiation of the commitment from your proposal has ended: ${c.title}`,
          },
          [
            {
              label: { id: 'Usulan', en: 'Proposal' },
              value: { id: `${p.title} (entri ${p.entry})`, en: `${p.title} (entry ${p.entry})` },
            },
            { label: { id: 'Komitmen', en: 'Commitment' }, value: commitmentText(c) },
            { label: { id: 'Hasil negosiasi', en: 'Outcome of negotiation' }, value: n.status },
            ...(n.summary ? [{ label: { id: 'Alasan', en: 'Reason' }, value: n.summary }] : []),
          ],
          pageUrl(siteUrl, p),
        ),
      });
    }
  }
  return out;
}

function commitmentText(c: PublicCommitment): Text {
  const l = commitmentLabel(c.number);
  return { id: `${l.id}: ${c.title}`, en: `${l.en}: ${c.title}` };
}
