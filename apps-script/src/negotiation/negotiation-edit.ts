// onReviewEdit on the negotiation tab: every edited row becomes one negotiation edit (its commitment and
// agency, the row's version, the editor as actor, `from` only for a single-cell edit), all in ONE signed
// POST /v1/negotiations; the answer rewrites the tab from the server's state with a sync note on the
// edited rows. Lock busy or API unreachable: the edits wait in the outbox (kind 'negotiation').

import {
  NEGOTIATION_COLUMNS,
  negotiationCellValue,
  negotiationColumnIndex,
} from '../../../shared/negotiation/google/negotiation-sheet';
import type { NegotiationEdit, NegotiationFieldEdit } from '../../../shared/negotiation/negotiation-api';
import { readScriptConfig } from '../config';
import { sessionEditor } from '../editor';
import { enqueue } from '../outbox/outbox';
import type { CellValue, SheetEdit, UserPort } from '../ports';
import {
  NEGOTIATION_QUEUED,
  type NegotiationSyncDeps,
  negotiationNote,
  noteText,
  refreshTab,
  sendNegotiations,
} from './negotiation-sync';
import { NEGOTIATION_FIRST_ROW } from './negotiation-tab';

export const NEGOTIATION_EDIT_LOCK_MS = 30_000;
const UNKNOWN_ACTOR = 'tidak diketahui / unknown';

export interface NegotiationEditDeps extends NegotiationSyncDeps {
  users: UserPort;
}

export interface NegotiationEditSummary {
  outcome: 'ignored' | 'synced' | 'queued' | 'failed';
  edits: number;
  ok?: number;
  refused?: number;
  reason?: string;
}

/** One edit per edited row that names a commitment. */
export function negotiationEditsFromRows(
  rows: readonly CellValue[][],
  firstColumn: number,
  lastColumn: number,
  actor: string,
  single: { oldValue: string | undefined } | null,
  timeZone = 'Asia/Jakarta',
): NegotiationEdit[] {
  const edited = NEGOTIATION_COLUMNS.flatMap((c, i) =>
    !c.system && c.field && i + 1 >= firstColumn && i + 1 <= lastColumn ? [{ c, i }] : [],
  );
  const edits: NegotiationEdit[] = [];
  for (const cells of rows) {
    const commitmentId = String(cells[negotiationColumnIndex('commitmentId')] ?? '').trim();
    if (!commitmentId || !edited.length) continue;
    const agency = String(cells[negotiationColumnIndex('agency')] ?? '').trim();
    const version = Number(cells[negotiationColumnIndex('version')]);
    const changes: NegotiationFieldEdit[] = edited
      .filter(({ c }) => agency || !['position', 'note'].includes(c.key))
      .map(({ c, i }) => ({
        field: c.field as NegotiationFieldEdit['field'],
        ...(single ? { from: negotiationCellValue(c.key, single.oldValue ?? '', timeZone) } : {}),
        to: negotiationCellValue(c.key, cells[i], timeZone),
      }));
    if (!changes.length) continue;
    edits.push({
      commitmentId,
      ...(agency ? { agency } : {}),
      expectedVersion: Number.isInteger(version) && version > 0 ? version : 1,
      actor,
      changes,
    });
  }
  return edits;
}

export function handleNegotiationEdit(deps: NegotiationEditDeps, e: SheetEdit): NegotiationEditSummary {
  const first = Math.max(e.block.row, NEGOTIATION_FIRST_ROW);
  const last = e.block.row + e.block.numRows - 1;
  if (last < first) return { outcome: 'ignored', edits: 0, reason: 'header row' };
  const sheet = e.spreadsheet.sheet(e.sheetName);
  if (!sheet) return { outcome: 'ignored', edits: 0, reason: 'no tab' };
  const rows = sheet.read({
    row: first,
    column: 1,
    numRows: last - first + 1,
    numColumns: NEGOTIATION_COLUMNS.length,
  });
  const actor = (e.user || sessionEditor(deps.users) || UNKNOWN_ACTOR).slice(0, 200);
  const single = e.block.numRows === 1 && e.block.numColumns === 1 ? { oldValue: e.oldValue } : null;
  const config = readScriptConfig(deps.props);
  const timeZone = config.ok ? config.config.round.timeZone : 'Asia/Jakarta';
  const edits = negotiationEditsFromRows(
    rows,
    e.block.column,
    e.block.column + e.block.numColumns - 1,
    actor,
    single,
    timeZone,
  );
  if (!edits.length) return { outcome: 'ignored', edits: 0, reason: 'system columns or no commitment id' };
  const id = `negotiation-${deps.newId()}`;
  if (!deps.lock.tryLock(NEGOTIATION_EDIT_LOCK_MS)) {
    deps.log.warn('onReviewEdit (negotiation): another execution holds the lock; edits queued');
    enqueue(deps, id, JSON.stringify({ edits, list: true }), { error: 'lock busy' }, 'negotiation');
    return { outcome: 'queued', edits: edits.length };
  }
  try {
    const sent = sendNegotiations(deps, id, { edits });
    if (sent.kind === 'queued') {
      const fresh = new Map(
        edits.map((x) => [
          `${x.commitmentId}|${(x.agency ?? '*').toLowerCase()}`,
          noteText(NEGOTIATION_QUEUED),
        ]),
      );
      notesOnly(sheet, first, rows, fresh);
      return { outcome: 'queued', edits: edits.length };
    }
    if (sent.kind === 'failed') return { outcome: 'failed', edits: edits.length };
    const results = sent.answer.results;
    const fresh = new Map(
      results.map((r) => [
        `${r.commitmentId}|${(r.agency ?? '*').toLowerCase()}`,
        noteText(negotiationNote(r)),
      ]),
    );
    if (sent.answer.negotiations) refreshTab(deps, sent.answer.negotiations, fresh);
    deps.log.info(`onReviewEdit (negotiation): ${edits.length} edits sent`, {
      refused: results.filter((r) => !r.ok).map((r) => `${r.commitmentId}: ${r.ok ? '' : r.code}`),
    });
    return {
      outcome: 'synced',
      edits: edits.length,
      ok: results.filter((r) => r.ok).length,
      refused: results.filter((r) => !r.ok).length,
    };
  } finally {
    deps.lock.release();
  }
}

/** Writes only the sync-note cells of the edited rows (the edit stays as typed until it is sent). */
function notesOnly(
  sheet: { write(row: number, column: number, values: CellValue[][]): void },
  first: number,
  rows: readonly CellValue[][],
  fresh: ReadonlyMap<string, string>,
): void {
  const col = negotiationColumnIndex('syncNote');
  const notes = rows.map((r) => {
    const key = `${String(r[negotiationColumnIndex('commitmentId')] ?? '')}|${String(r[negotiationColumnIndex('agency')] ?? '').toLowerCase()}`;
    return [fresh.get(key) ?? fresh.get(`${key.split('|')[0]}|*`) ?? String(r[col] ?? '')];
  });
  sheet.write(first, col + 1, notes);
}
