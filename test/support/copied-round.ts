// A large round for the export's scale tests: the sample proposals validated once, then copied to `n`
// stored records that differ in id (p_ + 8 hex digits, in id order), response id and title. Ingesting
// thousands one by one would take most of a test's time, and the export only reads stored records.
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import type { ReviewStore } from '../../lambdas/ports/review-store';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { planIngest, type StoredProposal } from '../../shared/ingest/ingest';
import { proposalFromAnswers } from '../../shared/ingest/proposal';
import { validateProposal } from '../../shared/ingest/validation';
import { initialReviewState } from '../../shared/review/review';

/** The id of the i-th copied proposal. */
export const copiedId = (i: number) => `p_${i.toString(16).padStart(8, '0')}`;

/** `n` records; `padding` is appended to every problem text (a page is cut by bytes, not only by count). */
export function copiedRound(n: number, padding = ''): StoredProposal[] {
  const spec = formSpec(DEFAULT_ROUND);
  const base = SAMPLE_PROPOSALS.map((s, i) => {
    const answers = padding ? { ...s.answers, problem: `${s.answers.problem} ${padding}` } : s.answers;
    const p = proposalFromAnswers(spec, answers, {
      roundId: DEFAULT_ROUND.id,
      responseId: `r-${i}`,
      submittedAt: s.submittedAt,
      source: 'form',
    });
    return planIngest(undefined, p, validateProposal(p, spec, DEFAULT_ROUND), s.submittedAt).record;
  });
  return Array.from({ length: n }, (_, i) => {
    const b = base[i % base.length] as StoredProposal;
    return { ...structuredClone(b), id: copiedId(i), responseId: `r-${i}`, title: `${b.title} ${i}` };
  });
}

export interface Decision {
  id: string;
  status: 'accepted' | 'merged';
  target: string | null;
}

/** Saves these decisions as first reviews, through the store's own saveReview, 50 at a time. */
export async function saveDecisions(
  store: Pick<ReviewStore, 'saveReview'>,
  decisions: readonly Decision[],
): Promise<void> {
  for (let i = 0; i < decisions.length; i += 50)
    await Promise.all(
      decisions.slice(i, i + 50).map((d) =>
        store.saveReview(
          DEFAULT_ROUND.id,
          {
            ...initialReviewState(d.id, { status: d.status, version: 2 }),
            reasonedResponse: 'Diputuskan (ilustratif).',
            mergeTarget: d.target,
          },
          1,
        ),
      ),
    );
}
