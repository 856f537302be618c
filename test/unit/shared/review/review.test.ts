import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type ReviewStatus, STATUSES } from '../../../../shared/review/lifecycle';
import {
  applyReview,
  canTransition,
  FINAL_STATUSES,
  initialReviewState,
  isFinal,
  MIN_REASON_LENGTH,
  type ReviewChange,
  type ReviewOutcome,
  type ReviewState,
  TRANSITIONS,
} from '../../../../shared/review/review';

const REASON = 'Sesuai nilai OGP dan dapat diukur melalui tonggak yang jelas.';
const NOW = '2022-08-10T03:00:00.000Z';

function stateIn(status: ReviewStatus, extra: Partial<ReviewState> = {}): ReviewState {
  return {
    ...initialReviewState('p_a', { status, version: 4 }),
    reasonedResponse: isFinal(status) ? REASON : '',
    mergeTarget: status === 'merged' ? 'p_b' : null,
    ...extra,
  };
}

/** A change to `to` carrying whatever a final decision needs, so only the transition itself is judged. */
function completeChange(
  from: ReviewState,
  to: ReviewStatus,
  extra: Partial<ReviewChange> = {},
): ReviewChange {
  return {
    expectedVersion: from.version,
    status: to,
    ...(isFinal(to) ? { reasonedResponse: REASON } : {}),
    ...(to === 'merged' ? { mergeTarget: 'p_b' } : {}),
    ...extra,
  };
}

function ok(outcome: ReviewOutcome) {
  if (!outcome.ok) throw new Error(`refused: ${outcome.code} ${outcome.message.en}`);
  return outcome;
}

const pairs = STATUSES.flatMap((from) => STATUSES.map((to) => [from, to] as const)).filter(
  ([a, b]) => a !== b,
);

describe('review transitions', () => {
  it('documents the workflow: submitted -> in_review -> needs_revision -> final decisions', () => {
    expect(TRANSITIONS.submitted).toEqual(['in_review', 'withdrawn']);
    expect(TRANSITIONS.in_review).toEqual(['needs_revision', 'accepted', 'merged', 'rejected', 'withdrawn']);
    expect(TRANSITIONS.needs_revision).toEqual(['in_review', 'withdrawn', 'rejected']);
    for (const s of FINAL_STATUSES) expect(TRANSITIONS[s]).toEqual([]);
  });

  it.each(pairs.filter(([a, b]) => TRANSITIONS[a].includes(b)))('allows %s -> %s', (from, to) => {
    const current = stateIn(from);
    const result = ok(applyReview(current, completeChange(current, to), 'reviewer@wg.example', NOW));
    expect(result.state.status).toBe(to);
    expect(result.event.changes).toContainEqual({ field: 'status', from, to });
  });

  it.each(pairs.filter(([a, b]) => !TRANSITIONS[a].includes(b)))(
    'refuses %s -> %s with a bilingual illegal_transition message',
    (from, to) => {
      const current = stateIn(from);
      const result = applyReview(current, completeChange(current, to), 'reviewer@wg.example', NOW);
      expect(result).toMatchObject({ ok: false, code: 'illegal_transition' });
      if (result.ok) return;
      expect(result.message.id).toMatch(/^Status tidak dapat diubah dari/);
      expect(result.message.en).toMatch(/^Status cannot change from/);
    },
  );

  it.each(FINAL_STATUSES.map((s) => [s]))(
    'reopens %s to in_review only when the change says reopen',
    (from) => {
      const current = stateIn(from);
      const change = completeChange(current, 'in_review', { reopen: true, note: 'Data baru dari K/L' });
      const result = ok(applyReview(current, change, 'sekretariat@oms.example', NOW));
      expect(result.state.status).toBe('in_review');
      expect(result.event).toMatchObject({ action: 'reopen', note: 'Data baru dari K/L' });
      // Keeps the earlier reasoned response for the record until the next decision replaces it.
      expect(result.state.reasonedResponse).toBe(REASON);
    },
  );

  it('refuses a reopen to anything but in_review', () => {
    for (const from of FINAL_STATUSES) {
      for (const to of STATUSES.filter((s) => s !== from && s !== 'in_review')) {
        const current = stateIn(from);
        const result = applyReview(current, completeChange(current, to, { reopen: true }), 'x', NOW);
        expect(result).toMatchObject({ ok: false, code: 'illegal_transition' });
      }
    }
  });

  it('agrees with canTransition for every pair', () => {
    for (const [from, to] of pairs) {
      const current = stateIn(from);
      expect(applyReview(current, completeChange(current, to), 'x', NOW).ok).toBe(canTransition(from, to));
    }
  });
});

describe('reasoned responses (OGP Standard 4)', () => {
  it.each(FINAL_STATUSES.map((s) => [s]))('refuses the decision %s without a reasoned response', (to) => {
    const current = stateIn('in_review');
    for (const reasonedResponse of [undefined, '', '   ', 'Tidak relevan.']) {
      const change = { ...completeChange(current, to), reasonedResponse };
      const result = applyReview(current, change, 'x', NOW);
      expect(result).toMatchObject({ ok: false, code: 'reason_required' });
    }
  });

  it('accepts a reason of exactly the minimum length after trimming', () => {
    const current = stateIn('in_review');
    const reason = 'a'.repeat(MIN_REASON_LENGTH);
    const result = ok(
      applyReview(
        current,
        { expectedVersion: 4, status: 'rejected', reasonedResponse: `  ${reason}  ` },
        'x',
        NOW,
      ),
    );
    expect(result.state.reasonedResponse).toBe(reason);
    const short = applyReview(
      current,
      { expectedVersion: 4, status: 'rejected', reasonedResponse: reason.slice(1) },
      'x',
      NOW,
    );
    expect(short).toMatchObject({ ok: false, code: 'reason_required' });
  });

  it('refuses clearing the reasoned response of a decision already made', () => {
    const result = applyReview(stateIn('accepted'), { expectedVersion: 4, reasonedResponse: '' }, 'x', NOW);
    expect(result).toMatchObject({ ok: false, code: 'reason_required' });
  });

  it('lets reviewers draft a reason before deciding', () => {
    const result = ok(
      applyReview(stateIn('in_review'), { expectedVersion: 4, reasonedResponse: 'draf' }, 'x', NOW),
    );
    expect(result.state.reasonedResponse).toBe('draf');
  });
});

describe('merge targets', () => {
  it('refuses a merge without a target, with a blank target or into itself', () => {
    const current = stateIn('in_review');
    for (const mergeTarget of [undefined, null, '  ', 'p_a']) {
      const result = applyReview(
        current,
        { expectedVersion: 4, status: 'merged', reasonedResponse: REASON, mergeTarget },
        'x',
        NOW,
      );
      expect(result).toMatchObject({ ok: false, code: 'merge_target_required' });
    }
  });

  it('accepts a target recorded in an earlier edit (sheet columns are edited one at a time)', () => {
    const first = ok(applyReview(stateIn('in_review'), { expectedVersion: 4, mergeTarget: 'p_c' }, 'x', NOW));
    const second = ok(
      applyReview(first.state, { expectedVersion: 5, status: 'merged', reasonedResponse: REASON }, 'x', NOW),
    );
    expect(second.state).toMatchObject({ status: 'merged', mergeTarget: 'p_c' });
  });

  it('refuses removing the target of a merged proposal', () => {
    const result = applyReview(stateIn('merged'), { expectedVersion: 4, mergeTarget: null }, 'x', NOW);
    expect(result).toMatchObject({ ok: false, code: 'merge_target_required' });
  });
});

describe('optimistic concurrency and audit', () => {
  it('refuses a change made against another version and leaves the state untouched', () => {
    const current = stateIn('in_review');
    const before = JSON.stringify(current);
    for (const expectedVersion of [3, 5, 0]) {
      const result = applyReview(current, { expectedVersion, reviewer: 'budi' }, 'x', NOW);
      expect(result).toMatchObject({ ok: false, code: 'stale_version' });
      if (!result.ok) expect(result.message.id).toContain('versi 4');
    }
    expect(JSON.stringify(current)).toBe(before);
  });

  it('bumps the version and records who changed which field from what to what', () => {
    const current = stateIn('in_review', { reviewer: 'ani' });
    const result = ok(
      applyReview(
        current,
        {
          expectedVersion: 4,
          status: 'accepted',
          reasonedResponse: REASON,
          reviewer: 'budi',
          scores: { ogpRelevance: 5, feasibility: 3 },
        },
        'budi@wg.example',
        NOW,
      ),
    );
    expect(result.state.version).toBe(5);
    expect(result.event).toEqual({
      at: NOW,
      actor: 'budi@wg.example',
      action: 'review',
      version: 5,
      changes: [
        { field: 'status', from: 'in_review', to: 'accepted' },
        { field: 'reviewer', from: 'ani', to: 'budi' },
        { field: 'scores.ogpRelevance', from: null, to: 5 },
        { field: 'scores.feasibility', from: null, to: 3 },
        { field: 'reasonedResponse', from: '', to: REASON },
      ],
    });
    expect(result.state.audit).toEqual([result.event]);
    expect(current.audit).toEqual([]);
  });

  it('refuses a change that changes nothing, so a replayed edit writes nothing', () => {
    const current = stateIn('in_review', { reviewer: 'ani' });
    const result = applyReview(
      current,
      { expectedVersion: 4, status: 'in_review', reviewer: ' ani ' },
      'x',
      NOW,
    );
    expect(result).toMatchObject({ ok: false, code: 'no_change' });
  });

  it('refuses a change without an actor', () => {
    expect(applyReview(stateIn('in_review'), { expectedVersion: 4, reviewer: 'a' }, ' ', NOW)).toMatchObject({
      ok: false,
      code: 'actor_required',
    });
  });
});

describe('scores', () => {
  it('accepts whole numbers 1 to 5 and null, and refuses anything else', () => {
    const current = stateIn('in_review', {
      scores: { ogpRelevance: null, specificity: 2, potentialImpact: null, feasibility: null },
    });
    for (const v of [1, 5, null]) {
      const result = ok(applyReview(current, { expectedVersion: 4, scores: { specificity: v } }, 'x', NOW));
      expect(result.state.scores.specificity).toBe(v);
    }
    for (const v of [0, 6, 2.5, Number.NaN, -1]) {
      expect(
        applyReview(current, { expectedVersion: 4, scores: { potentialImpact: v } }, 'x', NOW),
      ).toMatchObject({
        ok: false,
        code: 'invalid_score',
      });
    }
  });

  it('clears a score with null', () => {
    const current = stateIn('in_review', {
      scores: { ogpRelevance: 4, specificity: null, potentialImpact: null, feasibility: null },
    });
    const result = ok(applyReview(current, { expectedVersion: 4, scores: { ogpRelevance: null } }, 'x', NOW));
    expect(result.state.scores.ogpRelevance).toBeNull();
    expect(result.event.changes).toEqual([{ field: 'scores.ogpRelevance', from: 4, to: null }]);
  });
});

describe('invariants under any sequence of changes', () => {
  const change = fc.record(
    {
      status: fc.constantFrom(...STATUSES),
      reopen: fc.boolean(),
      reasonedResponse: fc.oneof(fc.constant(REASON), fc.string({ maxLength: 25 })),
      mergeTarget: fc.constantFrom(null, 'p_a', 'p_b', ''),
      reviewer: fc.constantFrom(null, 'ani', 'budi'),
      scores: fc.record({ feasibility: fc.constantFrom(null, 0, 1, 3, 5, 7) }, { requiredKeys: [] }),
      stale: fc.boolean(),
    },
    { requiredKeys: ['stale'] },
  );

  it('keeps reasons on decisions, targets on merges, and one audit event per version', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
        let state = initialReviewState('p_a');
        for (const { stale, ...c } of changes) {
          const result = applyReview(
            state,
            { ...c, expectedVersion: state.version + (stale ? 1 : 0) },
            'x',
            NOW,
          );
          if (stale) expect(result.ok).toBe(false);
          if (!result.ok) continue;
          expect(canTransition(state.status, result.state.status, c.reopen === true)).toBe(true);
          state = result.state;
          if (isFinal(state.status))
            expect(state.reasonedResponse.length).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
          if (state.status === 'merged') expect(state.mergeTarget).toBe('p_b');
          expect(state.version).toBe(1 + state.audit.length);
          expect(state.audit.map((e) => e.version)).toEqual(state.audit.map((_, i) => i + 2));
        }
      }),
    );
  });
});
