// The review spreadsheet (review tabs and the negotiation tab) as reconcile reads and writes it (adapter: lambdas/adapters/google/google-sheets.ts, the Sheets API).
import type { NegotiationColumnKey } from '../../shared/negotiation/google/negotiation-sheet';
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

/** A row of the negotiation tab (same spreadsheet): its cells in NEGOTIATION_COLUMNS order. */
export interface NegotiationSheetRow {
  /** 1-based sheet row number. */
  rowNumber: number;
  cells: (string | number | boolean)[];
}

export interface NegotiationCellWrite {
  rowNumber: number;
  column: NegotiationColumnKey;
  value: string | number;
}

export interface NegotiationSheetPort {
  /** Every row under the header in one read; null when the tab does not exist (setup not run again yet). */
  readNegotiationRows(): Promise<NegotiationSheetRow[] | null>;
  /** Writes cells (one API call for all). Text goes through safeCell: never stored as a formula. */
  writeNegotiationCells(writes: NegotiationCellWrite[]): Promise<void>;
}
