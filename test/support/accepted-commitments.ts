// Test fixture: the first N sample proposals ingested and accepted through the real use cases, so a test
// starts from N commitments (one per proposal) with their lead agencies, as negotiation does.
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import type { ProposalStore } from '../../lambdas/ports/proposal-store';
import type { ReviewStore } from '../../lambdas/ports/review-store';
import { ingestSubmission } from '../../lambdas/services/ingest-service';
import { applyReviewEdits } from '../../lambdas/services/reviews-service';
import { commitmentsOf, joinReviews } from '../../shared/consolidation/round-view';
import { formSpec } from '../../shared/definitions/form-spec';
import type { RoundConfig } from '../../shared/definitions/round';

export interface AcceptedCommitments {
  proposalIds: string[];
  commitmentIds: string[];
  /** The lead agency each commitment's (only) source proposal named, in commitment order. */
  leads: string[];
}

export async function acceptSampleProposals(
  store: ProposalStore & ReviewStore,
  round: RoundConfig,
  now: () => Date,
  count: number,
): Promise<AcceptedCommitments> {
  const proposalIds: string[] = [];
  for (const s of SAMPLE_PROPOSALS.slice(0, count)) {
    const out = await ingestSubmission(
      { store, spec: formSpec(round), round, now },
      { responseId: s.responseId, submittedAt: s.submittedAt, source: 'form', answers: s.answers },
    );
    proposalIds.push(out.id);
  }
  const review = { store, round, now };
  for (const [expectedVersion, changes] of [
    [1, [{ field: 'status', to: 'in_review' }]],
    [
      2,
      [
        { field: 'status', to: 'accepted' },
        { field: 'reasonedResponse', to: 'Diterima: relevan dengan nilai OGP dan tonggak jelas.' },
      ],
    ],
  ] as const) {
    await applyReviewEdits(
      review,
      proposalIds.map((proposalId) => ({ proposalId, expectedVersion, actor: 'WG', changes: [...changes] })),
    );
  }
  const snap = await store.loadRound(round.id);
  const commitments = commitmentsOf(joinReviews(snap.proposals, snap.reviews));
  const leadOf = new Map(snap.proposals.map((p) => [p.id, p.leadAgency]));
  return {
    proposalIds,
    commitmentIds: commitments.map((c) => c.id),
    leads: commitments.map((c) => leadOf.get(c.sourceProposalIds[0] as string) as string),
  };
}
