import { describe, expect, it } from '@jest/globals';
import { STATUSES } from '../../../../shared/review/lifecycle';
import {
  applyReview,
  initialReviewState,
  MAX_NOTE_LENGTH,
  type ReviewState,
} from '../../../../shared/review/review';
import { applyReviewEdit, parseReviewEdits, type ReviewEdit } from '../../../../shared/review/review-api';
import {
  columnIndex,
  isReopenCell,
  parseFieldCell,
  parseStatusCell,
  REOPEN_CELL,
  REVIEW_COLUMNS,
  readReviewRow,
  refusalInSheet,
  reopenRequest,
  reviewRowCells,
  STATUS_CHOICES,
  statusCell,
} from '../../../../shared/review/review-sheet';

const NOW = '2026-12-02T01:00:00.000Z';
const REASON = 'Diterima: relevan dengan nilai OGP, tonggak dapat diverifikasi (ilustratif).';
const WHY = 'Data baru dari K/L mengubah masalahnya (ilustratif)';

/** A proposal accepted with a reasoned response, at version 3. */
function accepted(): ReviewState {
  const start = initialReviewState('p_00000000000000b1');
  const inReview = applyReview(start, { expectedVersion: 1, status: 'in_review' }, 'ana', NOW);
  if (!inReview.ok) throw new Error(inReview.message.en);
  const decided = applyReview(
    inReview.state,
    { expectedVersion: 2, status: 'accepted', reasonedResponse: REASON },
    'ana',
    NOW,
  );
  if (!decided.ok) throw new Error(decided.message.en);
  return decided.state;
}

/** The row of that proposal as a reviewer left it: the status cell and the reasoned-response cell typed. */
function row(state: ReviewState, status: string, reason: string): unknown[] {
  const cells = reviewRowCells(
    { id: state.proposalId, title: 'Anggaran terbuka', organisation: 'OMS', submittedAt: NOW, issues: [] },
    state.version,
    { status: state.status, reasonedResponse: state.reasonedResponse },
  );
  cells[columnIndex('status')] = status;
  cells[columnIndex('reasonedResponse')] = reason;
  return cells;
}

/** The edit onReviewEdit sends for a single-cell status change of that row. */
function statusEdit(state: ReviewState, cells: unknown[]): ReviewEdit {
  return {
    proposalId: state.proposalId,
    expectedVersion: state.version,
    actor: 'budi',
    changes: [
      {
        field: 'status',
        from: parseFieldCell('status', statusCell(state.status)),
        to: parseFieldCell('status', cells[columnIndex('status')]),
      },
    ],
    ...reopenRequest(cells),
  };
}

describe('the status vocabulary', () => {
  it('offers every status, then the reopen word, in one list read by the status column', () => {
    expect(STATUS_CHOICES).toEqual([...STATUSES.map(statusCell), 'Dibuka kembali / Reopened']);
    expect(REVIEW_COLUMNS[columnIndex('status')]?.choices).toEqual(STATUS_CHOICES);
  });

  it('reads the reopen word, in either language or as "reopen", as the status a reopen leads to', () => {
    for (const cell of [REOPEN_CELL, 'dibuka kembali', 'Reopened', ' REOPEN ']) {
      expect(isReopenCell(cell)).toBe(true);
      expect(parseStatusCell(cell)).toBe('in_review');
    }
    expect(isReopenCell('Sedang ditinjau / In review')).toBe(false);
    expect(isReopenCell('')).toBe(false);
  });
});

describe('reopening a final decision from the sheet', () => {
  it('reopens with the reasoned-response cell as the note, recorded as a reopen event', () => {
    const state = accepted();
    const cells = row(state, REOPEN_CELL, WHY);
    expect(readReviewRow(cells)).toMatchObject({ reopen: true, note: WHY, fields: { status: 'in_review' } });
    const result = applyReviewEdit(state, statusEdit(state, cells), NOW);
    expect(result).toMatchObject({ ok: true, version: 4, state: { status: 'in_review' } });
    expect(result.ok && result.state.audit.at(-1)).toMatchObject({
      action: 'reopen',
      actor: 'budi',
      note: WHY,
      changes: [{ field: 'status', from: 'accepted', to: 'in_review' }],
    });
  });

  it('survives the API body parser as sent, the note cut to its limit', () => {
    const state = accepted();
    const cells = row(state, REOPEN_CELL, `  ${'x'.repeat(MAX_NOTE_LENGTH + 50)}`);
    const edit = statusEdit(state, cells);
    expect(edit.note).toHaveLength(MAX_NOTE_LENGTH);
    expect(parseReviewEdits(JSON.stringify({ edits: [edit] })).edits[0]).toMatchObject({ reopen: true });
  });

  it('sends no reopen for any other status word, and no note for an empty reason', () => {
    const state = accepted();
    expect(reopenRequest(row(state, 'Ditolak / Rejected', WHY))).toEqual({});
    expect(readReviewRow(row(state, 'Ditolak / Rejected', WHY))).not.toHaveProperty('reopen');
    expect(reopenRequest(row(state, REOPEN_CELL, ''))).toEqual({ reopen: true });
  });

  it('tells, on a refusal to leave a final decision, exactly how to reopen it in the sheet', () => {
    const state = accepted();
    const result = applyReviewEdit(state, statusEdit(state, row(state, 'Ditolak / Rejected', WHY)), NOW);
    if (result.ok) throw new Error('a final decision must not change without a reopen');
    const shown = refusalInSheet(result.message, result.code, result.state?.status);
    expect(shown.id).toMatch(
      /^Status tidak dapat diubah dari Diterima ke Ditolak; .*\. Untuk membuka kembali di lembar ini: tulis alasannya di kolom «Tanggapan beralasan», lalu pilih «Dibuka kembali \/ Reopened» di kolom «Status»$/,
    );
    expect(shown.en).toMatch(
      /^Status cannot change from Accepted to Rejected; .*\. To reopen it in this sheet: write why in the «Reasoned response» column, then choose «Dibuka kembali \/ Reopened» in the «Status» column$/,
    );
  });

  it('adds the steps only to a refusal to leave a final decision', () => {
    const message = { id: 'x', en: 'x' };
    expect(refusalInSheet(message, 'illegal_transition', 'in_review')).toBe(message);
    expect(refusalInSheet(message, 'reason_required', 'accepted')).toBe(message);
    expect(refusalInSheet(message, 'conflict', undefined)).toBe(message);
  });

  it('changes nothing when the decision was reopened already (a retried or concurrent reopen)', () => {
    const state = accepted();
    const cells = row(state, REOPEN_CELL, WHY);
    const first = applyReviewEdit(state, statusEdit(state, cells), NOW);
    if (!first.ok) throw new Error(first.message.en);
    // The same edit again, made against version 3, now that version 4 is stored.
    const again = applyReviewEdit(first.state, statusEdit(state, cells), NOW);
    expect(again).toMatchObject({ ok: true, version: 4, rebased: true });
    expect(again.ok && again.state.audit).toHaveLength(first.state.audit.length);
  });
});
