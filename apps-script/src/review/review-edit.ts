// onReviewEdit: a reviewer changed cells of a working-group tab. Every edited row becomes one ReviewEdit
// (expected version from the row, the editor as actor, `from` only when one cell changed), all of them go
// in ONE signed POST /v1/reviews, and the answer is written back to the rows' version and sync-note cells
// in one batch. The script lock covers the read-modify-write of the rows; when the API cannot be reached
// the edits wait in the outbox (kind 'review') and retryOutbox sends them and writes the answer.

import { DEFAULT_ROUND, type RoundConfig } from '../../../shared/definitions/round';
import { NEGOTIATION_TAB } from '../../../shared/negotiation/google/negotiation-sheet';
import { type FieldEdit, MAX_EDITS_PER_REQUEST, type ReviewEdit } from '../../../shared/review/review-api';
import {
  parseFieldCell,
  REVIEW_COLUMNS,
  type ReviewField,
  reopenRequest,
} from '../../../shared/review/review-sheet';
import { PROP, readScriptConfig, reviewEditTrigger } from '../config';
import { claimLocked, EDIT_TTL_MS } from '../dedupe';
import { sessionEditor } from '../editor';
import { handleNegotiationEdit } from '../negotiation/negotiation-edit';
import { guardedPost } from '../outbox/circuit-breaker';
import { type DeliveryDeps, REVIEWS_PATH, truncate } from '../outbox/delivery';
import { enqueue, keepRefused, type QueueDeps } from '../outbox/outbox';
import type { CellValue, SheetEdit, UserPort } from '../ports';
import { ReviewBook, TabRows } from './review-book';
import { FIRST_DATA_ROW, isReviewTab } from './review-layout';
import { applyReviewResults, noteRows, QUEUED_NOTE, reviewSheetChanges } from './review-results';
import type { SheetDeps } from './review-sync';

/** How long an edit waits for another execution's sheet write to finish. */
export const EDIT_LOCK_MS = 30_000;
/** The actor when Google discloses no email (consumer accounts editing a shared sheet). */
export const UNKNOWN_ACTOR = 'tidak diketahui / unknown';

export interface ReviewEditDeps extends QueueDeps, DeliveryDeps, SheetDeps {
  users: UserPort;
}

export type ReviewEditOutcome =
  /** Not a reviewer edit of a review tab: nothing sent. */
  'ignored' | 'synced' | 'queued' | 'failed';

export interface ReviewEditSummary {
  outcome: ReviewEditOutcome;
  /** Edits sent (or queued). */
  edits: number;
  ok?: number;
  refused?: number;
  status?: number;
  /** Why it was ignored, for the log. */
  reason?: string;
}

const ignored = (reason: string): ReviewEditSummary => ({ outcome: 'ignored', edits: 0, reason });

/** Review-field columns (1-based) within [first, last]. */
function editedFields(first: number, last: number): { column: number; field: ReviewField }[] {
  return REVIEW_COLUMNS.flatMap((c, i) =>
    !c.system && i + 1 >= first && i + 1 <= last ? [{ column: i + 1, field: c.key as ReviewField }] : [],
  );
}

/** One ReviewEdit per row of the window that has a proposal id. */
export function editsFromRows(
  rows: TabRows,
  fields: readonly { column: number; field: ReviewField }[],
  actor: string,
  single: { oldValue: string | undefined } | null,
): ReviewEdit[] {
  const edits: ReviewEdit[] = [];
  rows.rows.forEach((cells: CellValue[], index) => {
    const proposalId = rows.proposalId(index);
    if (!proposalId) return;
    const version = Number(rows.get(index, 'version'));
    const changes: FieldEdit[] = fields.map(({ column, field }) => ({
      field,
      ...(single ? { from: parseFieldCell(field, single.oldValue ?? '') } : {}),
      to: parseFieldCell(field, cells[column - 1]),
    }));
    edits.push({
      proposalId,
      expectedVersion: Number.isInteger(version) && version > 0 ? version : 1,
      actor,
      changes,
      // "Dibuka kembali / Reopened" in the status cell: the status change is a reopen, the reason its note.
      ...(fields.some((f) => f.field === 'status') ? reopenRequest(cells) : {}),
    });
  });
  return edits;
}

/**
 * The id of the spreadsheet an edit comes from, or null when that is not the configured review spreadsheet
 * (a trigger left on an old or other spreadsheet: its edits must never reach the API). The trigger setup
 * installed is known by its unique id, recorded with the one spreadsheet it fires for, so its events need
 * no call; any other trigger (another user's, one installed before the record existed) asks the
 * spreadsheet its id.
 */
export function reviewSpreadsheetOf(all: Record<string, string>, e: SheetEdit): string | null {
  const configured = (all[PROP.spreadsheetId] ?? '').trim();
  if (!configured) return e.spreadsheet.id;
  const installed = reviewEditTrigger(all);
  if (installed && e.triggerId === installed.triggerId && installed.spreadsheetId === configured)
    return configured;
  return e.spreadsheet.id === configured ? configured : null;
}

/** The whole of onReviewEdit, on ports. */
export function handleReviewEdit(deps: ReviewEditDeps, e: SheetEdit): ReviewEditSummary {
  const all = deps.props.getAll();
  const config = readScriptConfig(deps.props, all);
  // Without a usable config the default round's tabs are the best guess (as onFormSubmit does).
  const round: RoundConfig = config.ok ? config.config.round : DEFAULT_ROUND;
  const spreadsheetId = reviewSpreadsheetOf(all, e);
  if (spreadsheetId === null) return ignored('not the review spreadsheet');
  if (e.sheetName === NEGOTIATION_TAB) return handleNegotiationEdit(deps, e);
  if (!isReviewTab(round, e.sheetName)) return ignored(`not a review tab: ${e.sheetName}`);
  const firstRow = Math.max(e.block.row, FIRST_DATA_ROW);
  const lastRow = e.block.row + e.block.numRows - 1;
  if (lastRow < firstRow) return ignored('header row');
  const fields = editedFields(e.block.column, e.block.column + e.block.numColumns - 1);
  if (!fields.length) return ignored('system columns only');
  const sheet = e.spreadsheet.sheet(e.sheetName);
  if (!sheet) return ignored(`no tab ${e.sheetName}`);

  const locked = deps.lock.tryLock(EDIT_LOCK_MS);
  try {
    const rows = TabRows.load(sheet, firstRow, lastRow);
    // A twin trigger (another user's set) sees the same reviewer cells for the same edit (the system cells
    // the first run wrote back differ): handle it once.
    const reviewerCells = rows.rows.map((r) => r.filter((_, i) => !REVIEW_COLUMNS[i]?.system));
    const { row, column, numRows, numColumns } = e.block;
    const key = `edit|${spreadsheetId}|${e.sheetName}|${row}:${column}:${numRows}:${numColumns}|${JSON.stringify(reviewerCells)}|${e.oldValue ?? ''}`;
    if (locked && !claimLocked(deps.props, key, deps.now(), EDIT_TTL_MS))
      return ignored('already handled by another trigger');
    const actor = (e.user || sessionEditor(deps.users) || UNKNOWN_ACTOR).slice(0, 200);
    const single = e.block.numRows === 1 && e.block.numColumns === 1 ? { oldValue: e.oldValue } : null;
    const edits = editsFromRows(rows, fields, actor, single);
    if (!edits.length) return ignored('no proposal id in the edited rows');
    const chunks: ReviewEdit[][] = [];
    for (let at = 0; at < edits.length; at += MAX_EDITS_PER_REQUEST)
      chunks.push(edits.slice(at, at + MAX_EDITS_PER_REQUEST));
    if (!locked) {
      // No sheet write without the lock: the edits wait in the outbox, and retryOutbox (which holds the
      // lock) sends them and writes the answer.
      deps.log.warn('onReviewEdit: another execution holds the lock; edits queued');
      for (const chunk of chunks)
        enqueue(
          deps,
          `review-${deps.newId()}`,
          JSON.stringify({ edits: chunk }),
          { error: 'lock busy' },
          'review',
        );
      return { outcome: 'queued', edits: edits.length };
    }
    const book = ReviewBook.window(rows);
    const summary: ReviewEditSummary = { outcome: 'synced', edits: edits.length, ok: 0, refused: 0 };
    for (const chunk of chunks) sendChunk(deps, config, chunk, book, summary);
    book.flush();
    return summary;
  } finally {
    if (locked) deps.lock.release();
  }
}

function sendChunk(
  deps: ReviewEditDeps,
  config: ReturnType<typeof readScriptConfig>,
  edits: ReviewEdit[],
  book: ReviewBook,
  summary: ReviewEditSummary,
): void {
  const raw = JSON.stringify({ edits });
  const proposalIds = edits.map((x) => x.proposalId);
  const id = `review-${deps.newId()}`;
  if (!config.ok) {
    const error = `configuration incomplete: ${config.problems.map((p) => p.en).join('; ')}`;
    deps.log.error(`onReviewEdit: ${proposalIds.length} edits queued, ${error}`);
    enqueue(deps, id, raw, { error }, 'review');
    noteRows(book, { proposalIds, note: QUEUED_NOTE });
    summary.outcome = 'queued';
    return;
  }
  const delivery = guardedPost(deps, config.config, REVIEWS_PATH, raw);
  const shown = reviewSheetChanges(raw, delivery);
  for (const n of shown.notes) noteRows(book, n);
  applyReviewResults(book, shown.results);
  switch (delivery.kind) {
    case 'delivered':
      summary.ok = (summary.ok ?? 0) + shown.results.filter((r) => r.ok).length;
      summary.refused = (summary.refused ?? 0) + shown.results.filter((r) => !r.ok).length;
      summary.status = delivery.status;
      deps.log.info(`onReviewEdit: ${edits.length} edits sent (${delivery.status})`, {
        refused: shown.results.filter((r) => !r.ok).map((r) => `${r.proposalId}: ${r.code}`),
      });
      return;
    case 'retry':
      deps.log.warn(`onReviewEdit: ${edits.length} edits not delivered; queued as ${id}`, {
        error: delivery.error,
      });
      enqueue(
        deps,
        id,
        raw,
        { ...(delivery.status !== undefined ? { status: delivery.status } : {}), error: delivery.error },
        'review',
      );
      summary.outcome = 'queued';
      if (delivery.status !== undefined) summary.status = delivery.status;
      return;
    case 'invalid':
    case 'rejected': {
      deps.log.error(`onReviewEdit: edits refused (${delivery.status}); kept in the failed list as ${id}`, {
        response: truncate(delivery.body, 2000),
      });
      keepRefused(deps, id, raw, delivery, 'review');
      summary.outcome = 'failed';
      summary.status = delivery.status;
    }
  }
}
