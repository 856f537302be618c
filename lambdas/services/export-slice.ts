// The part of a round one export page needs, and no more: the page's proposals (one Query from the
// cursor's key), and the merge trees they belong to (forward to the accepted proposal a chain ends in,
// back through the merge index to everything merged into it), so their commitments are those the whole
// round gives, read without reading the round.
import type { Commitment } from '../../shared/consolidation/consolidation';
import { commitmentsOf, joinReviews, type ReviewedProposal } from '../../shared/consolidation/round-view';
import type { ProposalStore } from '../ports/proposal-store';
import type { ReviewStore } from '../ports/review-store';

export type SliceStore = Pick<ReviewStore, 'proposalPage' | 'getReviews' | 'mergeSources'> &
  Pick<ProposalStore, 'getMany'>;

export interface RoundSlice {
  /** Up to `count` proposals after `afterId`, in id order. */
  page: ReviewedProposal[];
  /** The page and every proposal on a merge tree it touches, in id order. */
  related: ReviewedProposal[];
  /** Every commitment those trees make, whole (all their sources), in the whole round's order. */
  commitments: Commitment[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function loadRoundSlice(
  store: SliceStore,
  roundId: string,
  afterId: string | null,
  count: number,
): Promise<RoundSlice> {
  const stored = await store.proposalPage(roundId, afterId, count);
  const page = joinReviews(
    stored,
    await store.getReviews(
      roundId,
      stored.map((p) => p.id),
    ),
  );
  const known = new Map(page.map((p) => [p.id, p]));
  // Ids asked for (found or not) and trees asked about: each once, so a cycle ends like a missing target.
  const asked = new Set(known.keys());
  const askedBack = new Set<string>();
  const first = page[0]?.id;
  const last = page.at(-1)?.id;
  // The page is one contiguous id range: merges into any of its proposals are one range of the index.
  let ranges = first !== undefined && last !== undefined ? [{ from: first, to: last }] : [];
  for (const p of page) askedBack.add(p.id);
  for (;;) {
    const back = ranges.length ? await store.mergeSources(roundId, ranges) : [];
    const wanted = new Set(back.map((m) => m.source));
    for (const p of known.values()) if (p.status === 'merged' && p.mergeTarget) wanted.add(p.mergeTarget);
    const fresh = [...wanted].filter((id) => !asked.has(id));
    for (const id of fresh) asked.add(id);
    if (fresh.length === 0) break;
    const [records, reviews] = await Promise.all([
      store.getMany(roundId, fresh),
      store.getReviews(roundId, fresh),
    ]);
    const found = joinReviews([...records.values()], reviews);
    for (const p of found) known.set(p.id, p);
    // Only an accepted or merged proposal can have sources that reach a commitment through it.
    const next = found.filter(
      (p) => (p.status === 'accepted' || p.status === 'merged') && !askedBack.has(p.id),
    );
    for (const p of next) askedBack.add(p.id);
    ranges = next.map((p) => ({ from: p.id, to: p.id }));
  }
  const related = [...known.values()].sort(byId);
  return { page, related, commitments: commitmentsOf(related) };
}
