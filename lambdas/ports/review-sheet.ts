// The review spreadsheet as reconcile reads and writes it (adapter: lambdas/adapters/google/google-sheets.ts, the Sheets API).
import type { REVIEW_COLUMNS, SheetReviewRow } from '../../shared/review/review-sheet';

export interface SheetRow extends SheetReviewRow {
  tab: string;
  /** 1-based sheet row number. */
  rowNumber: number;
}

export interface CellWrite {
  tab: string;
  rowNumber: number;
  column: (typeof REVIEW_COLUMNS)[number]['key'];
  value: string | number;
}

export interface ReviewSheetPort {
  readRows(tabs: string[]): Promise<SheetRow[]>;
  /** Writes cells (one API call for all). Text goes through safeCell: never stored as a formula. */
  writeCells(writes: CellWrite[]): Promise<void>;
  /** Appends rows (cells in REVIEW_COLUMNS order) to the end of each tab. */
  appendRows(tab: string, rows: (string | number)[][]): Promise<void>;
}
