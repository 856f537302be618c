// The persistence port for review state: one item per reviewed proposal, versioned for optimistic
// concurrency. Implemented by the DynamoDB and in-memory stores next to the proposal port.

import type { StoredProposal } from '../../shared/ingest/ingest';
import type { AuditEvent, ReviewState } from '../../shared/review/review';

export interface RoundSnapshot {
  proposals: StoredProposal[];
  /** Review state by proposal id; proposals nobody reviewed yet have none. */
  reviews: Map<string, ReviewState>;
}

export interface ReviewStore {
  /** Review states of these proposals (batched reads); absent ids are missing from the map. */
  getReviews(roundId: string, proposalIds: string[]): Promise<Map<string, ReviewState>>;
  /**
   * Writes a review state if the stored one still has `expectedVersion` (1 = never reviewed, no item).
   * Throws a `conflict` DomainError otherwise.
   */
  saveReview(roundId: string, state: ReviewState, expectedVersion: number): Promise<void>;
  /**
   * Every audit event of a proposal's review, oldest first, whole (the state keeps only a bounded tail:
   * saveReview stores each new event as its own item).
   */
  auditTrail(roundId: string, proposalId: string): Promise<AuditEvent[]>;
  /** Which of these proposal ids exist in the round (batched reads). */
  existingProposalIds(roundId: string, proposalIds: string[]): Promise<Set<string>>;
  /**
   * Proposals and reviews of a round in one paged read of its partition. With `summary`, only
   * SUMMARY_ATTRIBUTES (shared/definitions/table.ts) are read, from a narrow index: much less data for large rounds;
   * the records are then partial and only those fields may be used.
   */
  loadRound(roundId: string, opts?: { summary?: boolean }): Promise<RoundSnapshot>;
  /**
   * Up to `limit` proposals of a round whose id sorts after `afterId` (from the first when null), in id
   * order: one Query from that key on, so a page of the export reads a page, not the round.
   */
  proposalPage(roundId: string, afterId: string | null, limit: number): Promise<StoredProposal[]>;
  /**
   * The merged proposals whose merge target is in one of these id ranges (inclusive; a single id is a
   * range of one), from the merge index: what an export page reads instead of every review of the round.
   */
  mergeSources(
    roundId: string,
    targets: readonly { from: string; to: string }[],
  ): Promise<{ source: string; target: string }[]>;
  /**
   * Puts merged reviews saved before the merge index existed into it (once per round; reconcile runs
   * it). Answers how many it wrote.
   */
  indexMerges(roundId: string): Promise<number>;
}
