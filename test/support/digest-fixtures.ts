// Small, readable round data for the digest tests: stored proposals and review states made through the
// real review workflow (applyReview), so statuses, reasons and audit timestamps are what production has.

import { DEFAULT_ROUND } from '../../shared/definitions/round';
import type { DigestSummary } from '../../shared/digest/digest-model';
import type { StoredProposal } from '../../shared/ingest/ingest';
import type { ReviewStatus } from '../../shared/review/lifecycle';
import {
  applyReview,
  initialReviewState,
  type ReviewChange,
  type ReviewState,
} from '../../shared/review/review';

/** Saturday 20 August 2022, 08:00 WIB. */
export const NOW = '2022-08-20T01:00:00.000Z';

export const REASON = 'Diterima karena relevan dengan nilai OGP dan dapat diverifikasi.';

export function proposal(id: string, over: Partial<StoredProposal> = {}): StoredProposal {
  return {
    id,
    roundId: DEFAULT_ROUND.id,
    responseId: `r-${id}`,
    submittedAt: '2022-08-01T02:00:00.000Z',
    source: 'form',
    organisation: `Organisasi ${id}`,
    contactName: 'Narahubung',
    email: 'narahubung@oms.example',
    phone: '',
    title: `Usulan ${id}`,
    workingGroupId: 'gedsi',
    leadAgency: 'Kementerian Contoh',
    problem: '',
    causes: '',
    doneSoFar: '',
    solution: '',
    expectedResults: '',
    objective: '',
    howItSolves: '',
    ogpValues: [],
    milestones: [],
    actors: { government: '', cso: '', privateSector: '', workingGroups: '' },
    rpjmn: '',
    sdgs: [],
    budgetIdr: null,
    budgetRaw: '',
    continuity: '',
    status: 'submitted',
    valid: true,
    issues: [],
    version: 1,
    revision: 1,
    contentHash: `hash-${id}`,
    createdAt: '2022-08-01T02:00:00.000Z',
    updatedAt: '2022-08-01T02:00:00.000Z',
    ...over,
  };
}

export interface Step {
  at: string;
  actor?: string;
  change: Omit<ReviewChange, 'expectedVersion'>;
}

/** A review state reached through applyReview, step by step; a refused step fails the test. */
export function reviewed(proposalId: string, steps: Step[]): ReviewState {
  let state = initialReviewState(proposalId);
  for (const step of steps) {
    const out = applyReview(
      state,
      { ...step.change, expectedVersion: state.version },
      step.actor ?? 'Rina (peninjau)',
      step.at,
    );
    if (!out.ok) throw new Error(`${proposalId}: ${out.message.en}`);
    state = out.state;
  }
  return state;
}

/** In review from `at`, with a reviewer. */
export const startReview = (at: string, reviewer = 'Rina (peninjau)'): Step => ({
  at,
  change: { status: 'in_review', reviewer },
});

export const decide = (at: string, status: ReviewStatus, extra: Partial<ReviewChange> = {}): Step => ({
  at,
  change: { status, reasonedResponse: REASON, ...extra },
});

export function summary(
  over: Partial<DigestSummary> = {},
  byStatus: Partial<Record<ReviewStatus, number>> = {},
) {
  return {
    total: 0,
    invalid: 0,
    commitments: 0,
    waitingTooLong: 0,
    missingReason: 0,
    ...over,
    byStatus: {
      submitted: 0,
      in_review: 0,
      needs_revision: 0,
      accepted: 0,
      merged: 0,
      rejected: 0,
      withdrawn: 0,
      ...byStatus,
    },
  } satisfies DigestSummary;
}
