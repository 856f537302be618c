// The round as readers see it: each stored proposal with its review state joined in (status, reasoned
// response, merge target), and the commitments those decisions produce.

import type { StoredProposal } from '../ingest/ingest';
import type { ExportableProposal } from '../open-data/open-data';
import type { ReviewState } from '../review/review';
import { consolidateRound } from './consolidate-round';
import type { Commitment } from './consolidation';

export type ReviewedProposal = ExportableProposal & { reviewVersion: number; reviewer: string | null };

export function joinReviews(
  proposals: readonly StoredProposal[],
  reviews: ReadonlyMap<string, ReviewState>,
): ReviewedProposal[] {
  return proposals.map((p) => {
    const r = reviews.get(p.id);
    return {
      ...p,
      status: r?.status ?? p.status,
      reasonedResponse: r?.reasonedResponse ?? '',
      mergeTarget: r?.mergeTarget ?? null,
      reviewVersion: r?.version ?? 1,
      reviewer: r?.reviewer ?? null,
    };
  });
}

/** The commitments of the round, recomputed from current decisions (so an undone merge simply vanishes). */
export function commitmentsOf(proposals: readonly ReviewedProposal[]): Commitment[] {
  return consolidateRound(proposals);
}
