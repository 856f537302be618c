import { describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { consolidateRound, findUnresolvedMerges } from '../../../../shared/consolidation/consolidate-round';
import {
  type Commitment,
  type ConsolidationProposal,
  commitmentIdFor,
  mergeProposals,
  type SourceChange,
  splitProposal,
  undoMerge,
} from '../../../../shared/consolidation/consolidation';
import type { ReviewStatus } from '../../../../shared/review/lifecycle';
import { applyReview, initialReviewState, type ReviewState } from '../../../../shared/review/review';
import { sampleProposals } from '../../../support/sample-proposals';

const REASON = 'Usulan serupa digabung agar satu komitmen lebih kuat dan terukur.';
const NOW = '2022-08-20T03:00:00.000Z';
const sample = sampleProposals();

/** The sample after review: the 6 overlapping proposals merged into their target, the rest accepted. */
function reviewedSample(): ConsolidationProposal[] {
  return sample.map((p, i) => {
    const into = SAMPLE_PROPOSALS[i]?.mergeInto;
    return into === undefined
      ? { ...p, status: 'accepted', reasonedResponse: REASON }
      : { ...p, status: 'merged', mergeTarget: sample[into]?.id ?? '', reasonedResponse: REASON };
  });
}

function proposal(id: string, status: ReviewStatus, extra: Partial<ConsolidationProposal> = {}) {
  return {
    id,
    title: `Judul ${id}`,
    workingGroupId: 'gedsi',
    organisation: `Organisasi ${id}`,
    submittedAt: '2022-08-01T00:00:00.000Z',
    status,
    ...extra,
  } satisfies ConsolidationProposal;
}

describe('consolidating the sample round', () => {
  const commitments = consolidateRound(reviewedSample());

  it('turns the 22 sample proposals into exactly 16 commitments', () => {
    expect(SAMPLE_PROPOSALS).toHaveLength(22);
    expect(SAMPLE_PROPOSALS.filter((s) => s.mergeInto !== undefined)).toHaveLength(6);
    expect(commitments).toHaveLength(16);
  });

  it('lists every proposal as the source of exactly one commitment', () => {
    const sources = commitments.flatMap((c) => c.sourceProposalIds);
    expect([...sources].sort()).toEqual(sample.map((p) => p.id).sort());
  });

  it('keeps the lineage of each merge: target first, the merged proposal, both organisations', () => {
    SAMPLE_PROPOSALS.forEach((s, i) => {
      if (s.mergeInto === undefined) return;
      const target = sample[s.mergeInto];
      const merged = sample[i];
      if (!target || !merged) throw new Error('sample index');
      const c = commitments.find((x) => x.sourceProposalIds.includes(merged.id));
      expect(c).toMatchObject({
        id: commitmentIdFor(target.id),
        title: target.title,
        sourceProposalIds: [target.id, merged.id],
        coAuthors: [target.organisation, merged.organisation],
        workingGroupIds: [target.workingGroupId],
      });
      expect(target.organisation).not.toBe(merged.organisation);
    });
  });

  it('gives accepted proposals without merges a commitment of their own, in input order', () => {
    const alone = commitments.filter((c) => c.sourceProposalIds.length === 1);
    expect(alone).toHaveLength(10);
    expect(commitments.map((c) => c.sourceProposalIds[0])).toEqual(sample.slice(0, 16).map((p) => p.id));
  });

  it('derives the same ids and content on every run', () => {
    expect(consolidateRound(reviewedSample())).toEqual(commitments);
    expect(new Set(commitments.map((c) => c.id)).size).toBe(16);
  });
});

describe('consolidateRound', () => {
  it('follows merge chains to the accepted proposal at their end', () => {
    const out = consolidateRound([
      proposal('a', 'merged', { mergeTarget: 'b' }),
      proposal('b', 'merged', { mergeTarget: 'c' }),
      proposal('c', 'accepted'),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]?.sourceProposalIds).toEqual(['c', 'a', 'b']);
  });

  it('leaves out proposals that are neither accepted nor merged into an accepted one, and reports broken merges', () => {
    const ps = [
      proposal('a', 'merged', { mergeTarget: 'b' }),
      proposal('b', 'merged', { mergeTarget: 'a' }),
      proposal('c', 'merged', { mergeTarget: 'nowhere' }),
      proposal('d', 'merged', { mergeTarget: 'e' }),
      proposal('e', 'rejected'),
      proposal('f', 'in_review'),
      proposal('g', 'withdrawn'),
    ];
    expect(consolidateRound(ps)).toEqual([]);
    expect(findUnresolvedMerges(ps)).toEqual([
      { proposalId: 'a', reason: 'cycle' },
      { proposalId: 'b', reason: 'cycle' },
      { proposalId: 'c', reason: 'missing_target' },
      { proposalId: 'd', reason: 'target_not_accepted' },
    ]);
  });

  it('merges across working groups and counts an organisation once however it is spelled', () => {
    const [c] = consolidateRound([
      proposal('a', 'accepted', { workingGroupId: 'gedsi', organisation: 'Yayasan Setara' }),
      proposal('b', 'merged', {
        mergeTarget: 'a',
        workingGroupId: 'legal-aid-justice',
        organisation: 'yayasan  setara',
      }),
      proposal('c', 'merged', { mergeTarget: 'a', workingGroupId: 'gedsi', organisation: 'LBH Contoh' }),
    ]);
    expect(c?.workingGroupIds).toEqual(['gedsi', 'legal-aid-justice']);
    expect(c?.coAuthors).toEqual(['Yayasan Setara', 'LBH Contoh']);
  });
});

/** Applies consolidation's status changes through the review workflow, as the caller does. */
function applyChanges(states: Map<string, ReviewState>, changes: SourceChange[]) {
  for (const c of changes) {
    const state = states.get(c.proposalId);
    if (!state) throw new Error(c.proposalId);
    const result = applyReview(
      state,
      {
        expectedVersion: state.version,
        status: c.to.status,
        reopen: c.reopen,
        mergeTarget: c.to.mergeTarget,
        reasonedResponse: c.to.reasonedResponse,
      },
      'sekretariat@oms.example',
      NOW,
    );
    if (!result.ok) throw new Error(`${c.proposalId}: ${result.code} ${result.message.en}`);
    states.set(c.proposalId, result.state);
  }
}

function view(ps: ConsolidationProposal[], states: Map<string, ReviewState>): ConsolidationProposal[] {
  return ps.map((p) => {
    const s = states.get(p.id);
    return s
      ? { ...p, status: s.status, mergeTarget: s.mergeTarget, reasonedResponse: s.reasonedResponse }
      : p;
  });
}

describe('mergeProposals and undoMerge', () => {
  const base = [
    proposal('a', 'in_review', { workingGroupId: 'anti-corruption-budget' }),
    proposal('b', 'in_review', { workingGroupId: 'civic-space-democracy', reasonedResponse: 'draf' }),
    proposal('c', 'in_review'),
  ];
  const freshStates = () =>
    new Map(
      base.map((p) => [
        p.id,
        { ...initialReviewState(p.id, { status: p.status }), reasonedResponse: p.reasonedResponse ?? '' },
      ]),
    );

  it('merges many proposals into one commitment with lineage across working groups', () => {
    const result = mergeProposals(base, { title: 'Komitmen gabungan', reason: REASON }, 'sekretariat', NOW);
    if (!result.ok) throw new Error(result.code);
    expect(result.commitment).toMatchObject({
      id: commitmentIdFor('a'),
      title: 'Komitmen gabungan',
      sourceProposalIds: ['a', 'b', 'c'],
      coAuthors: ['Organisasi a', 'Organisasi b', 'Organisasi c'],
      workingGroupIds: ['anti-corruption-budget', 'civic-space-democracy', 'gedsi'],
      createdAt: NOW,
    });
    expect(result.changes.map((c) => [c.proposalId, c.to.status, c.to.mergeTarget])).toEqual([
      ['a', 'accepted', null],
      ['b', 'merged', 'a'],
      ['c', 'merged', 'a'],
    ]);
  });

  it('restores every source to its status, target and reason from before the merge', () => {
    const states = freshStates();
    const merged = mergeProposals(base, { title: 'Komitmen gabungan', reason: REASON }, 'sekretariat', NOW);
    if (!merged.ok) throw new Error(merged.code);
    applyChanges(states, merged.changes);
    expect([...states.values()].map((s) => s.status)).toEqual(['accepted', 'merged', 'merged']);

    // Re-consolidating keeps the merge's id and title.
    const round = consolidateRound(view(base, states), { existing: [merged.commitment] });
    expect(round).toHaveLength(1);
    expect(round[0]).toMatchObject({ id: merged.commitment.id, title: 'Komitmen gabungan' });

    const undone = undoMerge(merged.commitment, view(base, states), 'sekretariat', NOW);
    if (!undone.ok) throw new Error(undone.code);
    expect(undone.changes.every((c) => c.reopen)).toBe(true);
    applyChanges(states, undone.changes);
    expect(view(base, states).map((p) => [p.status, p.mergeTarget, p.reasonedResponse])).toEqual([
      ['in_review', null, ''],
      ['in_review', null, 'draf'],
      ['in_review', null, ''],
    ]);
    expect(undone.commitment.dissolvedAt).toBe(NOW);
    expect(undone.commitment.history.map((e) => e.kind)).toEqual(['merged', 'merge_undone']);
    expect(consolidateRound(view(base, states), { existing: [undone.commitment] })).toEqual([]);
  });

  it('leaves an already accepted primary accepted after an undo', () => {
    const ps = [proposal('a', 'accepted', { reasonedResponse: REASON }), proposal('b', 'in_review')];
    const merged = mergeProposals(ps, { title: 'T', reason: REASON }, 's', NOW);
    if (!merged.ok) throw new Error(merged.code);
    expect(merged.changes.map((c) => c.proposalId)).toEqual(['b']);
    const after = [
      ps[0] as ConsolidationProposal,
      {
        ...(ps[1] as ConsolidationProposal),
        status: 'merged' as const,
        mergeTarget: 'a',
        reasonedResponse: REASON,
      },
    ];
    const undone = undoMerge(merged.commitment, after, 's', NOW);
    if (!undone.ok) throw new Error(undone.code);
    expect(undone.changes).toEqual([
      {
        proposalId: 'b',
        reopen: true,
        from: { proposalId: 'b', status: 'merged', mergeTarget: 'a', reasonedResponse: REASON },
        to: { proposalId: 'b', status: 'in_review', mergeTarget: null, reasonedResponse: '' },
      },
    ]);
  });

  it('refuses to undo when a source changed after the merge, or twice', () => {
    const states = freshStates();
    const merged = mergeProposals(base, { title: 'T', reason: REASON }, 's', NOW);
    if (!merged.ok) throw new Error(merged.code);
    applyChanges(states, merged.changes);
    const changed = view(base, states).map((p) =>
      p.id === 'c' ? { ...p, status: 'in_review' as const } : p,
    );
    expect(undoMerge(merged.commitment, changed, 's', NOW)).toMatchObject({
      ok: false,
      code: 'changed_since_merge',
    });
    const undone = undoMerge(merged.commitment, view(base, states), 's', NOW);
    if (!undone.ok) throw new Error(undone.code);
    expect(undoMerge(undone.commitment, view(base, states), 's', NOW)).toMatchObject({
      ok: false,
      code: 'not_a_merge',
    });
  });

  it('refuses merges that would break the review rules', () => {
    const reason = REASON;
    const cases: [ConsolidationProposal[], { title: string; reason: string }, string][] = [
      [[proposal('a', 'in_review')], { title: 'T', reason }, 'too_few_sources'],
      [[proposal('a', 'in_review'), proposal('a', 'in_review')], { title: 'T', reason }, 'duplicate_source'],
      [[proposal('a', 'submitted'), proposal('b', 'in_review')], { title: 'T', reason }, 'not_mergeable'],
      [[proposal('a', 'in_review'), proposal('b', 'accepted')], { title: 'T', reason }, 'not_mergeable'],
      [[proposal('a', 'in_review'), proposal('b', 'withdrawn')], { title: 'T', reason }, 'not_mergeable'],
      [[proposal('a', 'in_review'), proposal('b', 'in_review')], { title: ' ', reason }, 'title_required'],
      [
        [proposal('a', 'in_review'), proposal('b', 'in_review')],
        { title: 'T', reason: 'singkat' },
        'reason_required',
      ],
    ];
    for (const [ps, opts, code] of cases) {
      const result = mergeProposals(ps, opts, 's', NOW);
      expect(result).toMatchObject({ ok: false, code });
      if (!result.ok) expect(result.message.id).not.toBe(result.message.en);
    }
  });

  it('uses an explicit commitment id when given', () => {
    const result = mergeProposals(base, { title: 'T', reason: REASON, commitmentId: 'c_manual' }, 's', NOW);
    expect(result.ok && result.commitment.id).toBe('c_manual');
  });
});

describe('splitProposal', () => {
  const source = proposal('a', 'in_review', { workingGroupId: 'legal-aid-justice' });

  it('yields one commitment per part, each with lineage to the same source, and accepts the source', () => {
    const result = splitProposal(source, [{ title: 'Bagian satu' }, { title: 'Bagian dua' }], 's', NOW, {
      reason: REASON,
    });
    if (!result.ok) throw new Error(result.code);
    expect(
      result.commitments.map((c) => [c.title, c.sourceProposalIds, c.coAuthors, c.workingGroupIds]),
    ).toEqual([
      ['Bagian satu', ['a'], ['Organisasi a'], ['legal-aid-justice']],
      ['Bagian dua', ['a'], ['Organisasi a'], ['legal-aid-justice']],
    ]);
    expect(new Set(result.commitments.map((c) => c.id)).size).toBe(2);
    expect(result.change?.to).toMatchObject({ status: 'accepted', reasonedResponse: REASON });
    expect(result.commitments[1]?.history[0]).toMatchObject({ kind: 'split', part: 2, parts: 2 });

    // Consolidation keeps the parts instead of a single commitment for the source, and merged proposals
    // join every part.
    const round = consolidateRound(
      [{ ...source, status: 'accepted' }, proposal('b', 'merged', { mergeTarget: 'a' })],
      { existing: result.commitments },
    );
    expect(round.map((c: Commitment) => [c.id, c.sourceProposalIds])).toEqual(
      result.commitments.map((c) => [c.id, ['a', 'b']]),
    );
  });

  it('derives the same ids for the same split', () => {
    const parts = [{ title: 'X' }, { title: 'Y' }];
    const one = splitProposal(source, parts, 's', NOW, { reason: REASON });
    const two = splitProposal(source, parts, 'other', '2030-01-01T00:00:00.000Z', { reason: REASON });
    expect(one.ok && one.commitments.map((c) => c.id)).toEqual(two.ok && two.commitments.map((c) => c.id));
  });

  it('refuses fewer than two parts, an untitled part, a missing reason, or a source not in review', () => {
    expect(splitProposal(source, [{ title: 'X' }], 's', NOW, { reason: REASON })).toMatchObject({
      code: 'too_few_parts',
    });
    expect(
      splitProposal(source, [{ title: 'X' }, { title: '' }], 's', NOW, { reason: REASON }),
    ).toMatchObject({
      code: 'title_required',
    });
    expect(splitProposal(source, [{ title: 'X' }, { title: 'Y' }], 's', NOW)).toMatchObject({
      code: 'reason_required',
    });
    expect(
      splitProposal({ ...source, status: 'rejected' }, [{ title: 'X' }, { title: 'Y' }], 's', NOW, {
        reason: REASON,
      }),
    ).toMatchObject({ code: 'not_mergeable' });
    const accepted = splitProposal(
      { ...source, status: 'accepted' },
      [{ title: 'X' }, { title: 'Y' }],
      's',
      NOW,
    );
    expect(accepted.ok && accepted.change).toBeNull();
  });
});
