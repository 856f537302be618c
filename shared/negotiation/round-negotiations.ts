// Every commitment of the round is in negotiation: the stored state when there is one, otherwise the
// state it starts in (not started, the CSO text of its primary proposal, its lead agency pending). So a
// new commitment from consolidation shows up in the negotiation tab, the digest and the export at once.
import type { Commitment } from '../consolidation/consolidation';
import { type CsoSource, csoText } from './commitment-text';
import { type NegotiationState, startNegotiation } from './negotiation';

/** The actor of a negotiation started by consolidation itself. */
export const CONSOLIDATION_ACTOR = 'konsolidasi / consolidation';

/** The state a commitment enters negotiation with. */
export function initialNegotiation(commitment: Commitment, primary: CsoSource | undefined): NegotiationState {
  const out = startNegotiation(
    {
      commitmentId: commitment.id,
      title: commitment.title,
      sourceProposalIds: commitment.sourceProposalIds,
      csoText: csoText(
        primary ?? { problem: '', solution: '', expectedResults: '', leadAgency: '', milestones: [] },
      ),
    },
    CONSOLIDATION_ACTOR,
    commitment.createdAt,
  );
  // startNegotiation refuses only a missing actor, and this one is fixed.
  if (!out.ok) throw new Error(out.message.en);
  return out.state;
}

/**
 * The negotiation of each active commitment, in commitment order. The stored state keeps its own text
 * and history; its title and lineage follow the commitment (a later merge adds sources).
 */
export function roundNegotiations(
  commitments: readonly Commitment[],
  proposals: ReadonlyMap<string, CsoSource>,
  stored: ReadonlyMap<string, NegotiationState>,
): NegotiationState[] {
  return commitments
    .filter((c) => !c.dissolvedAt)
    .map((c) => {
      const s = stored.get(c.id);
      if (s) return { ...s, title: c.title, sourceProposalIds: [...c.sourceProposalIds] };
      return initialNegotiation(c, proposals.get(c.sourceProposalIds[0] ?? ''));
    });
}
