// Reconcile's negotiation phase: negotiation-tab rows that differ from DynamoDB (edited while no onEdit ran)
// go through the same negotiations use case as POST /v1/negotiations; a stale row is refused with the stored
// values, never overwritten. Versions, refreshed cells and sync notes are written back in one batch.
import {
  NEGOTIATION_COLUMNS,
  type NegotiationColumnKey,
  negotiationCellValue,
  negotiationColumnIndex,
  negotiationRows,
} from '../../shared/negotiation/google/negotiation-sheet';
import {
  agencyKey,
  type NegotiationFieldValue,
  type NegotiationState,
} from '../../shared/negotiation/negotiation';
import {
  type NegotiationEdit,
  type NegotiationEditResult,
  type NegotiationFieldEdit,
  negotiationFieldValue,
} from '../../shared/negotiation/negotiation-api';
import type { NegotiationCellWrite, NegotiationSheetPort, NegotiationSheetRow } from '../ports/review-sheet';
import { applyNegotiationEdits, currentNegotiations, type NegotiationsDeps } from './negotiations-service';

export interface NegotiationReconcileReport {
  /** False when the spreadsheet has no negotiation tab yet (setup not run again): nothing read. */
  tab: boolean;
  rows: number;
  applied: number;
  refused: number;
  versionsUpdated: number;
}

export interface NegotiationReconcileDeps extends NegotiationsDeps {
  negotiationSheet: NegotiationSheetPort;
  actor: string;
}

const EDITABLE = NEGOTIATION_COLUMNS.filter((c) => !c.system && c.field);
const AGENCY_COLUMNS: readonly NegotiationColumnKey[] = ['position', 'note'];
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());
const same = (a: NegotiationFieldValue, b: NegotiationFieldValue) => text(a) === text(b);

interface ParsedRow {
  row: NegotiationSheetRow;
  commitmentId: string;
  agency: string;
  version: number;
}

function parse(row: NegotiationSheetRow): ParsedRow | null {
  const commitmentId = text(row.cells[negotiationColumnIndex('commitmentId')]);
  if (!commitmentId) return null;
  const version = Number(row.cells[negotiationColumnIndex('version')]);
  return {
    row,
    commitmentId,
    agency: text(row.cells[negotiationColumnIndex('agency')]),
    version: Number.isInteger(version) && version > 0 ? version : 1,
  };
}

/** The row's edit when its cells differ from the stored state; `from` only when the row is at that version. */
function editOf(
  r: ParsedRow,
  state: NegotiationState,
  actor: string,
  timeZone: string,
): NegotiationEdit | null {
  const agency = r.agency || undefined;
  const atVersion = r.version === state.version;
  const changes: NegotiationFieldEdit[] = [];
  for (const c of EDITABLE) {
    if (!agency && AGENCY_COLUMNS.includes(c.key)) continue;
    const field = c.field as NegotiationFieldEdit['field'];
    const to = negotiationCellValue(c.key, r.row.cells[negotiationColumnIndex(c.key)], timeZone);
    const stored = negotiationFieldValue(state, field, agency);
    if (same(to, stored)) continue;
    // At the stored version the row held the stored value before it was typed over: what a rebase checks.
    // Behind it, what the row replaced is unknown, so the use case refuses any field that differs.
    changes.push({ field, to, ...(atVersion ? { from: stored } : {}) });
  }
  if (!changes.length) return null;
  return {
    commitmentId: r.commitmentId,
    ...(agency ? { agency } : {}),
    expectedVersion: r.version,
    actor,
    changes,
  };
}

function refusalNote(result: Extract<NegotiationEditResult, { ok: false }>): string {
  const stored = (result.conflicts ?? []).map((c) => `${c.field} = ${text(c.current)}`).join('; ');
  const tail = stored ? ` [${stored}]` : '';
  return `${result.message.id} / ${result.message.en}${tail}`;
}

export async function reconcileNegotiations(
  deps: NegotiationReconcileDeps,
): Promise<NegotiationReconcileReport> {
  const rows = await deps.negotiationSheet.readNegotiationRows();
  const report: NegotiationReconcileReport = {
    tab: rows !== null,
    rows: rows?.length ?? 0,
    applied: 0,
    refused: 0,
    versionsUpdated: 0,
  };
  const parsed = (rows ?? []).flatMap((r) => parse(r) ?? []);
  if (!parsed.length) return report;
  const states = await currentNegotiations(
    deps,
    parsed.map((p) => p.commitmentId),
  );
  const writes: NegotiationCellWrite[] = [];
  const note = (r: ParsedRow, value: string) => {
    if (text(r.row.cells[negotiationColumnIndex('syncNote')]) !== value.trim())
      writes.push({ rowNumber: r.row.rowNumber, column: 'syncNote', value });
  };
  const edits: { r: ParsedRow; edit: NegotiationEdit }[] = [];
  for (const r of parsed) {
    const state = states.get(r.commitmentId);
    if (!state) {
      report.refused++;
      note(
        r,
        `Komitmen ${r.commitmentId} tidak ditemukan di putaran ini / Commitment ${r.commitmentId} not found in this round`,
      );
      continue;
    }
    const edit = editOf(r, state, deps.actor, deps.round.timeZone);
    if (edit) edits.push({ r, edit });
  }

  const results = edits.length
    ? await applyNegotiationEdits(
        deps,
        edits.map((e) => e.edit),
      )
    : [];
  const latest = new Map<string, NegotiationState>();
  const refusedRows = new Set<ParsedRow>();
  const appliedRows = new Set<ParsedRow>();
  results.forEach((result, i) => {
    const { r } = edits[i] as (typeof edits)[number];
    if (result.ok) {
      report.applied++;
      appliedRows.add(r);
      if (result.state) latest.set(r.commitmentId, result.state);
    } else {
      report.refused++;
      refusedRows.add(r);
      note(r, refusalNote(result));
    }
  });

  // Every row not refused shows its commitment's state now: the version and, when the state moved, the
  // cells from the server (commitment-wide cells repeat on each agency row, so siblings change too).
  for (const r of parsed) {
    if (refusedRows.has(r)) continue;
    const before = states.get(r.commitmentId);
    if (!before) continue;
    const state = latest.get(r.commitmentId) ?? before;
    if (state.version !== before.version) {
      const agencies = state.agencies.length ? state.agencies : [null];
      const i = agencies.findIndex((a) => (a ? agencyKey(a.agency) === agencyKey(r.agency) : !r.agency));
      const cells = i >= 0 ? negotiationRows(state)[i] : undefined;
      const columns: NegotiationColumnKey[] =
        i >= 0
          ? EDITABLE.map((c) => c.key)
          : EDITABLE.filter((c) => !AGENCY_COLUMNS.includes(c.key)).map((c) => c.key);
      const fallback = negotiationRows(state)[0] ?? [];
      for (const key of columns) {
        const value = (cells ?? fallback)[negotiationColumnIndex(key)];
        if (value !== undefined) writes.push({ rowNumber: r.row.rowNumber, column: key, value });
      }
    }
    if (Number(r.row.cells[negotiationColumnIndex('version')]) !== state.version) {
      writes.push({ rowNumber: r.row.rowNumber, column: 'version', value: state.version });
      if (!appliedRows.has(r)) report.versionsUpdated++;
    }
    if (appliedRows.has(r))
      note(r, `Tersinkron dari lembar (v${state.version}) / Synced from the sheet (v${state.version})`);
  }
  await deps.negotiationSheet.writeNegotiationCells(writes);
  return report;
}
