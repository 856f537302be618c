// The review workflow of one proposal: allowed status transitions, scores, the reasoned response that every
// final decision needs (OGP Participation & Co-Creation Standard 4) and an audit event for every change.
// Refusals are returned as values, not thrown: a reviewer's edit that breaks a rule is expected input.
import type { Text } from '../platform/i18n';
import { type ReviewStatus, STATUS_LABELS, STATUSES } from './lifecycle';

/** Decisions that end a review. Each one must carry a reasoned response. */
export const FINAL_STATUSES: readonly ReviewStatus[] = ['accepted', 'merged', 'rejected', 'withdrawn'];

/** A reasoned response shorter than this (after trimming) does not explain a decision. */
export const MIN_REASON_LENGTH = 20;

/**
 * Status -> statuses reachable by an ordinary review change. Final statuses reach nothing here: leaving one
 * takes an explicit `reopen` (see REOPEN_TO), so a published decision is never undone by a stray edit.
 * needs_revision cannot be accepted or merged directly: the revised proposal goes back to in_review first.
 */
export const TRANSITIONS: Readonly<Record<ReviewStatus, readonly ReviewStatus[]>> = {
  submitted: ['in_review', 'withdrawn'],
  in_review: ['needs_revision', 'accepted', 'merged', 'rejected', 'withdrawn'],
  needs_revision: ['in_review', 'withdrawn', 'rejected'],
  accepted: [],
  merged: [],
  rejected: [],
  withdrawn: [],
};

/** The only status a `reopen` change may move a final decision to. */
export const REOPEN_TO: ReviewStatus = 'in_review';
/** Longest note (why a decision was reopened) an edit may carry. */
export const MAX_NOTE_LENGTH = 1000;

export const SCORE_KEYS = ['ogpRelevance', 'specificity', 'potentialImpact', 'feasibility'] as const;
export type ScoreKey = (typeof SCORE_KEYS)[number];
/** 1 (weak) to 5 (strong); null while not scored. */
export type Score = 1 | 2 | 3 | 4 | 5;
export type ReviewScores = Record<ScoreKey, Score | null>;

export type FieldValue = string | number | null;

export interface FieldChange {
  /** `status`, `reviewer`, `reasonedResponse`, `mergeTarget` or `scores.<key>`. */
  field: string;
  from: FieldValue;
  to: FieldValue;
}

export interface AuditEvent {
  at: string;
  actor: string;
  /** `reopen` when a final decision was reopened, otherwise `review`. */
  action: 'review' | 'reopen';
  /** The state version this event produced. */
  version: number;
  changes: FieldChange[];
  note?: string;
}

/** How many recent audit events the review state itself keeps; the full trail is stored event by event. */
export const AUDIT_TAIL = 20;
/** Longest text value an event in the tail keeps (a reasoned response is cut; its own event item has it whole). */
export const AUDIT_TAIL_VALUE_CHARS = 200;

const cut = <V>(v: V): V =>
  typeof v === 'string' && v.length > AUDIT_TAIL_VALUE_CHARS
    ? (`${v.slice(0, AUDIT_TAIL_VALUE_CHARS)}…` as V)
    : v;

/** What auditTail needs of an event: a review's or a negotiation's (shared/negotiation). */
interface TailEvent {
  changes: readonly { field: string; from: unknown; to: unknown }[];
  note?: string;
}

/**
 * The bounded audit a state carries when stored: the last AUDIT_TAIL events with long text values cut, so
 * a proposal (or negotiation) edited any number of times stays one small item (DynamoDB's limit is 400 KB).
 */
export function auditTail<E extends TailEvent>(audit: readonly E[]): E[] {
  return audit.slice(-AUDIT_TAIL).map((e) => ({
    ...e,
    changes: e.changes.map((c) => ({ field: c.field, from: cut(c.from), to: cut(c.to) })),
    ...(e.note !== undefined ? { note: cut(e.note) } : {}),
  }));
}

export interface ReviewState {
  proposalId: string;
  status: ReviewStatus;
  /** Optimistic concurrency: a change must name the version it was made against. */
  version: number;
  reviewer: string | null;
  scores: ReviewScores;
  reasonedResponse: string;
  /** Id of the proposal this one is (or is proposed to be) merged into. Required when status is merged. */
  mergeTarget: string | null;
  /** Events in order; as stored, only the tail (see auditTail) — the store keeps every event whole too. */
  audit: AuditEvent[];
}

/** What a reviewer changed. Absent fields are left as they are; null clears a field. */
export interface ReviewChange {
  expectedVersion: number;
  status?: ReviewStatus;
  /** Required to move a final decision back to in_review. */
  reopen?: boolean;
  reviewer?: string | null;
  scores?: Partial<Record<ScoreKey, number | null>>;
  reasonedResponse?: string;
  mergeTarget?: string | null;
  /** Free-text note kept in the audit event (for example why a decision was reopened). */
  note?: string;
}

export type ReviewRefusalCode =
  | 'illegal_transition'
  | 'reason_required'
  | 'stale_version'
  | 'merge_target_required'
  | 'invalid_score'
  | 'actor_required'
  | 'no_change';

export interface ReviewRefusal {
  ok: false;
  code: ReviewRefusalCode;
  message: Text;
}

export type ReviewOutcome = { ok: true; state: ReviewState; event: AuditEvent } | ReviewRefusal;

export function isFinal(status: ReviewStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** Whether an ordinary change (reopen = false) or a reopen may move `from` to `to`. */
export function canTransition(from: ReviewStatus, to: ReviewStatus, reopen = false): boolean {
  if (from === to) return true;
  if (isFinal(from)) return reopen && to === REOPEN_TO;
  return TRANSITIONS[from].includes(to);
}

/** The review state of a proposal nobody has reviewed yet. */
export function initialReviewState(
  proposalId: string,
  opts: { status?: ReviewStatus; version?: number } = {},
): ReviewState {
  return {
    proposalId,
    status: opts.status ?? 'submitted',
    version: opts.version ?? 1,
    reviewer: null,
    scores: { ogpRelevance: null, specificity: null, potentialImpact: null, feasibility: null },
    reasonedResponse: '',
    mergeTarget: null,
    audit: [],
  };
}

const refuse = (code: ReviewRefusalCode, id: string, en: string): ReviewRefusal => ({
  ok: false,
  code,
  message: { id, en },
});

const label = (s: ReviewStatus) => STATUS_LABELS[s];

/**
 * Applies a reviewer's change. Returns the next state (version + 1, one audit event appended) or a typed
 * refusal with a bilingual message; never throws and never mutates `current`.
 */
export function applyReview(
  current: ReviewState,
  change: ReviewChange,
  actor: string,
  nowIso: string,
): ReviewOutcome {
  if (!actor.trim()) {
    return refuse(
      'actor_required',
      'Perubahan harus mencatat siapa yang mengubah',
      'A change must name its actor',
    );
  }
  if (change.expectedVersion !== current.version) {
    return refuse(
      'stale_version',
      `Data sudah diubah orang lain (versi ${current.version}, bukan ${change.expectedVersion}); muat ulang lalu coba lagi`,
      `Someone else changed this proposal (version ${current.version}, not ${change.expectedVersion}); reload and try again`,
    );
  }

  const to = change.status ?? current.status;
  const reopening = isFinal(current.status) && to !== current.status;
  if (to !== current.status && !STATUSES.includes(to)) {
    return refuse(
      'illegal_transition',
      `Status tidak dikenal: ${String(to)}`,
      `Unknown status: ${String(to)}`,
    );
  }
  if (!canTransition(current.status, to, change.reopen === true)) {
    const allowed = isFinal(current.status) ? [REOPEN_TO] : (TRANSITIONS[current.status] as ReviewStatus[]);
    const list = (lang: 'id' | 'en') => allowed.map((s) => label(s)[lang]).join(', ');
    const hint = isFinal(current.status)
      ? {
          id: `keputusan akhir hanya dapat dibuka kembali (reopen, dengan catatan alasannya) ke ${label(REOPEN_TO).id}`,
          en: `a final decision can only be reopened (reopen, with a note saying why) to ${label(REOPEN_TO).en}`,
        }
      : { id: `yang diizinkan: ${list('id')}`, en: `allowed: ${list('en')}` };
    return refuse(
      'illegal_transition',
      `Status tidak dapat diubah dari ${label(current.status).id} ke ${label(to).id}; ${hint.id}`,
      `Status cannot change from ${label(current.status).en} to ${label(to).en}; ${hint.en}`,
    );
  }

  const scores: ReviewScores = { ...current.scores };
  for (const key of SCORE_KEYS) {
    if (!change.scores || !(key in change.scores)) continue;
    const value = change.scores[key];
    if (value === undefined) continue;
    if (value !== null && !(Number.isInteger(value) && value >= 1 && value <= 5)) {
      return refuse(
        'invalid_score',
        `Nilai ${key} harus bilangan bulat 1-5 atau kosong, bukan ${String(value)}`,
        `Score ${key} must be a whole number from 1 to 5 or empty, not ${String(value)}`,
      );
    }
    scores[key] = value as Score | null;
  }

  const next: ReviewState = {
    ...current,
    status: to,
    reviewer: change.reviewer === undefined ? current.reviewer : normaliseOptional(change.reviewer),
    scores,
    reasonedResponse:
      change.reasonedResponse === undefined ? current.reasonedResponse : change.reasonedResponse.trim(),
    mergeTarget:
      change.mergeTarget === undefined ? current.mergeTarget : normaliseOptional(change.mergeTarget),
  };

  // Invariants of the resulting state, so that clearing a reason or a target after a decision is refused too.
  if (isFinal(next.status) && next.reasonedResponse.length < MIN_REASON_LENGTH) {
    return refuse(
      'reason_required',
      `Keputusan ${label(next.status).id} wajib disertai tanggapan beralasan (minimal ${MIN_REASON_LENGTH} karakter) yang menjelaskan alasannya`,
      `The decision "${label(next.status).en}" needs a reasoned response (at least ${MIN_REASON_LENGTH} characters) explaining why`,
    );
  }
  if (next.status === 'merged' && (!next.mergeTarget || next.mergeTarget === next.proposalId)) {
    return refuse(
      'merge_target_required',
      'Usulan yang digabung wajib menyebut usulan lain sebagai tujuan penggabungan',
      'A merged proposal must name another proposal it is merged into',
    );
  }

  const changes = diff(current, next);
  if (changes.length === 0) {
    return refuse('no_change', 'Tidak ada yang berubah', 'Nothing changed');
  }
  const note = change.note?.trim();
  const event: AuditEvent = {
    at: nowIso,
    actor: actor.trim(),
    action: reopening ? 'reopen' : 'review',
    version: current.version + 1,
    changes,
    ...(note ? { note } : {}),
  };
  return { ok: true, state: { ...next, version: event.version, audit: [...current.audit, event] }, event };
}

function normaliseOptional(value: string | null): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function diff(a: ReviewState, b: ReviewState): FieldChange[] {
  const changes: FieldChange[] = [];
  const add = (field: string, from: FieldValue, to: FieldValue) => {
    if (from !== to) changes.push({ field, from, to });
  };
  add('status', a.status, b.status);
  add('reviewer', a.reviewer, b.reviewer);
  for (const key of SCORE_KEYS) add(`scores.${key}`, a.scores[key], b.scores[key]);
  add('reasonedResponse', a.reasonedResponse, b.reasonedResponse);
  add('mergeTarget', a.mergeTarget, b.mergeTarget);
  return changes;
}
