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
import { DuplicateIndex, duplicateIssue, type Issue } from '../../shared/ingest/validation';
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
/** BatchWriteItem calls in flight while later rows are validated (the same as the store's own pool). */
const WRITE_CONCURRENCY = 4;

export async function ingestMany(
  deps: BulkDeps,
  rows: readonly BulkRow[],
  /** onProgress: rows settled (validated and, unless a dry run, written) of all rows. */
  opts: { dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<BulkSummary> {
  const nowIso = deps.now().toISOString();
  const known = new Map((await deps.store.listRound(deps.round.id)).map((p) => [p.id, p]));
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
  const revisions: { record: StoredProposal; previous: StoredProposal }[] = [];
  const seenInFile = new Map<string, number>();
  // Pipelined: up to WRITE_CONCURRENCY batches of new proposals are written while later rows are validated.
  const writing = new Set<Promise<void>>();
  let failure: unknown;
  let settled = 0;
  const progress = () => opts.onProgress?.(settled, rows.length);
  progress();

  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const creates: StoredProposal[] = [];
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
      const plan = planIngest(existing, proposal, dup ? [...issues, duplicateIssue(dup)] : issues, nowIso);
      if (plan.kind === 'create') creates.push(plan.record);
      if (plan.kind === 'revise') revisions.push(plan);
      summary[plan.kind === 'create' ? 'created' : plan.kind === 'revise' ? 'revised' : 'unchanged']++;
      known.set(plan.record.id, plan.record);
      duplicates.add(plan.record);
      const recordIssues = plan.record.issues;
      if (recordIssues.some((i) => i.code === 'likely_duplicate')) summary.duplicates++;
      else if (recordIssues.length) summary.invalid++;
      else summary.accepted++;
      for (const i of recordIssues) summary.issues.push({ line: row.line, id: plan.record.id, ...i });
    }
    if (opts.dryRun) continue;
    while (writing.size >= WRITE_CONCURRENCY) await Promise.race(writing);
    if (failure) break;
    const write: Promise<void> = deps.store.putMany(creates).then(
      () => {
        settled += chunk.length;
        progress();
      },
      (e) => {
        failure = e;
      },
    );
    writing.add(write);
    void write.finally(() => writing.delete(write));
    // Let finished writes' callbacks run before validating the next chunk.
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Writes still in flight finish before a failure is reported, so the progress count is what was written.
  await Promise.all(writing);
  if (failure) throw failure;
  if (opts.dryRun) return summary;
  for (const { record, previous } of revisions) {
    await deps.store.saveHistory(previous);
    await deps.store.save(record, previous.version);
  }
  settled = rows.length;
  progress();
  return summary;
}
