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
 * Runs writes concurrently, at most `limit()` at a time; the first failure stops new work and is kept
 * for rethrow(). Tracks the mean duration of a write (for the adaptive limit).
 */
class WritePool {
  private readonly running = new Set<Promise<void>>();
  failed = false;
  private failure: unknown;
  meanMs = 0;

  constructor(private readonly limit: () => number) {}

  /** Starts the write once fewer than limit() are in flight; after a failure, starts nothing. */
  async add(task: () => Promise<void>): Promise<void> {
    while (this.running.size >= this.limit()) await Promise.race(this.running);
    if (this.failed) return;
    const t0 = performance.now();
    const p: Promise<void> = task().then(
      () => {
        const ms = performance.now() - t0;
        this.meanMs = this.meanMs === 0 ? ms : this.meanMs * 0.8 + ms * 0.2;
      },
      (e) => {
        if (!this.failed) [this.failed, this.failure] = [true, e];
      },
    );
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  /** Waits for every write in flight (never throws: see rethrow). */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.race(this.running);
  }

  rethrow(): void {
    if (this.failed) throw this.failure;
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
  rows: readonly BulkRow[],
  /** onProgress: rows settled (validated and, unless a dry run, written) of all rows. */
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
  const summary: BulkSummary = {
    rows: rows.length,
    accepted: 0,
    invalid: 0,
    duplicates: 0,
    created: 0,
    revised: 0,
    unchanged: 0,
    issues: [],
  };
  const seenInFile = new Map<string, number>();
  // Pipelined: batches of new proposals (and of earlier revisions' history) are written while later rows
  // are validated, with as many in flight as cover the round trip; revised proposals, one conditional
  // write each, go through their own bounded pool.
  let prepareMs = 0;
  const batches: WritePool = new WritePool(() =>
    inFlightFor(batches.meanMs, prepareMs, MIN_BATCHES_IN_FLIGHT, MAX_BATCHES_IN_FLIGHT),
  );
  const conditional = new WritePool(() => REVISIONS_IN_FLIGHT);
  let settled = 0;
  const progress = () => opts.onProgress?.(settled, rows.length);
  const settle = (n: number) => {
    settled += n;
    progress();
  };
  progress();

  for (let start = 0; start < rows.length; start += CHUNK) {
    const t0 = performance.now();
    const chunk = rows.slice(start, start + CHUNK);
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
    if (opts.dryRun) continue;
    if (batches.failed || conditional.failed) break;
    const direct = chunk.length - revisions.length;
    await batches.add(() => deps.store.putMany(creates).then(() => settle(direct)));
    if (revisions.length) {
      // History before the revised record, so a run killed in between never loses a revision.
      await batches.add(async () => {
        await deps.store.saveHistoryMany(revisions.map((r) => r.previous));
        for (const r of revisions)
          await conditional.add(() => writeRevision(deps, r, nowIso, summary).then(() => settle(1)));
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
  if (opts.dryRun) return summary;
  settled = rows.length;
  progress();
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
