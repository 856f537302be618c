// Negotiation edits use case: read the affected negotiations in one batch, start the ones never stored
// from consolidation (the round is read once, only when needed), apply each edit (rebasing stale ones that
// touch untouched fields) and write each state with a conditional put on its version. An agency-form answer
// applied before (its marker item) is a duplicate, however long ago.

import { commitmentsOf, joinReviews } from '../../shared/consolidation/round-view';
import type { RoundConfig } from '../../shared/definitions/round';
import type { CsoSource } from '../../shared/negotiation/commitment-text';
import type { FocalPoint } from '../../shared/negotiation/focal-point';
import { hasResponse, type NegotiationState } from '../../shared/negotiation/negotiation';
import {
  applyNegotiationEdit,
  duplicateAnswer,
  type NegotiationEdit,
  type NegotiationEditResult,
} from '../../shared/negotiation/negotiation-api';
import { initialNegotiation, roundNegotiations } from '../../shared/negotiation/round-negotiations';
import { isDomainError } from '../../shared/platform/errors';
import type { NegotiationStore } from '../ports/negotiation-store';
import type { ReviewStore } from '../ports/review-store';

export interface NegotiationsDeps {
  negotiations: NegotiationStore;
  rounds: Pick<ReviewStore, 'loadRound'>;
  round: RoundConfig;
  now: () => Date;
}

const MAX_ATTEMPTS = 4;

/** The state each of these commitments is in now: stored, or as it enters negotiation; absent: no such commitment. */
export async function currentNegotiations(
  deps: Pick<NegotiationsDeps, 'negotiations' | 'rounds' | 'round'>,
  commitmentIds: readonly string[],
): Promise<Map<string, NegotiationState>> {
  const states = await deps.negotiations.getNegotiations(deps.round.id, [...new Set(commitmentIds)]);
  const missing = commitmentIds.filter((id) => !states.has(id));
  if (!missing.length) return states;
  const { proposals, reviews } = await deps.rounds.loadRound(deps.round.id);
  const joined = joinReviews(proposals, reviews);
  const byId = new Map<string, CsoSource>(joined.map((p) => [p.id, p]));
  for (const c of commitmentsOf(joined)) {
    if (missing.includes(c.id) && !c.dissolvedAt)
      states.set(c.id, initialNegotiation(c, byId.get(c.sourceProposalIds[0] ?? '')));
  }
  return states;
}

export async function applyNegotiationEdits(
  deps: NegotiationsDeps,
  edits: readonly NegotiationEdit[],
): Promise<NegotiationEditResult[]> {
  const states = await currentNegotiations(
    deps,
    edits.map((e) => e.commitmentId),
  );
  const results: NegotiationEditResult[] = [];
  for (const edit of edits) {
    if (!states.has(edit.commitmentId)) {
      results.push({
        commitmentId: edit.commitmentId,
        ...(edit.agency ? { agency: edit.agency } : {}),
        ok: false,
        code: 'not_found',
        message: {
          id: `Komitmen ${edit.commitmentId} tidak ditemukan di putaran ini`,
          en: `Commitment ${edit.commitmentId} not found in this round`,
        },
      });
      continue;
    }
    results.push(await applyOne(deps, edit, states));
  }
  return results;
}

async function applyOne(
  deps: NegotiationsDeps,
  edit: NegotiationEdit,
  states: Map<string, NegotiationState>,
): Promise<NegotiationEditResult> {
  // An answer applied long ago is no longer in the state's (stored) tail: its marker item says so.
  const first = states.get(edit.commitmentId) as NegotiationState;
  if (
    edit.responseId &&
    !hasResponse(first, edit.responseId) &&
    (await deps.negotiations.hasAnswer(deps.round.id, edit.commitmentId, edit.responseId))
  )
    return duplicateAnswer(first, edit);
  for (let attempt = 1; ; attempt++) {
    const current = states.get(edit.commitmentId) as NegotiationState;
    const result = applyNegotiationEdit(current, edit, deps.now().toISOString());
    if (!result.ok || result.version === current.version) return result;
    try {
      await deps.negotiations.saveNegotiation(deps.round.id, result.state, current.version);
      states.set(edit.commitmentId, result.state);
      return result;
    } catch (e) {
      if (!(isDomainError(e) && e.code === 'conflict') || attempt >= MAX_ATTEMPTS) throw e;
      // Another writer got there first: read its state and let applyNegotiationEdit rebase or refuse.
      const fresh = await deps.negotiations.getNegotiations(deps.round.id, [edit.commitmentId]);
      const state = fresh.get(edit.commitmentId);
      if (state) states.set(edit.commitmentId, state);
    }
  }
}

export async function saveFocalPoints(
  deps: Pick<NegotiationsDeps, 'negotiations' | 'round'>,
  focalPoints: readonly FocalPoint[],
) {
  if (focalPoints.length) await deps.negotiations.saveFocalPoints(deps.round.id, focalPoints);
  return focalPoints.length;
}

/** Every active commitment's negotiation, in commitment order (the CLI listing, the Apps Script refresh). */
export async function listRoundNegotiations(
  deps: Pick<NegotiationsDeps, 'negotiations' | 'rounds' | 'round'>,
): Promise<NegotiationState[]> {
  const [{ proposals, reviews }, stored] = await Promise.all([
    deps.rounds.loadRound(deps.round.id),
    deps.negotiations.listNegotiations(deps.round.id),
  ]);
  const joined = joinReviews(proposals, reviews);
  return roundNegotiations(commitmentsOf(joined), new Map(joined.map((p) => [p.id, p])), stored);
}
