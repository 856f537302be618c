// Review edits use case: read the affected review states in one batch, apply each edit (rebasing stale
// ones that touch untouched fields), and write each state with a conditional put on its version.

import type { RoundConfig } from '../../shared/definitions/round';
import { isDomainError } from '../../shared/platform/errors';
import { initialReviewState, type ReviewState } from '../../shared/review/review';
import { applyReviewEdit, type ReviewEdit, type ReviewEditResult } from '../../shared/review/review-api';
import type { ReviewStore } from '../ports/review-store';
import { conflictBackoffMs, MAX_CONFLICT_ATTEMPTS, sleep } from './conflict-backoff';

export interface ReviewsDeps {
  store: ReviewStore;
  round: RoundConfig;
  now: () => Date;
}

export async function applyReviewEdits(
  deps: ReviewsDeps,
  edits: readonly ReviewEdit[],
): Promise<ReviewEditResult[]> {
  const roundId = deps.round.id;
  const ids = edits.map((e) => e.proposalId);
  const targets = edits.flatMap((e) =>
    e.changes.filter((c) => c.field === 'mergeTarget' && typeof c.to === 'string').map((c) => String(c.to)),
  );
  const [states, existing] = await Promise.all([
    deps.store.getReviews(roundId, ids),
    deps.store.existingProposalIds(roundId, [...ids, ...targets]),
  ]);
  const results: ReviewEditResult[] = [];
  for (const edit of edits) {
    if (!existing.has(edit.proposalId)) {
      results.push({
        proposalId: edit.proposalId,
        ok: false,
        code: 'not_found',
        message: {
          id: `Usulan ${edit.proposalId} tidak ditemukan`,
          en: `Proposal ${edit.proposalId} not found`,
        },
      });
      continue;
    }
    const badTarget = edit.changes.find(
      (c) => c.field === 'mergeTarget' && typeof c.to === 'string' && !existing.has(String(c.to)),
    );
    if (badTarget) {
      results.push({
        proposalId: edit.proposalId,
        ok: false,
        code: 'merge_target_required',
        message: {
          id: `Tujuan penggabungan ${badTarget.to} bukan usulan di putaran ini`,
          en: `Merge target ${badTarget.to} is not a proposal in this round`,
        },
      });
      continue;
    }
    results.push(await applyOne(deps, edit, states));
  }
  return results;
}

async function applyOne(
  deps: ReviewsDeps,
  edit: ReviewEdit,
  states: Map<string, ReviewState>,
): Promise<ReviewEditResult> {
  for (let attempt = 1; ; attempt++) {
    const current = states.get(edit.proposalId) ?? initialReviewState(edit.proposalId);
    const result = applyReviewEdit(current, edit, deps.now().toISOString());
    if (!result.ok || result.version === current.version) return result;
    try {
      await deps.store.saveReview(deps.round.id, result.state, current.version);
      states.set(edit.proposalId, result.state);
      return result;
    } catch (e) {
      if (!(isDomainError(e) && e.code === 'conflict') || attempt >= MAX_CONFLICT_ATTEMPTS) throw e;
      await sleep(conflictBackoffMs(attempt + 1));
      // Another writer got there first: read its state and let applyReviewEdit rebase or refuse.
      const fresh = await deps.store.getReviews(deps.round.id, [edit.proposalId]);
      const state = fresh.get(edit.proposalId);
      if (state) states.set(edit.proposalId, state);
    }
  }
}
