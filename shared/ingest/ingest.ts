// The ingest contract: the JSON body of POST /v1/proposals, and how a stored proposal evolves when the
// same response arrives again (retry, edit, or an older copy late). Pure: the caller does the I/O.

import type { FormSpec } from '../definitions/form-spec';
import type { RoundConfig } from '../definitions/round';
import { DomainError } from '../platform/errors';
import { stableHash } from '../platform/hash';
import type { ReviewStatus } from '../review/lifecycle';
import { type Answers, type Proposal, proposalFromAnswers, type Source } from './proposal';
import { type Issue, validateProposal } from './validation';

/** Request bodies above this are refused with 413 before parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface SubmissionBody {
  /**
   * A fresh id per delivery attempt (optional). It makes every attempt's signature unique, so two
   * firings of the same trigger within one second are not mistaken for a replay.
   */
  requestId?: string;
  responseId: string;
  submittedAt: string;
  source?: Source;
  editUrl?: string;
  answers: Answers;
}

/** What storing adds to a submitted proposal. */
export interface StoredFields {
  status: ReviewStatus;
  valid: boolean;
  issues: Issue[];
  /** Optimistic-concurrency counter: every write expects the version it read. */
  version: number;
  /** How many times the submitter changed the response (1 = as first submitted). */
  revision: number;
  contentHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredProposal extends Proposal, StoredFields {}

/** Compile-time check: no stored field shadows a proposal field (planIngest relies on it). */
export type StoredFieldsAreNew = NoOverlap<Extract<keyof Proposal, keyof StoredFields>>;
type NoOverlap<T extends never> = T;

const malformed = (en: string, id: string, details?: unknown) =>
  new DomainError('malformed', { id, en }, details);

/** Parses and shape-checks a submission body; throws DomainError('malformed') with the reason. */
export function parseSubmission(rawBody: string): SubmissionBody {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw malformed('Body is not valid JSON', 'Isi permintaan bukan JSON yang valid');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw malformed('Body must be a JSON object', 'Isi permintaan harus berupa objek JSON');
  }
  const b = json as Record<string, unknown>;
  if (typeof b.responseId !== 'string' || !/^[\w.:-]{1,200}$/.test(b.responseId)) {
    throw malformed(
      'responseId must be 1-200 letters, digits, _ . : -',
      'responseId wajib (1-200 huruf, angka, _ . : -)',
    );
  }
  if (typeof b.submittedAt !== 'string' || Number.isNaN(Date.parse(b.submittedAt))) {
    throw malformed('submittedAt must be an ISO date-time', 'submittedAt wajib berupa tanggal-waktu ISO');
  }
  if (b.source !== undefined && b.source !== 'form' && b.source !== 'csv' && b.source !== 'api') {
    throw malformed('source must be form, csv or api', 'source harus form, csv atau api');
  }
  if (
    b.editUrl !== undefined &&
    (typeof b.editUrl !== 'string' || !/^https:\/\/\S{1,2000}$/.test(b.editUrl))
  ) {
    throw malformed('editUrl must be an https URL', 'editUrl harus berupa URL https');
  }
  if (b.requestId !== undefined && (typeof b.requestId !== 'string' || !/^[\w-]{1,100}$/.test(b.requestId))) {
    throw malformed(
      'requestId must be 1-100 letters, digits, _ or -',
      'requestId harus 1-100 huruf, angka, _ atau -',
    );
  }
  if (typeof b.answers !== 'object' || b.answers === null || Array.isArray(b.answers)) {
    throw malformed('answers must be an object of question id to answer', 'answers wajib berupa objek');
  }
  const answers: Answers = {};
  for (const [k, v] of Object.entries(b.answers as Record<string, unknown>)) {
    if (typeof v === 'string') answers[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) answers[k] = v as string[];
    else if (v !== null && v !== undefined) {
      throw malformed(
        `answers.${k} must be a string or a list of strings`,
        `answers.${k} harus teks atau daftar teks`,
        {
          field: k,
        },
      );
    }
  }
  return {
    ...(typeof b.requestId === 'string' ? { requestId: b.requestId } : {}),
    responseId: b.responseId,
    submittedAt: new Date(Date.parse(b.submittedAt)).toISOString(),
    source: (b.source as Source | undefined) ?? 'form',
    ...(typeof b.editUrl === 'string' ? { editUrl: b.editUrl } : {}),
    answers,
  };
}

/** Turns a submission into a validated proposal (not yet compared with what is stored). */
export function evaluateSubmission(
  body: SubmissionBody,
  spec: FormSpec,
  round: RoundConfig,
): { proposal: Proposal; issues: Issue[] } {
  const proposal = proposalFromAnswers(spec, body.answers, {
    roundId: round.id,
    responseId: body.responseId,
    submittedAt: body.submittedAt,
    source: body.source ?? 'form',
    ...(body.editUrl ? { editUrl: body.editUrl } : {}),
  });
  return { proposal, issues: validateProposal(proposal, spec, round) };
}

/** Hash of what the submitter wrote (not of when or how it arrived), to tell a retry from an edit. */
export function contentHash(p: Proposal): string {
  const { submittedAt: _s, source: _src, editUrl: _e, ...content } = p;
  return stableHash(JSON.stringify(content));
}

export type IngestPlan =
  /** First time this response is seen. */
  | { kind: 'create'; record: StoredProposal }
  /** A retry or duplicate trigger firing: nothing to write. */
  | { kind: 'unchanged'; record: StoredProposal }
  /** The submitter edited the response: the old record goes to history, the new one replaces it. */
  | { kind: 'revise'; record: StoredProposal; previous: StoredProposal }
  /** An older copy arrived after a newer one: kept out, the newer one stays. */
  | { kind: 'stale'; record: StoredProposal };

export function planIngest(
  existing: StoredProposal | undefined,
  proposal: Proposal,
  issues: Issue[],
  nowIso: string,
): IngestPlan {
  const hash = contentHash(proposal);
  // One literal with the proposal spread last (its fields never clash with the stored ones, see
  // StoredFields). `{ ...proposal, ...base, more }` made V8 add each later property one at a time and
  // leave the record in slow dictionary mode: it was the slowest step of a bulk import (~45 µs a row).
  const fresh = (s: Pick<StoredFields, 'status' | 'version' | 'revision' | 'createdAt'>): StoredProposal => ({
    status: s.status,
    version: s.version,
    revision: s.revision,
    createdAt: s.createdAt,
    valid: issues.length === 0,
    issues,
    contentHash: hash,
    updatedAt: nowIso,
    ...proposal,
  });
  if (!existing)
    return {
      kind: 'create',
      record: fresh({ status: 'submitted', version: 1, revision: 1, createdAt: nowIso }),
    };
  if (existing.contentHash === hash) return { kind: 'unchanged', record: existing };
  if (proposal.submittedAt < existing.submittedAt) return { kind: 'stale', record: existing };
  return {
    kind: 'revise',
    previous: existing,
    record: fresh({
      status: existing.status,
      version: existing.version + 1,
      revision: existing.revision + 1,
      createdAt: existing.createdAt,
    }),
  };
}
