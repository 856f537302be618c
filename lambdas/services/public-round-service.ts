// The round as the public sees it, read once: proposals with their reviews, the commitments they make,
// and (with the negotiation store) each commitment's negotiation. Shared by the publish and notify use cases
// and the action-plan endpoint; it renders nothing.
import type { Commitment } from '../../shared/consolidation/consolidation';
import { commitmentsOf, joinReviews, type ReviewedProposal } from '../../shared/consolidation/round-view';
import type { RoundConfig } from '../../shared/definitions/round';
import type { CsoSource } from '../../shared/negotiation/commitment-text';
import type { NegotiationState } from '../../shared/negotiation/negotiation';
import { negotiationForExport } from '../../shared/negotiation/negotiation-export';
import { roundNegotiations } from '../../shared/negotiation/round-negotiations';
import { negotiationView } from '../../shared/publishing/negotiation-view';
import {
  buildPublicRound,
  type CommitmentNegotiation,
  type PublicRound,
} from '../../shared/publishing/public-round';
import type { NegotiationStore } from '../ports/negotiation-store';
import type { ReviewStore } from '../ports/review-store';

export interface PublicRoundDeps {
  store: Pick<ReviewStore, 'loadRound'>;
  round: RoundConfig;
  /** With it, every commitment shows its negotiation with government (status, agreed text). */
  negotiations?: Pick<NegotiationStore, 'listNegotiations'>;
}

/** The last time anything in the round changed (a proposal or a review). */
export function lastChange(proposals: readonly ReviewedProposal[], fallback: string): string {
  let latest = '';
  for (const p of proposals) if (p.updatedAt > latest) latest = p.updatedAt;
  return latest || fallback;
}

export async function loadPublicRound(
  deps: PublicRoundDeps,
  fallbackTime: string,
): Promise<{
  model: PublicRound;
  joined: ReviewedProposal[];
  commitments: Commitment[];
  negotiations?: ReadonlyMap<string, NegotiationState>;
}> {
  const { proposals, reviews } = await deps.store.loadRound(deps.round.id);
  const joined = joinReviews(proposals, reviews);
  // A review changes a proposal's public state without touching the proposal record: count its audit too.
  let latest = lastChange(joined, fallbackTime);
  for (const r of reviews.values()) for (const a of r.audit) if (a.at > latest) latest = a.at;
  const commitments = commitmentsOf(joined);
  const stored = deps.negotiations ? await deps.negotiations.listNegotiations(deps.round.id) : undefined;
  let negotiation: Map<string, CommitmentNegotiation> | undefined;
  if (stored) {
    for (const n of stored.values()) if (n.updatedAt > latest) latest = n.updatedAt;
    const sources = new Map<string, CsoSource>(joined.map((p) => [p.id, p]));
    // Texts are redacted when the public model is built (one redactor for the whole round).
    negotiation = new Map(
      roundNegotiations(commitments, sources, stored).map((n) => [
        n.commitmentId,
        negotiationView(negotiationForExport(n)),
      ]),
    );
  }
  const model = buildPublicRound({
    proposals: joined,
    commitments,
    round: deps.round,
    generatedAt: latest,
    ...(negotiation ? { negotiation } : {}),
  });
  return { model, joined, commitments, ...(stored ? { negotiations: stored } : {}) };
}
