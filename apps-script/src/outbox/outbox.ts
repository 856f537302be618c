// The durable outbox: requests the API has not taken yet (form submissions for POST /v1/proposals, review
// edits for POST /v1/reviews), kept in Script Properties and retried with exponential backoff; and the
// 'failed' list of requests the API refused for good (kept for a human).
//
// Entry ids: a submission is keyed by its form response id (an edited response replaces its queued older
// copy); a review edit by `review-<uuid>` (every edit is kept, none replaces another). `kind` says which
// route an entry goes to; entries stored before reviews existed have none and are submissions.
// Storage: one head property per entry, `outbox:<responseId>` (or `failed:<responseId>`), holding the
// attempt bookkeeping and, when it fits, the body. Script Properties allow ~9 KB per value, so a body that
// does not fit is split into parts `outbox-part:<responseId>:<stamp>:<n>` of at most MAX_VALUE_BYTES UTF-8
// bytes each (split on code-point boundaries). Properties, not a hidden sheet: no spreadsheet scope, no
// dependency on a container, and every write of a single property is atomic.
// Crash safety: parts are written before their head and deleted after it, so a head is only ever visible
// with all its parts; a run killed in between leaves orphan parts, which `sweep` removes once they are old.
// The `stamp` ties parts to one version of a head: a newer copy of the same response (an edit) never mixes
// with an older one, and bookkeeping updates only apply to the version that was read.

import type { RoundConfig } from '../../../shared/definitions/round';
import type { SubmissionBody } from '../../../shared/ingest/ingest';
import type { ReviewEditResult } from '../../../shared/review/review-api';
import { readScriptConfig } from '../config';
import { sendDeferredConfirmations } from '../ingest/confirmation-mail';
import { parseIngestReply, submissionRow } from '../ingest/ingest-reply';
import type { Log, MailPort, PropertyStore } from '../ports';
import { type NoteForRows, reviewSheetChanges } from '../review/review-results';
import type { ProposalRowUpdate } from '../review/review-rows';
import { type RouteOutcome, type SheetDeps, syncSheet } from '../review/review-sync';
import {
  type Delivery,
  type DeliveryDeps,
  postSigned,
  postSubmission,
  REVIEWS_PATH,
  truncate,
} from './delivery';

/** Below Apps Script's 9 KB per value, with room to spare. */
export const MAX_VALUE_BYTES = 8000;
export const BACKOFF_BASE_MS = 60_000;
export const BACKOFF_CAP_MS = 6 * 3600_000;
/** Script lock wait for a retry run; a run that cannot get it leaves the work to the one holding it. */
export const RETRY_LOCK_MS = 30_000;
/** Stop starting new sends after this, well inside the 6-minute execution limit. */
export const RETRY_BUDGET_MS = 4 * 60_000;
/** Orphan parts younger than this may belong to a write in progress in another execution. */
export const ORPHAN_AGE_MS = 3600_000;

export type QueueName = 'outbox' | 'failed';

/** proposal: POST /v1/proposals (the default); review: POST /v1/reviews. */
export type EntryKind = 'proposal' | 'review';

export interface QueueEntry {
  /** The entry's key: the form response id, or `review-<uuid>` for review edits. */
  responseId: string;
  kind?: EntryKind;
  /** The JSON body exactly as it is signed and sent. */
  body: string;
  /** Failed attempts so far. */
  attempts: number;
  queuedAt: string;
  nextAttemptAt: string;
  lastStatus?: number;
  lastError?: string;
}

/** An entry's bookkeeping without its body; `stamp` identifies the stored version. */
export type QueueHead = Omit<QueueEntry, 'body'> & { stamp: string };

interface StoredHead extends QueueHead {
  v: 1;
  body?: string;
  parts?: number;
}

/** Delay before the next attempt after `attempts` failures: 1 min, doubling, capped at 6 h. */
export function backoffMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30), BACKOFF_CAP_MS);
}

/** UTF-8 byte length without TextEncoder (absent in Apps Script). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Splits s into pieces of at most maxBytes UTF-8 bytes, never inside a surrogate pair. */
export function splitUtf8(s: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const width = pair ? 2 : 1;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes && i > start) {
      parts.push(s.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += width;
  }
  if (start < s.length || parts.length === 0) parts.push(s.slice(start));
  return parts;
}

function newStamp(now: Date): string {
  return `${now.getTime().toString(36)}.${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

function stampTime(stamp: string): number {
  const t = Number.parseInt(stamp.split('.')[0] ?? '', 36);
  return Number.isFinite(t) ? t : 0;
}

/** One named queue of entries in the property store. */
export class PropertyQueue {
  constructor(
    private readonly props: PropertyStore,
    readonly name: QueueName,
  ) {}

  private headKey(id: string): string {
    return `${this.name}:${id}`;
  }

  private partKey(id: string, stamp: string, n: number): string {
    return `${this.name}-part:${id}:${stamp}:${n}`;
  }

  private readHead(id: string): StoredHead | null {
    const raw = this.props.get(this.headKey(id));
    if (!raw) return null;
    try {
      const head = JSON.parse(raw) as StoredHead;
      return head && head.v === 1 ? head : null;
    } catch {
      return null;
    }
  }

  /** Stores (or replaces) an entry; returns its stamp. Throws when the store is full. */
  put(entry: QueueEntry, now: Date): string {
    const previous = this.readHead(entry.responseId);
    const stamp = newStamp(now);
    const { body, ...meta } = entry;
    const inline: StoredHead = { v: 1, ...meta, stamp, body };
    const inlineJson = JSON.stringify(inline);
    let headJson = inlineJson;
    if (utf8Length(inlineJson) > MAX_VALUE_BYTES) {
      const parts = splitUtf8(body, MAX_VALUE_BYTES);
      const written: string[] = [];
      try {
        parts.forEach((part, n) => {
          const key = this.partKey(entry.responseId, stamp, n);
          this.props.set(key, part);
          written.push(key);
        });
      } catch (e) {
        for (const key of written) this.props.delete(key);
        throw e;
      }
      headJson = JSON.stringify({ v: 1, ...meta, stamp, parts: parts.length } satisfies StoredHead);
    }
    this.props.set(this.headKey(entry.responseId), headJson);
    if (previous?.parts) this.deleteParts(entry.responseId, previous.stamp, previous.parts);
    return stamp;
  }

  /** The entry with its body, or null when absent; `incomplete` when a part is missing. */
  read(id: string): (QueueEntry & { stamp: string }) | { incomplete: QueueHead } | null {
    const head = this.readHead(id);
    if (!head) return null;
    const { v: _v, body: inlineBody, parts, ...meta } = head;
    if (inlineBody !== undefined) return { ...meta, body: inlineBody };
    let body = '';
    for (let n = 0; n < (parts ?? 0); n++) {
      const part = this.props.get(this.partKey(id, head.stamp, n));
      if (part === null) return { incomplete: meta };
      body += part;
    }
    return { ...meta, body };
  }

  /** Rewrites the bookkeeping of the version identified by stamp; false when it changed meanwhile. */
  update(id: string, stamp: string, patch: Partial<Omit<QueueEntry, 'responseId' | 'body'>>): boolean {
    const head = this.readHead(id);
    if (!head || head.stamp !== stamp) return false;
    this.props.set(this.headKey(id), JSON.stringify({ ...head, ...patch }));
    return true;
  }

  /** Deletes the entry (only the version identified by stamp, when given): head first, then its parts. */
  remove(id: string, stamp?: string): boolean {
    const head = this.readHead(id);
    if (!head || (stamp !== undefined && head.stamp !== stamp)) return false;
    this.props.delete(this.headKey(id));
    if (head.parts) this.deleteParts(id, head.stamp, head.parts);
    return true;
  }

  private deleteParts(id: string, stamp: string, parts: number): void {
    for (let n = 0; n < parts; n++) this.props.delete(this.partKey(id, stamp, n));
  }

  /** Bookkeeping of every entry, oldest due first. */
  heads(): QueueHead[] {
    const prefix = `${this.name}:`;
    const heads: QueueHead[] = [];
    for (const key of this.props.keys()) {
      if (!key.startsWith(prefix)) continue;
      const head = this.readHead(key.slice(prefix.length));
      if (head) {
        const { v: _v, body: _b, parts: _p, ...meta } = head;
        heads.push(meta);
      }
    }
    // Oldest due first; among equals, oldest queued first (so edits of one row go out in order).
    return heads.sort(
      (a, b) => a.nextAttemptAt.localeCompare(b.nextAttemptAt) || a.queuedAt.localeCompare(b.queuedAt),
    );
  }

  size(): number {
    const prefix = `${this.name}:`;
    return this.props.keys().filter((k) => k.startsWith(prefix)).length;
  }

  /** Deletes parts no head points at (left by a killed run) once they are older than minAgeMs. */
  sweep(now: Date, minAgeMs = ORPHAN_AGE_MS): number {
    const prefix = `${this.name}-part:`;
    let swept = 0;
    for (const key of this.props.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length).split(':');
      const n = rest.pop();
      const stamp = rest.pop() ?? '';
      const id = rest.join(':');
      if (n === undefined || now.getTime() - stampTime(stamp) < minAgeMs) continue;
      if (this.readHead(id)?.stamp === stamp) continue;
      this.props.delete(key);
      swept++;
    }
    return swept;
  }
}

export interface QueueDeps {
  props: PropertyStore;
  log: Log;
  now: DeliveryDeps['now'];
}

/** Queues a body for retry after a failed first attempt. If even that fails, the body goes to the log. */
export function enqueue(
  deps: QueueDeps,
  responseId: string,
  body: string,
  why: { status?: number; error: string },
  kind: EntryKind = 'proposal',
): void {
  const now = deps.now();
  const entry: QueueEntry = {
    responseId,
    kind,
    body,
    attempts: 1,
    queuedAt: now.toISOString(),
    nextAttemptAt: new Date(now.getTime() + backoffMs(1)).toISOString(),
    ...(why.status !== undefined ? { lastStatus: why.status } : {}),
    lastError: truncate(why.error, 500),
  };
  storeOrLog(deps, new PropertyQueue(deps.props, 'outbox'), entry);
}

/** Keeps a refused submission for a human to look at; never resent automatically. */
export function keepFailed(deps: QueueDeps, entry: QueueEntry): void {
  storeOrLog(deps, new PropertyQueue(deps.props, 'failed'), entry);
}

/** keepFailed for a body the API has just refused on its first attempt (the counterpart of enqueue). */
export function keepRefused(
  deps: QueueDeps,
  responseId: string,
  body: string,
  refusal: { status: number; body: string },
  kind?: EntryKind,
): void {
  const now = deps.now().toISOString();
  keepFailed(deps, {
    responseId,
    ...(kind ? { kind } : {}),
    body,
    attempts: 1,
    queuedAt: now,
    nextAttemptAt: now,
    lastStatus: refusal.status,
    lastError: truncate(refusal.body, 500),
  });
}

function storeOrLog(deps: QueueDeps, queue: PropertyQueue, entry: QueueEntry): void {
  try {
    queue.put(entry, deps.now());
  } catch (e) {
    // The property store is full: the execution log is the last durable place (the response itself also
    // stays in the Google Form, which the scheduled reconcile reads). Rethrow so the run shows as failed.
    deps.log.error(`${queue.name}: could not store ${entry.responseId}; body follows`, {
      error: String(e),
      body: entry.body,
    });
    throw e;
  }
}

export interface RetryDeps extends QueueDeps, DeliveryDeps, SheetDeps {
  mail: MailPort;
}

export interface RetrySummary {
  /** False when another execution held the lock (nothing was done). */
  ran: boolean;
  attempted: number;
  delivered: number;
  invalid: number;
  failed: number;
  stillQueued: number;
  swept: number;
  /** Rows written to the review spreadsheet for the proposals sent (and rows left pending earlier). */
  rows?: RouteOutcome['kind'];
  /** Confirmation emails that had waited for quota and went out now. */
  mailsSent?: number;
  /** Set when the config is unusable (nothing was sent). */
  configProblem?: string;
}

/**
 * Sends due outbox entries one at a time: read, sign afresh, send, and only then delete. A run killed at
 * any point loses nothing; it may resend one entry, which the API absorbs (idempotent by responseId).
 * `force` sends every entry now (the menu item); the time-driven trigger only sends those that are due.
 */
export function retryOutbox(
  deps: RetryDeps,
  options: { force?: boolean; budgetMs?: number } = {},
): RetrySummary {
  const summary: RetrySummary = {
    ran: false,
    attempted: 0,
    delivered: 0,
    invalid: 0,
    failed: 0,
    stillQueued: 0,
    swept: 0,
  };
  if (!deps.lock.tryLock(RETRY_LOCK_MS)) {
    deps.log.info('retryOutbox: another execution holds the lock; leaving the work to it');
    return summary;
  }
  summary.ran = true;
  const outbox = new PropertyQueue(deps.props, 'outbox');
  try {
    const started = deps.now().getTime();
    summary.swept = outbox.sweep(deps.now()) + new PropertyQueue(deps.props, 'failed').sweep(deps.now());
    const config = readScriptConfig(deps.props);
    if (!config.ok) {
      summary.configProblem = config.problems.map((p) => p.en).join('; ');
      deps.log.warn(`retryOutbox: not sending, configuration is incomplete: ${summary.configProblem}`);
      return summary;
    }
    const rows: ProposalRowUpdate[] = [];
    const results: ReviewEditResult[] = [];
    const notes: NoteForRows[] = [];
    for (const head of outbox.heads()) {
      const now = deps.now();
      if (now.getTime() - started > (options.budgetMs ?? RETRY_BUDGET_MS)) break;
      if (!options.force && Date.parse(head.nextAttemptAt) > now.getTime()) continue;
      const entry = outbox.read(head.responseId);
      if (entry === null) continue;
      if ('incomplete' in entry) {
        deps.log.error(`retryOutbox: ${head.responseId} lost a part; moved to the failed list`);
        keepFailed(deps, {
          ...entry.incomplete,
          body: '',
          lastError: 'outbox entry incomplete (a part is missing)',
        });
        outbox.remove(head.responseId, entry.incomplete.stamp);
        continue;
      }
      summary.attempted++;
      if (entry.kind === 'review') {
        const delivery = postSigned(deps, config.config, REVIEWS_PATH, entry.body);
        settle(
          deps,
          outbox,
          entry,
          delivery.kind === 'invalid' ? { ...delivery, kind: 'rejected' } : delivery,
          summary,
        );
        const shown = reviewSheetChanges(entry.body, delivery);
        results.push(...shown.results);
        notes.push(...shown.notes);
      } else {
        const delivery = postSubmission(deps, config.config, entry.body);
        settle(deps, outbox, entry, delivery, summary);
        const row = rowAfterRetry(entry.body, config.config.round, delivery);
        if (row) rows.push(row);
      }
    }
    // One batch for every row and result, under the lock this run already holds.
    summary.rows = syncSheet(deps, config.config.round, { rows, results, notes }, { locked: true }).kind;
    summary.mailsSent = sendDeferredConfirmations(deps, config.config.mailReserve);
  } finally {
    summary.stillQueued = outbox.size();
    deps.lock.release();
  }
  deps.log.info('retryOutbox: done', summary);
  return summary;
}

/** The sheet row of a proposal the API has now answered for; none while it stays queued. */
function rowAfterRetry(
  rawBody: string,
  round: RoundConfig,
  delivery: Delivery,
): ProposalRowUpdate | undefined {
  if (delivery.kind === 'retry') return undefined;
  let body: SubmissionBody;
  try {
    body = JSON.parse(rawBody) as SubmissionBody;
  } catch {
    return undefined;
  }
  if (typeof body?.responseId !== 'string' || typeof body.answers !== 'object') return undefined;
  const outcome = delivery.kind === 'rejected' ? 'failed' : delivery.kind;
  const reply = delivery.kind === 'rejected' ? undefined : parseIngestReply(delivery.status, delivery.body);
  return submissionRow(body, round, outcome, reply, delivery.status).row;
}

function settle(
  deps: RetryDeps,
  outbox: PropertyQueue,
  entry: QueueEntry & { stamp: string },
  delivery: Delivery,
  summary: RetrySummary,
): void {
  const id = entry.responseId;
  switch (delivery.kind) {
    case 'delivered':
      summary.delivered++;
      outbox.remove(id, entry.stamp);
      return;
    case 'invalid':
      summary.invalid++;
      deps.log.warn(`retryOutbox: ${id} stored but not valid (422)`, {
        response: truncate(delivery.body, 2000),
      });
      outbox.remove(id, entry.stamp);
      return;
    case 'rejected':
      summary.failed++;
      deps.log.error(`retryOutbox: ${id} refused (${delivery.status}); kept in the failed list`, {
        response: truncate(delivery.body, 2000),
      });
      keepFailed(deps, {
        ...entry,
        attempts: entry.attempts + 1,
        lastStatus: delivery.status,
        lastError: truncate(delivery.body, 500),
      });
      outbox.remove(id, entry.stamp);
      return;
    case 'retry': {
      const attempts = entry.attempts + 1;
      const next = new Date(deps.now().getTime() + backoffMs(attempts)).toISOString();
      deps.log.warn(`retryOutbox: ${id} not delivered (attempt ${attempts}); next at ${next}`, {
        error: delivery.error,
      });
      outbox.update(id, entry.stamp, {
        attempts,
        nextAttemptAt: next,
        lastError: truncate(delivery.error, 500),
        lastStatus: delivery.status,
      });
    }
  }
}
