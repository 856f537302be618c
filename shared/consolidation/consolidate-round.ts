// The round's commitments from its review results (merge chains followed, lineage recomputed each time),
// and the merged proposals that end up in none.
import { type Commitment, type ConsolidationProposal, commitmentIdFor, lineage } from './consolidation';

export type UnresolvedReason = 'missing_target' | 'target_not_accepted' | 'cycle';

/** Follows merge targets to the accepted proposal a merged proposal ends up in. */
function resolveRoot(
  p: ConsolidationProposal,
  byId: ReadonlyMap<string, ConsolidationProposal>,
): { root: ConsolidationProposal } | { unresolved: UnresolvedReason } {
  const seen = new Set<string>();
  let at = p;
  while (at.status === 'merged') {
    if (seen.has(at.id)) return { unresolved: 'cycle' };
    seen.add(at.id);
    const next = at.mergeTarget ? byId.get(at.mergeTarget) : undefined;
    if (!next) return { unresolved: 'missing_target' };
    at = next;
  }
  return at.status === 'accepted' ? { root: at } : { unresolved: 'target_not_accepted' };
}

/** Merged proposals that end up in no commitment (for the reviewers to fix), in input order. */
export function findUnresolvedMerges(
  proposals: readonly ConsolidationProposal[],
): { proposalId: string; reason: UnresolvedReason }[] {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const out: { proposalId: string; reason: UnresolvedReason }[] = [];
  for (const p of proposals) {
    if (p.status !== 'merged') continue;
    const r = resolveRoot(p, byId);
    if ('unresolved' in r) out.push({ proposalId: p.id, reason: r.unresolved });
  }
  return out;
}

export interface ConsolidateOptions {
  /** Commitments already recorded (from mergeProposals, splitProposal or an earlier run): their id, title,
   * createdAt and history are kept for the primary proposal they start from. Dissolved ones are ignored. */
  existing?: readonly Commitment[];
  /** createdAt of new commitments; defaults to the latest submittedAt among their sources. */
  now?: string;
  actor?: string;
}

/**
 * The round's commitments from review results: each accepted proposal leads one commitment (or the
 * existing commitments it was split into), and each merged proposal joins the commitment its merge target
 * ends up in (merge chains are followed). Lineage is recomputed from the current statuses every time, in
 * input order; merged proposals whose chain ends nowhere are left out (see findUnresolvedMerges).
 */
export function consolidateRound(
  proposals: readonly ConsolidationProposal[],
  opts: ConsolidateOptions = {},
): Commitment[] {
  const byId = new Map<string, ConsolidationProposal>();
  for (const p of proposals) if (!byId.has(p.id)) byId.set(p.id, p);
  const members = new Map<string, ConsolidationProposal[]>();
  for (const p of byId.values()) {
    if (p.status === 'accepted') members.set(p.id, [p]);
  }
  for (const p of byId.values()) {
    if (p.status !== 'merged') continue;
    const r = resolveRoot(p, byId);
    if ('root' in r) members.get(r.root.id)?.push(p);
  }
  const existingByPrimary = new Map<string, Commitment[]>();
  for (const c of opts.existing ?? []) {
    const primary = c.sourceProposalIds[0];
    if (c.dissolvedAt || primary === undefined) continue;
    existingByPrimary.set(primary, [...(existingByPrimary.get(primary) ?? []), c]);
  }
  const out: Commitment[] = [];
  for (const [rootId, sources] of members) {
    const lin = lineage(sources);
    const kept = existingByPrimary.get(rootId);
    if (kept) {
      for (const c of kept) out.push({ ...c, ...lin });
      continue;
    }
    const root = sources[0] as ConsolidationProposal;
    let latest = '';
    for (const s of sources) if (s.submittedAt > latest) latest = s.submittedAt;
    const createdAt = opts.now ?? latest;
    out.push({
      id: commitmentIdFor(rootId),
      title: root.title,
      ...lin,
      createdAt,
      history: [
        {
          kind: 'created',
          at: createdAt,
          actor: opts.actor ?? 'consolidation',
          sourceProposalIds: lin.sourceProposalIds,
        },
      ],
    });
  }
  return out;
}
