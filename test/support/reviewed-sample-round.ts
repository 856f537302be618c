// The 22 sample proposals as stored and reviewed (16 accepted, 6 merged into their theme), with their
// commitments: the input every publishing test starts from.
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import { consolidateRound } from '../../shared/consolidation/consolidate-round';
import type { Commitment } from '../../shared/consolidation/consolidation';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import type { StoredProposal } from '../../shared/ingest/ingest';
import { planIngest } from '../../shared/ingest/ingest';
import { validateProposal } from '../../shared/ingest/validation';
import type { ExportableProposal } from '../../shared/open-data/open-data';
import { initialReviewState, type ReviewState } from '../../shared/review/review';
import { sampleProposals } from './sample-proposals';

export const ACCEPT_REASON = 'Diterima: relevan dengan nilai OGP. / Accepted: relevant to OGP values.';
export const MERGE_REASON = 'Digabung karena masalahnya sama. / Merged: the same problem.';

export function reviewedSampleRound(): { proposals: ExportableProposal[]; commitments: Commitment[] } {
  const spec = formSpec(DEFAULT_ROUND);
  const stored = sampleProposals().map(
    (p) =>
      planIngest(undefined, p, validateProposal(p, spec, DEFAULT_ROUND), '2022-08-02T00:00:00.000Z').record,
  );
  const proposals: ExportableProposal[] = stored.map((p, i) => {
    const into = SAMPLE_PROPOSALS[i]?.mergeInto;
    return into === undefined
      ? { ...p, status: 'accepted', reasonedResponse: ACCEPT_REASON }
      : { ...p, status: 'merged', mergeTarget: stored[into]?.id ?? null, reasonedResponse: MERGE_REASON };
  });
  return { proposals, commitments: consolidateRound(proposals) };
}

/** Where the reviewed sample round is stored: a proposal store with its reviews (memory or DynamoDB). */
export interface SampleRoundStore {
  save(record: StoredProposal): Promise<void>;
  saveReview(roundId: string, state: ReviewState, expectedVersion: number): Promise<void>;
}

/**
 * Stores the reviewed sample round as ingest and the reviews API leave it: each proposal submitted, then
 * its decision at version 2. `change` may alter a proposal's stored fields (its index in the round).
 */
export async function storeReviewedSampleRound(
  store: SampleRoundStore,
  change: (index: number) => Partial<StoredProposal> = () => ({}),
): Promise<ExportableProposal[]> {
  const { proposals } = reviewedSampleRound();
  for (const [i, p] of proposals.entries()) {
    const { reasonedResponse, mergeTarget, ...stored } = p;
    await store.save({ ...stored, ...change(i), status: 'submitted' });
    await store.saveReview(
      DEFAULT_ROUND.id,
      {
        ...initialReviewState(p.id, { status: p.status, version: 2 }),
        reasonedResponse: reasonedResponse ?? '',
        mergeTarget: mergeTarget ?? null,
      },
      1,
    );
  }
  return proposals;
}

/** Every contact detail of the sample round: none of them may appear in anything published. */
export function sampleContacts(): string[] {
  return SAMPLE_PROPOSALS.flatMap((s) => [s.answers.contact_name, s.answers.email, s.answers.phone]).map(
    String,
  );
}
