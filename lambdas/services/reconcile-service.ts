// Reconcile (the pull side): whatever push missed, applied on a schedule in four phases, one function
// each: form responses never ingested, review rows edited without onEdit, proposals missing from the sheet,
// and negotiation-tab rows edited without onEdit (reconcile-negotiations.ts). First, once per round, merged
// reviews saved before the merge index existed are put into it (indexMerges).
import type { FormSpec } from '../../shared/definitions/form-spec';
import type { RoundConfig } from '../../shared/definitions/round';
import { answersByTitle } from '../../shared/ingest/answers';
import { bilingual } from '../../shared/platform/i18n';
import { irmCheck, irmCheckText } from '../../shared/publishing/irm-check';
import { initialReviewState } from '../../shared/review/review';
import { fieldValue, type ReviewEdit } from '../../shared/review/review-api';
import {
  REVIEW_FIELDS,
  type ReviewField,
  refusalInSheet,
  reviewRowCells,
  tabForProposal,
  tabName,
  UNASSIGNED_TAB,
} from '../../shared/review/review-sheet';
import type { FormResponsesPort } from '../ports/form-responses';
import type { NegotiationStore } from '../ports/negotiation-store';
import type { ProposalStore } from '../ports/proposal-store';
import type { CellWrite, NegotiationSheetPort, ReviewSheetPort, SheetRow } from '../ports/review-sheet';
import type { ReviewStore, RoundSnapshot } from '../ports/review-store';
import { ingestMany } from './bulk-ingest';
import { type NegotiationReconcileReport, reconcileNegotiations } from './reconcile-negotiations';
import { applyReviewEdits } from './reviews-service';

/** Who the audit log names for edits found by reconcile. */
export const RECONCILE_ACTOR = 'reconcile (spreadsheet pull)';

export interface ReconcileDeps {
  store: ProposalStore & ReviewStore;
  sheet: ReviewSheetPort;
  form?: FormResponsesPort;
  /** Both given: the negotiation tab is reconciled too (phase 4). */
  negotiations?: NegotiationStore;
  negotiationSheet?: NegotiationSheetPort;
  spec: FormSpec;
  round: RoundConfig;
  now: () => Date;
}

export interface ReconcileReport {
  form: { responses: number; created: number; revised: number; unchanged: number };
  sheet: {
    rows: number;
    applied: number;
    refused: number;
    behind: number;
    appended: number;
    versionsUpdated: number;
  };
  negotiation?: NegotiationReconcileReport;
}

const same = (a: unknown, b: unknown) => (a ?? '') === (b ?? '');

export async function reconcile(deps: ReconcileDeps): Promise<ReconcileReport> {
  // Form first, so that responses it ingests are in the round the sheet phases read. The round is read
  // once per run when the form brings nothing new (the usual case, every 15 minutes): the same snapshot
  // plans the ingest and is compared with the sheet. After a write it is read again.
  // Merged reviews saved before the merge index existed go into it (once: a no-op read afterwards).
  await deps.store.indexMerges(deps.round.id);
  let snapshot: RoundSnapshot | undefined;
  let form: ReconcileReport['form'] = { responses: 0, created: 0, revised: 0, unchanged: 0 };
  if (deps.form) {
    const before = deps.store.loadRound(deps.round.id);
    form = await ingestMissedResponses(deps, deps.form, before);
    if (form.created === 0 && form.revised === 0) snapshot = await before;
  }
  const tabs = [...deps.round.workingGroups.map(tabName), UNASSIGNED_TAB];
  const [rows, current] = await Promise.all([
    deps.sheet.readRows(tabs),
    snapshot ?? deps.store.loadRound(deps.round.id),
  ]);
  snapshot = current;
  const sheet = await applyMissedEdits(deps, rows, snapshot);
  sheet.appended = await appendMissingRows(deps, snapshot, new Set(rows.map((r) => r.proposalId)));
  if (!deps.negotiations || !deps.negotiationSheet) return { form, sheet };
  // Phase 4 last: review edits applied above may have made new commitments.
  const negotiation = await reconcileNegotiations({
    negotiations: deps.negotiations,
    negotiationSheet: deps.negotiationSheet,
    rounds: deps.store,
    round: deps.round,
    now: deps.now,
    actor: RECONCILE_ACTOR,
  });
  return { form, sheet, negotiation };
}

/** Phase 1: form responses (Forms API) that never reached DynamoDB, through the bulk ingest path. */
async function ingestMissedResponses(
  deps: ReconcileDeps,
  form: FormResponsesPort,
  round: Promise<RoundSnapshot>,
): Promise<ReconcileReport['form']> {
  const [responses, { proposals: known }] = await Promise.all([form.listResponses(), round]);
  const rows = responses.map((r, i) => {
    const { answers } = answersByTitle(deps.spec, r.answersByTitle);
    if (r.respondentEmail && !answers.email) answers.email = r.respondentEmail;
    return {
      line: i + 1,
      submission: {
        responseId: r.responseId,
        submittedAt: r.lastSubmittedTime,
        source: 'form' as const,
        answers,
      },
    };
  });
  const summary = await ingestMany(deps, rows, { known });
  return {
    responses: responses.length,
    created: summary.created,
    revised: summary.revised,
    unchanged: summary.unchanged,
  };
}

/**
 * Phase 2: review rows whose values differ from DynamoDB are applied as review edits when the row is at the
 * stored version; a row behind it gets the difference in its sync note. Versions are brought up to date.
 */
async function applyMissedEdits(
  deps: ReconcileDeps,
  rows: SheetRow[],
  snapshot: RoundSnapshot,
): Promise<ReconcileReport['sheet']> {
  const report: ReconcileReport['sheet'] = {
    rows: rows.length,
    applied: 0,
    refused: 0,
    behind: 0,
    appended: 0,
    versionsUpdated: 0,
  };
  const proposals = new Map(snapshot.proposals.map((p) => [p.id, p]));
  const writes: CellWrite[] = [];
  const edits: { edit: ReviewEdit; tab: string; rowNumber: number }[] = [];

  for (const row of rows) {
    if (!proposals.has(row.proposalId)) continue;
    const state = snapshot.reviews.get(row.proposalId) ?? initialReviewState(row.proposalId);
    const differing = REVIEW_FIELDS.filter((f) => !same(row.fields[f], fieldValue(state, f)));
    if (differing.length === 0) {
      if (row.version !== state.version) {
        writes.push({ tab: row.tab, rowNumber: row.rowNumber, column: 'version', value: state.version });
        report.versionsUpdated++;
      }
      continue;
    }
    if (row.version === state.version) {
      edits.push({
        tab: row.tab,
        rowNumber: row.rowNumber,
        edit: {
          proposalId: row.proposalId,
          expectedVersion: row.version,
          actor: RECONCILE_ACTOR,
          changes: differing.map((field) => ({
            field,
            from: fieldValue(state, field),
            to: row.fields[field],
          })),
          // The reopen word in the status cell, as onReviewEdit would have sent it.
          ...(row.reopen && differing.includes('status')
            ? { reopen: true, ...(row.note ? { note: row.note } : {}) }
            : {}),
        },
      });
      continue;
    }
    report.behind++;
    writes.push({
      tab: row.tab,
      rowNumber: row.rowNumber,
      column: 'syncNote',
      value: behindNote(state.version, differing, (f) => fieldValue(state, f)),
    });
  }

  if (edits.length) {
    const results = await applyReviewEdits(
      deps,
      edits.map((e) => e.edit),
    );
    results.forEach((result, i) => {
      const { tab, rowNumber } = edits[i] as (typeof edits)[number];
      if (result.ok) {
        report.applied++;
        writes.push({ tab, rowNumber, column: 'version', value: result.version });
        writes.push({
          tab,
          rowNumber,
          column: 'syncNote',
          value: `Tersinkron dari lembar (v${result.version}) / Synced from the sheet (v${result.version})`,
        });
      } else {
        report.refused++;
        writes.push({
          tab,
          rowNumber,
          column: 'syncNote',
          value: bilingual(refusalInSheet(result.message, result.code, result.state?.status)),
        });
      }
    });
  }
  await deps.sheet.writeCells(writes);

  return report;
}

/** Phase 3: proposals with no row in the sheet are appended to their working group's tab. */
async function appendMissingRows(
  deps: ReconcileDeps,
  snapshot: RoundSnapshot,
  seen: Set<string>,
): Promise<number> {
  let appended = 0;
  const missing = new Map<string, (string | number)[][]>();
  for (const p of snapshot.proposals) {
    if (seen.has(p.id)) continue;
    const state = snapshot.reviews.get(p.id) ?? initialReviewState(p.id, { status: p.status });
    const review = Object.fromEntries(REVIEW_FIELDS.map((f) => [f, fieldValue(state, f)]));
    const tab = tabForProposal(deps.round, p.workingGroupId);
    const list = missing.get(tab) ?? [];
    list.push(
      reviewRowCells(
        { ...p, irmCheck: irmCheckText(irmCheck(p, deps.round)) },
        state.version,
        review,
        'Ditambahkan oleh sinkronisasi / Added by reconcile',
      ),
    );
    missing.set(tab, list);
  }
  for (const [tab, list] of missing) {
    await deps.sheet.appendRows(tab, list);
    appended += list.length;
  }
  return appended;
}

function behindNote(version: number, fields: ReviewField[], stored: (f: ReviewField) => unknown): string {
  const list = fields.map((f) => `${f} = ${String(stored(f) ?? '')}`).join('; ');
  return `Berbeda dari data tersimpan (versi ${version}): ${list}. Periksa dan isi ulang / Differs from stored data (version ${version}): ${list}. Check and re-enter.`;
}
