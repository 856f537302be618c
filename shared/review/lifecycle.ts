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
