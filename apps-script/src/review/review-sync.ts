// Writes proposal rows and review results into the review spreadsheet under the script lock. Rows that cannot be written now
// (lock busy, spreadsheet error) are kept in Script Properties as `pending-row:<proposalId>` and written by
// the next run that holds the lock (retryOutbox), so a row is never lost because two submissions collided.

import type { RoundConfig } from '../../../shared/definitions/round';
import type { ReviewEditResult } from '../../../shared/review/review-api';
import { tabForProposal } from '../../../shared/review/review-sheet';
import type { Log, PropertyStore, ScriptLock, SpreadsheetsPort } from '../ports';
import { ReviewBook } from './review-book';
import { applyReviewResults, type NoteForRows, noteRows } from './review-results';
import { type ProposalRowUpdate, type RowsSummary, upsertProposalRows } from './review-rows';
import { openReviewSpreadsheet } from './review-spreadsheet';

/** How long a form submission waits for the lock before leaving its row to the next run. */
export const ROUTE_LOCK_MS = 20_000;
export const PENDING_ROW_PREFIX = 'pending-row:';

export interface SheetDeps {
  props: PropertyStore;
  sheets: SpreadsheetsPort;
  lock: ScriptLock;
  log: Log;
}

export type RouteOutcome =
  | ({ kind: 'written' } & RowsSummary)
  | { kind: 'pending' }
  | { kind: 'no-spreadsheet' };

interface StoredRow {
  v: 1;
  row: Omit<ProposalRowUpdate, 'source'> & {
    source: Omit<ProposalRowUpdate['source'], 'issues'> & { issues: number };
  };
}

function keepPending(deps: SheetDeps, rows: readonly ProposalRowUpdate[]): void {
  for (const row of rows) {
    const stored: StoredRow = {
      v: 1,
      row: { ...row, source: { ...row.source, issues: row.source.issues.length } },
    };
    try {
      deps.props.set(`${PENDING_ROW_PREFIX}${row.source.id}`, JSON.stringify(stored));
    } catch (e) {
      deps.log.error(`review sheet: could not keep the row of ${row.source.id} for later`, {
        error: String(e),
      });
    }
  }
}

function pendingRows(props: PropertyStore): { key: string; row: ProposalRowUpdate }[] {
  const out: { key: string; row: ProposalRowUpdate }[] = [];
  for (const key of props.keys()) {
    if (!key.startsWith(PENDING_ROW_PREFIX)) continue;
    try {
      const stored = JSON.parse(props.get(key) ?? '') as StoredRow;
      if (stored?.v !== 1) continue;
      const { issues, ...source } = stored.row.source;
      out.push({
        key,
        row: { ...stored.row, source: { ...source, issues: Array<null>(issues).fill(null) } },
      });
    } catch {
      props.delete(key);
    }
  }
  return out;
}

export function pendingRowCount(props: PropertyStore): number {
  return props.keys().filter((k) => k.startsWith(PENDING_ROW_PREFIX)).length;
}

export interface SheetChanges {
  /** Proposal rows to add or update. */
  rows?: readonly ProposalRowUpdate[];
  /** Review results to show on their rows (version and sync note). */
  results?: readonly ReviewEditResult[];
  /** Sync notes for rows whose edits were queued or refused as a whole. */
  notes?: readonly NoteForRows[];
}

/**
 * Applies the changes (and any rows left pending earlier) in one batch: every review tab read once,
 * written once. `locked`: the caller already holds the script lock (retryOutbox); otherwise it is taken
 * here and released after. Rows that cannot be written are kept for the next run; notes and results
 * are only logged (the server has the edits; the next sync note will be current).
 */
export function syncSheet(
  deps: SheetDeps,
  round: RoundConfig,
  changes: SheetChanges,
  options: { locked?: boolean } = {},
): RouteOutcome {
  const rows = changes.rows ?? [];
  const results = changes.results ?? [];
  const notes = changes.notes ?? [];
  if (!options.locked && !deps.lock.tryLock(ROUTE_LOCK_MS)) {
    deps.log.warn('review sheet: another execution holds the lock; rows kept for the next run', {
      rows: rows.map((r) => r.source.id),
    });
    keepPending(deps, rows);
    return { kind: 'pending' };
  }
  try {
    const pending = pendingRows(deps.props);
    if (!rows.length && !pending.length && !results.length && !notes.length)
      return { kind: 'written', appended: 0, updated: 0, moved: 0 };
    const doc = openReviewSpreadsheet(deps);
    if (!doc) {
      deps.log.info('review sheet: no review spreadsheet yet (run setup); rows not written');
      return { kind: 'no-spreadsheet' };
    }
    const updates = [...pending.map((p) => p.row), ...rows];
    const only = updates.length === 1 && !results.length && !notes.length ? updates[0] : undefined;
    // One submission (the usual case) reads only the tabs its row can be in; batches read every tab.
    const book = only
      ? ReviewBook.loadFor(doc, round, only.source.id, tabForProposal(round, only.workingGroupId))
      : ReviewBook.load(doc, round);
    const summary = upsertProposalRows(book, round, updates);
    for (const n of notes) noteRows(book, n);
    const missing = applyReviewResults(book, results);
    if (missing.length) deps.log.warn('review sheet: no row for these reviewed proposals', { missing });
    book.flush();
    for (const p of pending) deps.props.delete(p.key);
    return { kind: 'written', ...summary };
  } catch (e) {
    deps.log.error('review sheet: not written; rows kept for the next run', {
      error: String(e),
      results: results.map((r) => r.proposalId),
    });
    keepPending(deps, rows);
    return { kind: 'pending' };
  } finally {
    if (!options.locked) deps.lock.release();
  }
}
