// Review statuses of a proposal. Transitions and audit live with the review workflow.
import type { Text } from '../platform/i18n';

export const STATUSES = [
  'submitted',
  'in_review',
  'needs_revision',
  'accepted',
  'merged',
  'rejected',
  'withdrawn',
] as const;
export type ReviewStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<ReviewStatus, Text> = {
  submitted: { id: 'Diajukan', en: 'Submitted' },
  in_review: { id: 'Sedang ditinjau', en: 'In review' },
  needs_revision: { id: 'Perlu revisi', en: 'Needs revision' },
  accepted: { id: 'Diterima', en: 'Accepted' },
  merged: { id: 'Digabung', en: 'Merged' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  withdrawn: { id: 'Ditarik', en: 'Withdrawn' },
};

/**
 * The review sheet's word for reopening a final decision. Not a status: choosing it in a status cell asks for
 * the move back to in review (REOPEN_TO, review.ts) as a `reopen`, with the row's reasoned response as the note.
 */
export const REOPEN_LABEL: Text = { id: 'Dibuka kembali', en: 'Reopened' };
