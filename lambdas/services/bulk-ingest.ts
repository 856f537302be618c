// Bulk ingest (CSV import): the same validation and planning as one submission, with one read of the
// round up front and batched writes for new proposals. Re-running with the same rows changes nothing.
import type { FormSpec } from '../../shared/definitions/form-spec';
import type { RoundConfig } from '../../shared/definitions/round';
import {
  evaluateSubmission,
  planIngest,
  type StoredProposal,
  type SubmissionBody,
} from '../../shared/ingest/ingest';
import type { Proposal } from '../../shared/ingest/proposal';
import { DuplicateIndex, duplicateIssue, type Issue } from '../../shared/ingest/validation';
import { isDomainError } from '../../shared/platform/errors';
import type { ProposalStore } from '../ports/proposal-store';

export interface BulkRow {
  line: number;
  submission: SubmissionBody;
}

export interface BulkIssue {
  line: number;
  id: string;
  code: Issue['code'] | 'duplicate_row';
  field: string;
  message: Issue['message'];
}

export interface BulkSummary {
  rows: number;
  accepted: number;
  invalid: number;
  duplicates: number;
  created: number;
  revised: number;
  unchanged: number;
  issues: BulkIssue[];
}

export interface BulkDeps {
  store: ProposalStore;
  spec: FormSpec;
  round: RoundConfig;
  now: () => Date;
}

/** Rows validated per step: one BatchWriteItem call's worth. */
const CHUNK = 25;
/** Batch writes in flight: at least this many, and at most (see inFlightFor). */
export const MIN_BATCHES_IN_FLIGHT = 8;
export const MAX_BATCHES_IN_FLIGHT = 16;
/** Conditional writes of revised proposals in flight (one item, one round trip each; with the batches,
 * within the SDK client's 50 sockets). */
export const REVISIONS_IN_FLIGHT = 32;
/** Attempts of one revision whose proposal someone else wrote between our read and our write. */
const MAX_REVISION_ATTEMPTS = 4;

/**
 * Batches to keep in flight so that the network round trip is covered while the next batches are
 * validated (Little's law: round trip / time to prepare one batch, plus the one being prepared).
 */
export function inFlightFor(roundTripMs: number, prepareMs: number, min: number, max: number): number {
  if (!(roundTripMs > 0)) return min;
  const need = Math.ceil(roundTripMs / Math.max(prepareMs, 0.05)) + 1;
  return Math.min(max, Math.max(min, need));
}

/**
 * Runs writes concurrently, at most `limit()` at a time: `add` waits for a free slot (back-pressure on
 * the caller), `enqueue` queues without waiting. The first failure stops new work (queued writes are
 * dropped, never started) and is kept for rethrow(). Tracks the mean duration of a write (for the
 * adaptive limit). Waiters are woken from a list, not by racing every running write.
 */
class WritePool {
  private running = 0;
  private readonly queued: (() => Promise<void>)[] = [];
  private head = 0;
  private waiters: (() => void)[] = [];
  failed = false;
  private failure: unknown;
  meanMs = 0;

  constructor(private readonly limit: () => number) {}

  /** Starts the write once a slot is free (queued writes first); after a failure, starts nothing. */
  async add(task: () => Promise<void>): Promise<void> {
    while (!this.failed && this.running + this.queued.length - this.head >= this.limit()) await this.wait();
    if (!this.failed) this.start(task);
  }

  /** Queues the write behind the others; it starts when a slot is free. */
  enqueue(task: () => Promise<void>): void {
    if (this.failed) return;
    this.queued.push(task);
    this.pump();
  }

  /** Waits for every queued write and every write in flight (never throws: see rethrow). */
  async drain(): Promise<void> {
    while (this.running > 0 || (!this.failed && this.head < this.queued.length)) await this.wait();
  }

  rethrow(): void {
    if (this.failed) throw this.failure;
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private pump(): void {
    while (!this.failed && this.head < this.queued.length && this.running < this.limit()) {
      const task = this.queued[this.head] as () => Promise<void>;
      this.queued[this.head++] = undefined as never;
      this.start(task);
    }
    if (this.head === this.queued.length) {
      this.queued.length = 0;
      this.head = 0;
    }
  }

  private start(task: () => Promise<void>): void {
    this.running++;
    const t0 = performance.now();
    task().then(
      () => {
        const ms = performance.now() - t0;
        this.meanMs = this.meanMs === 0 ? ms : this.meanMs * 0.8 + ms * 0.2;
        this.settled();
      },
      (e) => {
        if (!this.failed) [this.failed, this.failure] = [true, e];
        this.settled();
      },
    );
  }

  private settled(): void {
    this.running--;
    this.pump();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

interface Revision {
  proposal: Proposal;
  issues: Issue[];
  record: StoredProposal;
  previous: StoredProposal;
}

export async function ingestMany(
  deps: BulkDeps,
  /** The rows in file order: an array, or an iterable read as the writes go (a CSV being parsed). */
  rows: Iterable<BulkRow>,
  /** onProgress: rows settled (validated and, unless a dry run, written) of all rows (an array's
   * length; rows read so far when streaming, as the total is only known at the end). */
  /** known: the round's proposals as the caller has just read them (saves reading them again). */
  opts: {
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
    known?: readonly StoredProposal[];
  } = {},
): Promise<BulkSummary> {
  const nowIso = deps.now().toISOString();
  const known = new Map((opts.known ?? (await deps.store.listRound(deps.round.id))).map((p) => [p.id, p]));
  const duplicates = new DuplicateIndex(known.values());
  const total = Array.isArray(rows) ? rows.length : undefined;
  const summary: BulkSummary = {
    rows: 0,
    accepted: 0,
    invalid: 0,
    duplicates: 0,
    created: 0,
    revised: 0,
    unchanged: 0,
    issues: [],
  };
  const seenInFile = new Map<string, number>();
  // Pipelined: rows are read and validated a batch at a time while earlier batches are written, with as
  // many batches in flight as cover the round trip. Revised proposals (one conditional write each) queue
  // for their own pool once their history is written, and never hold up the batches behind them.
  let prepareMs = 0;
  const batches: WritePool = new WritePool(() =>
    inFlightFor(batches.meanMs, prepareMs, MIN_BATCHES_IN_FLIGHT, MAX_BATCHES_IN_FLIGHT),
  );
  const conditional = new WritePool(() => REVISIONS_IN_FLIGHT);
  let settled = 0;
  const progress = () => opts.onProgress?.(settled, total ?? summary.rows);
  const settle = (n: number) => {
    settled += n;
    progress();
  };
  progress();

  // Pulled by hand (no for...of): a caller's iterator is left open when a write fails, so the caller can
  // still read the rest of its file (to say how many rows it had).
  const source = rows[Symbol.iterator]();
  for (let done = false; !done; ) {
    const t0 = performance.now();
    const chunk: BulkRow[] = [];
    while (chunk.length < CHUNK) {
      const next = source.next();
      if (next.done) {
        done = true;
        break;
      }
      chunk.push(next.value);
    }
    if (!chunk.length) break;
    summary.rows += chunk.length;
    const creates: StoredProposal[] = [];
    const revisions: Revision[] = [];
    for (const row of chunk) {
      const { proposal, issues } = evaluateSubmission(row.submission, deps.spec, deps.round);
      const earlierLine = seenInFile.get(proposal.id);
      if (earlierLine !== undefined) {
        summary.duplicates++;
        summary.issues.push({
          line: row.line,
          id: proposal.id,
          code: 'duplicate_row',
          field: '',
          message: {
            id: `Baris yang sama dengan baris ${earlierLine}`,
            en: `Same response as line ${earlierLine}`,
          },
        });
        continue;
      }
      seenInFile.set(proposal.id, row.line);
      const existing = known.get(proposal.id);
      const dup = duplicates.find(proposal);
      const withDup = dup ? [...issues, duplicateIssue(dup)] : issues;
      const plan = planIngest(existing, proposal, withDup, nowIso);
      if (plan.kind === 'create') creates.push(plan.record);
      if (plan.kind === 'revise') revisions.push({ proposal, issues: withDup, ...plan });
      summary[plan.kind === 'create' ? 'created' : plan.kind === 'revise' ? 'revised' : 'unchanged']++;
      known.set(plan.record.id, plan.record);
      duplicates.add(plan.record);
      const recordIssues = plan.record.issues;
      if (recordIssues.some((i) => i.code === 'likely_duplicate')) summary.duplicates++;
      else if (recordIssues.length) summary.invalid++;
      else summary.accepted++;
      for (const i of recordIssues) summary.issues.push({ line: row.line, id: plan.record.id, ...i });
    }
    const spent = performance.now() - t0;
    prepareMs = prepareMs === 0 ? spent : prepareMs * 0.8 + spent * 0.2;
    if (opts.dryRun) {
      settle(chunk.length);
      continue;
    }
    if (batches.failed || conditional.failed) break;
    const direct = chunk.length - revisions.length;
    if (creates.length) await batches.add(() => deps.store.putMany(creates).then(() => settle(direct)));
    else settle(direct);
    if (revisions.length) {
      // History before the revised record, so a run killed in between never loses a revision.
      await batches.add(async () => {
        await deps.store.saveHistoryMany(revisions.map((r) => r.previous));
        for (const r of revisions)
          conditional.enqueue(() => writeRevision(deps, r, nowIso, summary).then(() => settle(1)));
      });
    }
    // Let finished writes' callbacks run before validating the next chunk.
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Writes still in flight finish before a failure is reported, so the progress count is what was written.
  await batches.drain();
  await conditional.drain();
  batches.rethrow();
  conditional.rethrow();
  return summary;
}

/**
 * Writes a revised proposal on the condition that nobody changed it since it was read. If somebody did
 * (an edit arriving through the API meanwhile), reads it again and plans afresh, like ingestSubmission:
 * the newer submission wins, and the revision it replaces is kept in the history first.
 */
async function writeRevision(
  deps: BulkDeps,
  revision: Revision,
  nowIso: string,
  summary: BulkSummary,
): Promise<void> {
  let { record, previous } = revision;
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.store.save(record, previous.version);
      return;
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'conflict' || attempt >= MAX_REVISION_ATTEMPTS) throw e;
    }
    const current = await deps.store.get(revision.proposal.roundId, revision.proposal.id);
    const plan = planIngest(current, revision.proposal, revision.issues, nowIso);
    if (plan.kind !== 'revise') {
      // What is stored now is the same or newer: nothing left to write; count the row as what it is.
      summary.revised--;
      summary[plan.kind === 'create' ? 'created' : 'unchanged']++;
      if (plan.kind !== 'create') return;
      await deps.store.save(plan.record);
      return;
    }
    await deps.store.saveHistory(plan.previous);
    ({ record, previous } = plan);
  }
}
