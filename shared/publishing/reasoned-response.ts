// The reasoned-response report (OGP Participation & Co-Creation Standard 4): every proposal under a
// citable entry number, what it proposed, the decision, the reason and where it went, then what
// negotiation did to the commitment it fed. Rendered as HTML (a site page) and CSV.
import { toCsv } from '../platform/csv';
import { escapeHtml } from '../platform/html';
import type { Text } from '../platform/i18n';
import { safeCell } from '../platform/spreadsheet-safe';
import { bi, page } from './page';
import { commitmentLabel, type Outcome, type PublicCommitment, type PublicRound } from './public-round';

export interface ReasonedResponseRow {
  entry: number;
  proposalId: string;
  title: string;
  organisation: string;
  workingGroup: Text;
  proposed: string;
  decision: Text;
  reason: string;
  whereItWent: Text;
  /** Commitments this proposal fed (for links). */
  commitmentIds: string[];
  /** What negotiation did to them; empty until negotiation records something. */
  negotiation: Text | null;
}

const cite = (n: number, byNumber: Map<number, PublicCommitment>): Text => {
  const c = byNumber.get(n);
  const label = commitmentLabel(n);
  return c ? { id: `${label.id} (${c.title})`, en: `${label.en} (${c.title})` } : label;
};

/** Where a proposal went, in both languages, citing commitment numbers and titles. */
export function outcomeText(outcome: Outcome, commitments: readonly PublicCommitment[]): Text {
  const byNumber = new Map(commitments.map((c) => [c.number, c]));
  switch (outcome.kind) {
    case 'accepted': {
      const c = cite(outcome.commitment, byNumber);
      return { id: `Diterima sebagai ${c.id}`, en: `Accepted as ${c.en.replace(/^C/, 'c')}` };
    }
    case 'split': {
      const parts = outcome.commitments.map((n) => cite(n, byNumber));
      return {
        id: `Dipecah menjadi ${parts.map((p) => p.id).join(' dan ')}`,
        en: `Split into ${parts.map((p) => p.en.replace(/^C/, 'c')).join(' and ')}`,
      };
    }
    case 'merged': {
      const c = cite(outcome.commitment, byNumber);
      const co = outcome.coAuthors.join(', ');
      return {
        id: `Digabung ke ${c.id} bersama rekan penulis: ${co}`,
        en: `Merged into ${c.en.replace(/^C/, 'c')} with co-authors: ${co}`,
      };
    }
    case 'rejected':
      return { id: 'Ditolak; tidak menjadi komitmen', en: 'Rejected; not taken into a commitment' };
    case 'withdrawn':
      return { id: 'Ditarik oleh pengusul', en: 'Withdrawn by the proposer' };
    case 'pending':
      return { id: 'Belum diputuskan', en: 'Not decided yet' };
  }
}

function fedNumbers(outcome: Outcome): number[] {
  if (outcome.kind === 'accepted' || outcome.kind === 'merged') return [outcome.commitment];
  if (outcome.kind === 'split') return outcome.commitments;
  return [];
}

export function reasonedResponseRows(model: PublicRound): ReasonedResponseRow[] {
  const byNumber = new Map(model.commitments.map((c) => [c.number, c]));
  return model.proposals.map((p) => {
    const fed = fedNumbers(p.outcome)
      .map((n) => byNumber.get(n))
      .filter((c): c is PublicCommitment => c !== undefined);
    const negotiated = fed.filter((c) => c.negotiation);
    const negotiation: Text | null = negotiated.length
      ? {
          id: negotiated
            .map(
              (c) =>
                `${commitmentLabel(c.number).id}: ${c.negotiation?.status.id}${c.negotiation?.summary ? ` — ${c.negotiation.summary.id}` : ''}`,
            )
            .join('; '),
          en: negotiated
            .map(
              (c) =>
                `${commitmentLabel(c.number).en}: ${c.negotiation?.status.en}${c.negotiation?.summary ? ` — ${c.negotiation.summary.en}` : ''}`,
            )
            .join('; '),
        }
      : null;
    return {
      entry: p.entry,
      proposalId: p.id,
      title: p.title,
      organisation: p.organisation,
      workingGroup: p.workingGroupName,
      proposed: p.solution,
      decision: p.statusLabel,
      reason: p.reasonedResponse,
      whereItWent: outcomeText(p.outcome, model.commitments),
      commitmentIds: fed.map((c) => c.id),
      negotiation,
    };
  });
}

export const REASONED_RESPONSE_CSV_COLUMNS = [
  'entry',
  'proposal_id',
  'title',
  'organisation',
  'working_group',
  'proposed',
  'decision',
  'reason',
  'where_it_went_id',
  'where_it_went_en',
  'commitment_ids',
  'negotiation_id',
  'negotiation_en',
] as const;

export function reasonedResponseCsv(model: PublicRound): string {
  const rows = reasonedResponseRows(model).map((r) =>
    [
      String(r.entry),
      r.proposalId,
      r.title,
      r.organisation,
      `${r.workingGroup.id} / ${r.workingGroup.en}`,
      r.proposed,
      `${r.decision.id} / ${r.decision.en}`,
      r.reason,
      r.whereItWent.id,
      r.whereItWent.en,
      r.commitmentIds.join('; '),
      r.negotiation?.id ?? '',
      r.negotiation?.en ?? '',
    ].map(safeCell),
  );
  return toCsv([[...REASONED_RESPONSE_CSV_COLUMNS], ...rows]);
}

/** The report as a site page at the root (links go to proposals/ and commitments/). */
export function reasonedResponseHtml(model: PublicRound): string {
  const rows = reasonedResponseRows(model);
  const hasNegotiation = rows.some((r) => r.negotiation);
  const body = `
<p>Setiap usulan bernomor entri yang dapat dikutip. Alasan diterbitkan setelah keputusan final. / <span lang="en">Every proposal has a citable entry number. Reasons are published once a decision is final.</span></p>
<p><a href="reasoned-response.csv">Unduh CSV / <span lang="en">Download CSV</span></a></p>
<table>
<caption>${bi({ id: 'Tanggapan beralasan atas setiap usulan', en: 'Reasoned response to every proposal' })}</caption>
<thead><tr>
<th scope="col">No.</th>
<th scope="col">${bi({ id: 'Usulan', en: 'Proposal' })}</th>
<th scope="col">${bi({ id: 'Yang diusulkan', en: 'What was proposed' })}</th>
<th scope="col">${bi({ id: 'Keputusan', en: 'Decision' })}</th>
<th scope="col">${bi({ id: 'Alasan', en: 'Reason' })}</th>
<th scope="col">${bi({ id: 'Ke mana usulan ini', en: 'Where it went' })}</th>
${hasNegotiation ? `<th scope="col">${bi({ id: 'Hasil negosiasi', en: 'After negotiation' })}</th>` : ''}
</tr></thead>
<tbody>
${rows
  .map(
    (r) => `<tr id="entry-${r.entry}">
<th scope="row">${r.entry}</th>
<td><a href="proposals/${escapeHtml(r.proposalId)}.html">${escapeHtml(r.title)}</a><br>${escapeHtml(r.organisation)}<br>${bi(r.workingGroup)}</td>
<td>${escapeHtml(r.proposed) || '-'}</td>
<td>${bi(r.decision)}</td>
<td>${escapeHtml(r.reason) || '-'}</td>
<td>${bi(r.whereItWent, '<br>')}${r.commitmentIds.map((id) => `<br><a href="commitments/${escapeHtml(id)}.html">${escapeHtml(id)}</a>`).join('')}</td>
${hasNegotiation ? `<td>${r.negotiation ? bi(r.negotiation, '<br>') : '-'}</td>` : ''}
</tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  return page({
    title: { id: 'Tanggapan beralasan', en: 'Reasoned response' },
    root: '',
    body,
    roundName: model.round.name,
    generatedAt: model.generatedAt,
  });
}
