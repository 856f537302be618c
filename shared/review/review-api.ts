// POST /v1/reviews: edits made in the review spreadsheet, applied with optimistic concurrency. An edit
// names the version it was made against and, per field, the value it replaced; a stale edit whose
// fields nobody else touched is rebased, a real conflict is refused and reported (never applied silently).
import { DomainError } from '../platform/errors';
import type { Text } from '../platform/i18n';
import { stripUnsafeCharacters } from '../platform/redaction';
import type { ReviewStatus } from './lifecycle';
import {
  applyReview,
  type FieldValue,
  MAX_NOTE_LENGTH,
  type ReviewChange,
  type ReviewRefusalCode,
  type ReviewState,
  type ScoreKey,
} from './review';
import { REVIEW_FIELDS, type ReviewField } from './review-sheet';

export const MAX_EDITS_PER_REQUEST = 500;
/** Proposal ids are "p_" + 12 hex digits; a merge target names one, so anything longer is not an id. */
export const MAX_MERGE_TARGET_LENGTH = 100;
const PROPOSAL_ID = /^[\w-]{1,100}$/;

export interface FieldEdit {
  field: ReviewField;
  /** The value the reviewer replaced (e.oldValue); omitted when unknown (a multi-cell paste). */
  from?: FieldValue;
  to: FieldValue;
}

export interface ReviewEdit {
  proposalId: string;
  expectedVersion: number;
  actor: string;
  changes: FieldEdit[];
  /** Moves a final decision back to in review (the only way out of one); recorded as a `reopen` event. */
  reopen?: boolean;
  /** Why (kept in the audit event); expected with a reopen. */
  note?: string;
}

export interface ReviewEditsBody {
  requestId?: string;
  edits: ReviewEdit[];
}

export type ReviewEditResult =
  | { proposalId: string; ok: true; version: number; rebased: boolean; state: ReviewState }
  | {
      proposalId: string;
      ok: false;
      code: ReviewRefusalCode | 'conflict' | 'not_found';
      message: Text;
      /** What is stored now, so the sheet can show it next to the refused edit. */
      state?: ReviewState;
      conflicts?: { field: ReviewField; current: FieldValue; yours: FieldValue }[];
    };

const malformed = (en: string, id: string) => new DomainError('malformed', { id, en });

export function parseReviewEdits(rawBody: string): ReviewEditsBody {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw malformed('Body is not valid JSON', 'Isi permintaan bukan JSON yang valid');
  }
  const b = json as Record<string, unknown>;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.edits)) {
    throw malformed('Body must be { "edits": [...] }', 'Isi permintaan harus { "edits": [...] }');
  }
  if (b.edits.length > MAX_EDITS_PER_REQUEST) {
    throw new DomainError('too_large', {
      id: `Maksimal ${MAX_EDITS_PER_REQUEST} perubahan per permintaan`,
      en: `At most ${MAX_EDITS_PER_REQUEST} edits per request`,
    });
  }
  const isValue = (v: unknown) =>
    v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  const edits = b.edits.map((e, i): ReviewEdit => {
    const r = e as Record<string, unknown>;
    const where = `edits[${i}]`;
    if (typeof r?.proposalId !== 'string' || !/^[\w-]{1,100}$/.test(r.proposalId))
      throw malformed(`${where}.proposalId is invalid`, `${where}.proposalId tidak valid`);
    if (!Number.isInteger(r.expectedVersion) || (r.expectedVersion as number) < 0)
      throw malformed(
        `${where}.expectedVersion must be a whole number`,
        `${where}.expectedVersion harus bilangan bulat`,
      );
    if (typeof r.actor !== 'string' || !r.actor.trim() || r.actor.length > 200)
      throw malformed(`${where}.actor is required`, `${where}.actor wajib`);
    if (!Array.isArray(r.changes) || r.changes.length === 0)
      throw malformed(`${where}.changes must be a non-empty list`, `${where}.changes wajib diisi`);
    const changes = r.changes.map((c, j): FieldEdit => {
      const f = c as Record<string, unknown>;
      if (!REVIEW_FIELDS.includes(f?.field as ReviewField))
        throw malformed(
          `${where}.changes[${j}].field is not a review field`,
          `${where}.changes[${j}].field bukan kolom tinjauan`,
        );
      if (!isValue(f.to) || ('from' in f && !isValue(f.from)))
        throw malformed(
          `${where}.changes[${j}] values must be text, numbers or null`,
          `${where}.changes[${j}] harus teks, angka atau null`,
        );
      if (typeof f.to === 'string' && f.to.length > 5000)
        throw malformed(`${where}.changes[${j}].to is too long`, `${where}.changes[${j}].to terlalu panjang`);
      const field = f.field as ReviewField;
      let to = safeValue(f.to as FieldValue);
      const from = 'from' in f ? safeValue(f.from as FieldValue) : undefined;
      if (field === 'mergeTarget' && to !== null) {
        // A merge target becomes part of a key read: a number is the id it spells, anything else must be one.
        to = String(to).trim();
        if (to !== '' && !PROPOSAL_ID.test(to))
          throw malformed(
            `${where}.changes[${j}].to: mergeTarget must be a proposal id (1-${MAX_MERGE_TARGET_LENGTH} letters, digits, _ or -)`,
            `${where}.changes[${j}].to: mergeTarget harus id usulan (1-${MAX_MERGE_TARGET_LENGTH} huruf, angka, _ atau -)`,
          );
        if (to === '') to = null;
      }
      return { field, to, ...('from' in f ? { from: from as FieldValue } : {}) };
    });
    if (r.reopen !== undefined && typeof r.reopen !== 'boolean')
      throw malformed(`${where}.reopen must be true or false`, `${where}.reopen harus true atau false`);
    if (r.note !== undefined && (typeof r.note !== 'string' || r.note.length > MAX_NOTE_LENGTH))
      throw malformed(
        `${where}.note must be text of at most ${MAX_NOTE_LENGTH} characters`,
        `${where}.note harus teks maksimal ${MAX_NOTE_LENGTH} karakter`,
      );
    const actor = stripUnsafeCharacters(r.actor).trim();
    if (!actor) throw malformed(`${where}.actor is required`, `${where}.actor wajib`);
    return {
      proposalId: r.proposalId,
      expectedVersion: r.expectedVersion as number,
      actor,
      changes,
      ...(r.reopen === true ? { reopen: true } : {}),
      ...(typeof r.note === 'string' && r.note.trim() ? { note: stripUnsafeCharacters(r.note).trim() } : {}),
    };
  });
  return { ...(typeof b.requestId === 'string' ? { requestId: b.requestId } : {}), edits };
}

/** Text values lose lone surrogates and bidi overrides before they are stored or compared. */
function safeValue(v: FieldValue): FieldValue {
  return typeof v === 'string' ? stripUnsafeCharacters(v) : v;
}

export function fieldValue(state: ReviewState, field: ReviewField): FieldValue {
  if (field.startsWith('scores.')) return state.scores[field.slice(7) as ScoreKey];
  return (state as unknown as Record<string, FieldValue>)[field] ?? null;
}

const same = (a: FieldValue | undefined, b: FieldValue | undefined) =>
  (a ?? null) === (b ?? null) || (a ?? '') === (b ?? '');

function toChange(edit: ReviewEdit, expectedVersion: number): ReviewChange {
  const change: ReviewChange = {
    expectedVersion,
    ...(edit.reopen ? { reopen: true } : {}),
    ...(edit.note ? { note: edit.note } : {}),
  };
  for (const c of edit.changes) {
    if (c.field === 'status') change.status = c.to as ReviewStatus;
    else if (c.field === 'reviewer') change.reviewer = c.to === null ? null : String(c.to);
    else if (c.field === 'reasonedResponse') change.reasonedResponse = c.to === null ? '' : String(c.to);
    else if (c.field === 'mergeTarget') change.mergeTarget = c.to === null ? null : String(c.to);
    else {
      change.scores ??= {};
      change.scores[c.field.slice(7) as ScoreKey] = c.to as number | null;
    }
  }
  return change;
}

/**
 * Applies one edit. Current version: applied as is. Stale version: rebased onto the current state when
 * every changed field still holds the value the reviewer replaced (someone else changed other fields);
 * otherwise refused as a conflict listing the fields both changed.
 */
export function applyReviewEdit(current: ReviewState, edit: ReviewEdit, nowIso: string): ReviewEditResult {
  let rebased = false;
  if (edit.expectedVersion !== current.version) {
    const conflicts = edit.changes
      .filter((c) => !('from' in c) || !same(fieldValue(current, c.field), c.from))
      .filter((c) => !same(fieldValue(current, c.field), c.to))
      .map((c) => ({ field: c.field, current: fieldValue(current, c.field), yours: c.to }));
    if (conflicts.length) {
      return {
        proposalId: edit.proposalId,
        ok: false,
        code: 'conflict',
        message: {
          id: `Bentrok: ${conflicts.map((c) => c.field).join(', ')} sudah diubah orang lain (versi ${current.version}); periksa lalu isi ulang`,
          en: `Conflict: ${conflicts.map((c) => c.field).join(', ')} changed by someone else (version ${current.version}); check and re-enter`,
        },
        state: current,
        conflicts,
      };
    }
    rebased = true;
  }
  // A field already holding the wanted value is not a change (the other reviewer made the same edit).
  const effective = {
    ...edit,
    changes: edit.changes.filter((c) => !same(fieldValue(current, c.field), c.to)),
  };
  if (effective.changes.length === 0)
    return { proposalId: edit.proposalId, ok: true, version: current.version, rebased, state: current };
  const outcome = applyReview(current, toChange(effective, current.version), edit.actor, nowIso);
  if (!outcome.ok)
    return {
      proposalId: edit.proposalId,
      ok: false,
      code: outcome.code,
      message: outcome.message,
      state: current,
    };
  return {
    proposalId: edit.proposalId,
    ok: true,
    version: outcome.state.version,
    rebased,
    state: outcome.state,
  };
}
