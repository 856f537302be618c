import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { parseCsv } from '../../../../shared/platform/csv';
import { buildPublicRound, type CommitmentNegotiation } from '../../../../shared/publishing/public-round';
import {
  REASONED_RESPONSE_CSV_COLUMNS,
  reasonedResponseCsv,
  reasonedResponseHtml,
  reasonedResponseRows,
} from '../../../../shared/publishing/reasoned-response';
import { MERGE_REASON, reviewedSampleRound, sampleContacts } from '../../../support/reviewed-sample-round';

const GENERATED = '2022-09-01T00:00:00.000Z';

function model(negotiation?: Map<string, CommitmentNegotiation>) {
  const { proposals, commitments } = reviewedSampleRound();
  return buildPublicRound({
    proposals,
    commitments,
    round: DEFAULT_ROUND,
    generatedAt: GENERATED,
    ...(negotiation ? { negotiation } : {}),
  });
}

describe('reasoned-response report', () => {
  it('numbers every proposal in submission order, so entry numbers can be cited', () => {
    const rows = reasonedResponseRows(model());
    expect(rows.map((r) => r.entry)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('says where each proposal went: accepted as a commitment, or merged into one with its co-authors', () => {
    const m = model();
    const rows = reasonedResponseRows(m);
    const accepted = rows.filter((r) => r.decision.en === 'Accepted');
    const merged = rows.filter((r) => r.decision.en === 'Merged');
    expect(accepted).toHaveLength(16);
    expect(merged).toHaveLength(6);
    expect(accepted[0]?.whereItWent.en).toBe(`Accepted as commitment 1 (${m.commitments[0]?.title})`);
    const first = merged[0];
    const target = m.commitments.find((c) => c.id === first?.commitmentIds[0]);
    expect(target?.sources.map((s) => s.id)).toContain(first?.proposalId);
    expect(first?.whereItWent.en).toBe(
      `Merged into commitment ${target?.number} (${target?.title}) with co-authors: ${target?.coAuthors.join(', ')}`,
    );
    expect(first?.whereItWent.id).toMatch(/^Digabung ke Komitmen \d+ .* bersama rekan penulis: /);
    expect(first?.reason).toBe(MERGE_REASON);
  });

  it('says what was rejected, withdrawn or not decided yet', () => {
    const { proposals, commitments } = reviewedSampleRound();
    const changed = proposals.map((p, i) =>
      i === 3
        ? { ...p, status: 'rejected' as const }
        : i === 4
          ? { ...p, status: 'withdrawn' as const }
          : i === 5
            ? { ...p, status: 'in_review' as const, reasonedResponse: 'draf' }
            : p,
    );
    const rows = reasonedResponseRows(
      buildPublicRound({
        proposals: changed,
        commitments: commitments.filter(
          (c) => ![3, 4, 5].some((i) => c.sourceProposalIds[0] === proposals[i]?.id),
        ),
        round: DEFAULT_ROUND,
        generatedAt: GENERATED,
      }),
    );
    const byId = new Map(rows.map((r) => [r.proposalId, r]));
    expect(byId.get(proposals[3]?.id as string)?.whereItWent.en).toBe(
      'Rejected; not taken into a commitment',
    );
    expect(byId.get(proposals[4]?.id as string)?.whereItWent.en).toBe('Withdrawn by the proposer');
    expect(byId.get(proposals[5]?.id as string)?.whereItWent.en).toBe('Not decided yet');
    // A draft reason of an undecided proposal is not published.
    expect(byId.get(proposals[5]?.id as string)?.reason).toBe('');
  });

  it('says a proposal split into two commitments went into both', () => {
    const { proposals, commitments } = reviewedSampleRound();
    const first = commitments[0];
    if (!first) throw new Error('no commitment');
    const parts = [
      { ...first, id: 'c_part1', title: 'Bagian satu' },
      { ...first, id: 'c_part2', title: 'Bagian dua' },
    ];
    const rows = reasonedResponseRows(
      buildPublicRound({
        proposals,
        commitments: [...parts, ...commitments.slice(1)],
        round: DEFAULT_ROUND,
        generatedAt: GENERATED,
      }),
    );
    expect(rows[0]?.whereItWent.en).toBe(
      'Split into commitment 1 (Bagian satu) and commitment 2 (Bagian dua)',
    );
    expect(rows[0]?.commitmentIds).toEqual(['c_part1', 'c_part2']);
  });

  it('leaves the negotiation column out until negotiation records something, then shows it', () => {
    const plain = model();
    expect(reasonedResponseHtml(plain)).not.toContain('After negotiation');
    const c = plain.commitments[0];
    if (!c) throw new Error('no commitment');
    const negotiated = model(
      new Map([
        [
          c.id,
          {
            status: { id: 'Disepakati', en: 'Agreed' },
            concluded: true,
            summary: { id: 'Tonggak 2 dipersempit', en: 'Milestone 2 narrowed' },
          },
        ],
      ]),
    );
    const rows = reasonedResponseRows(negotiated);
    expect(rows[0]?.negotiation?.en).toBe('Commitment 1: Agreed — Milestone 2 narrowed');
    expect(reasonedResponseHtml(negotiated)).toContain('After negotiation');
    expect(reasonedResponseCsv(negotiated)).toContain('Commitment 1: Agreed');
  });

  it('writes one CSV row per proposal with the columns listed, and anchors each entry in the HTML', () => {
    const m = model();
    const rows = parseCsv(reasonedResponseCsv(m));
    expect(rows[0]).toEqual([...REASONED_RESPONSE_CSV_COLUMNS]);
    expect(rows.filter((r) => r.length > 1)).toHaveLength(23);
    const html = reasonedResponseHtml(m);
    for (let n = 1; n <= 22; n++) expect(html).toContain(`id="entry-${n}"`);
  });

  it('publishes none of the contacts, even where one is named in another proposal', () => {
    const { proposals, commitments } = reviewedSampleRound();
    const other = proposals[1]?.contactName as string;
    proposals[0] = {
      ...(proposals[0] as (typeof proposals)[number]),
      solution: `Dikoordinasikan oleh ${other}.`,
    };
    const m = buildPublicRound({ proposals, commitments, round: DEFAULT_ROUND, generatedAt: GENERATED });
    const text = reasonedResponseHtml(m) + reasonedResponseCsv(m);
    for (const contact of sampleContacts()) expect(text.toLowerCase()).not.toContain(contact.toLowerCase());
    expect(text).toContain('Dikoordinasikan oleh [disembunyikan / redacted]');
  });
});
