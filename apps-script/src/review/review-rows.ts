// Routing proposals into the review spreadsheet: each proposal has one row, in the tab of its working group
// (or the tab for proposals without one), found by proposal id. A new proposal is appended; an edited one
// gets its system cells rewritten and keeps every reviewer cell; one whose group changed moves with them.

import type { RoundConfig } from '../../../shared/definitions/round';
import { bilingual, type Text } from '../../../shared/platform/i18n';
import {
  columnIndex,
  REVIEW_COLUMNS,
  type ReviewColumn,
  type RowSource,
  reviewRowCells,
  tabForProposal,
} from '../../../shared/review/review-sheet';
import type { CellValue } from '../ports';
import type { ReviewBook } from './review-book';

export interface ProposalRowUpdate {
  source: RowSource;
  workingGroupId: string;
  /** Shown in the sync note column. */
  note: Text;
}

/** The cells a (re)submission owns; the id, the version and every reviewer cell are left alone. */
const RESUBMITTED: readonly ReviewColumn['key'][] = [
  'title',
  'organisation',
  'submittedAt',
  'validity',
  'syncNote',
  'irmCheck',
];

export interface RowsSummary {
  appended: number;
  updated: number;
  moved: number;
}

/** Applies the updates to the book (in memory); the caller flushes it, one batch per tab. */
export function upsertProposalRows(
  book: ReviewBook,
  round: RoundConfig,
  updates: readonly ProposalRowUpdate[],
): RowsSummary {
  const summary: RowsSummary = { appended: 0, updated: 0, moved: 0 };
  const latest = new Map(updates.map((u) => [u.source.id, u]));
  const where = book.index();
  for (const u of latest.values()) {
    const target = book.tab(tabForProposal(round, u.workingGroupId));
    const note = bilingual(u.note);
    const found = where.get(u.source.id);
    if (!found) {
      target.append(reviewRowCells(u.source, 1, { status: 'submitted' }, note));
      summary.appended++;
      continue;
    }
    const fresh = reviewRowCells(u.source, 0, {}, note);
    if (found.tab === target) {
      for (const key of RESUBMITTED) found.tab.set(found.index, key, fresh[columnIndex(key)] as CellValue);
      summary.updated++;
    } else {
      // Keep the reviewers' work: the row moves whole, with its version and review cells.
      const row = found.tab.rows[found.index] ?? [];
      found.tab.remove(found.index);
      target.append(
        REVIEW_COLUMNS.map((c, i) =>
          RESUBMITTED.includes(c.key) ? (fresh[i] as CellValue) : (row[i] ?? ''),
        ),
      );
      summary.moved++;
    }
  }
  return summary;
}
