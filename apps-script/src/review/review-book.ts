// The review tabs as read in one batch: rows are read once per tab (one getValues), system cells are
// changed in memory, and flush() writes each tab back with one setValues per run of adjacent system
// columns, plus one for appended rows. Reviewer cells are never written for existing rows.

import type { RoundConfig } from '../../../shared/definitions/round';
import { safeCell } from '../../../shared/platform/spreadsheet-safe';
import { REVIEW_COLUMNS, type ReviewColumn } from '../../../shared/review/review-sheet';
import type { CellValue, SheetPort, SpreadsheetDoc } from '../ports';
import { columnNumber, FIRST_DATA_ROW, NUM_COLUMNS, reviewTabs, runs } from './review-layout';
import { layoutReviewTab } from './review-spreadsheet';

type Key = ReviewColumn['key'];

/** Every string a script writes goes through safeCell: a value that reads like a formula stays text. */
export function safeRow(row: readonly CellValue[]): CellValue[] {
  return row.map((v) => (typeof v === 'string' ? safeCell(v) : v));
}

/** A window of rows of one review tab, as read, with pending changes. */
export class TabRows {
  private readonly changedRows = new Set<number>();
  private readonly changedColumns = new Set<number>();
  private readonly appended: CellValue[][] = [];
  private readonly removed = new Set<number>();

  constructor(
    readonly sheet: SheetPort,
    /** Sheet row of rows[0]. */
    readonly firstRow: number,
    readonly rows: CellValue[][],
  ) {}

  /** Reads rows firstRow..lastRow of the tab (all data rows by default) in one getValues. */
  static load(sheet: SheetPort, firstRow = FIRST_DATA_ROW, lastRow = sheet.lastRow()): TabRows {
    const numRows = lastRow - firstRow + 1;
    const rows =
      numRows > 0 ? sheet.read({ row: firstRow, column: 1, numRows, numColumns: NUM_COLUMNS }) : [];
    return new TabRows(
      sheet,
      firstRow,
      rows.map((r) => [...r]),
    );
  }

  get(index: number, key: Key): CellValue | undefined {
    return this.rows[index]?.[columnNumber(key) - 1];
  }

  proposalId(index: number): string {
    return String(this.get(index, 'proposalId') ?? '').trim();
  }

  /** Changes a system cell of an existing row. */
  set(index: number, key: Key, value: CellValue): void {
    const column = columnNumber(key);
    if (!REVIEW_COLUMNS[column - 1]?.system) throw new Error(`TabRows.set: ${key} is a reviewer column`);
    const row = this.rows[index];
    if (!row) throw new Error(`TabRows.set: no row ${index}`);
    row[column - 1] = value;
    this.changedRows.add(index);
    this.changedColumns.add(column);
  }

  append(row: readonly CellValue[]): void {
    this.appended.push([...row]);
  }

  remove(index: number): void {
    this.removed.add(index);
  }

  sheetRow(index: number): number {
    return this.firstRow + index;
  }

  /** Writes the changes: changed system columns over the changed rows' span, appends, then deletions. */
  flush(): void {
    if (this.changedRows.size) {
      const indexes = [...this.changedRows].sort((a, b) => a - b);
      const first = indexes[0] as number;
      const last = indexes[indexes.length - 1] as number;
      for (const [a, b] of runs([...this.changedColumns])) {
        const block = this.rows.slice(first, last + 1).map((r) => safeRow(r.slice(a - 1, b)));
        this.sheet.write(this.sheetRow(first), a, block);
      }
    }
    if (this.appended.length) {
      const at = this.firstRow + this.rows.length;
      // New rows at the end are outside what setup laid out: cover them before writing into them.
      if (this.sheet.ensureRows(at + this.appended.length - 1)) layoutReviewTab(this.sheet);
      this.sheet.write(at, 1, this.appended.map(safeRow));
    }
    // Bottom up, so earlier deletions do not shift the rows still to delete.
    for (const index of [...this.removed].sort((a, b) => b - a)) this.sheet.deleteRow(this.sheetRow(index));
    this.changedRows.clear();
    this.changedColumns.clear();
    this.appended.length = 0;
    this.removed.clear();
  }
}

/** Every review tab of the spreadsheet, read once; missing tabs are created and laid out. */
export class ReviewBook {
  private constructor(readonly tabs: Map<string, TabRows>) {}

  static load(doc: SpreadsheetDoc, round: RoundConfig): ReviewBook {
    const tabs = new Map<string, TabRows>();
    reviewTabs(round).forEach((tab, i) => {
      let sheet = doc.sheet(tab.name);
      if (!sheet) {
        sheet = doc.insertSheet(tab.name, i + 1);
        layoutReviewTab(sheet);
      }
      tabs.set(tab.name, TabRows.load(sheet));
    });
    return new ReviewBook(tabs);
  }

  /**
   * Only the tabs one proposal's row can be in or go to: its target tab, and any tab where its id is
   * found (one search of the whole spreadsheet). The target tab is read only when it holds the id:
   * otherwise a new row is appended after its last row, as load() would. The same result as load() for
   * that proposal, in a number of calls that does not grow with the rows or tabs of the spreadsheet.
   */
  static loadFor(doc: SpreadsheetDoc, round: RoundConfig, proposalId: string, target: string): ReviewBook {
    const holding = new Set(doc.tabsContaining(proposalId));
    const tabs = new Map<string, TabRows>();
    reviewTabs(round).forEach((tab, i) => {
      if (tab.name !== target && !holding.has(tab.name)) return;
      let sheet = doc.sheet(tab.name);
      if (!sheet) {
        sheet = doc.insertSheet(tab.name, i + 1);
        layoutReviewTab(sheet);
      }
      tabs.set(
        tab.name,
        holding.has(tab.name)
          ? TabRows.load(sheet)
          : new TabRows(sheet, Math.max(FIRST_DATA_ROW, sheet.lastRow() + 1), []),
      );
    });
    return new ReviewBook(tabs);
  }

  /** A book of just these rows of one tab (for an edit, which only touches its own rows). */
  static window(rows: TabRows): ReviewBook {
    return new ReviewBook(new Map([[rows.sheet.name, rows]]));
  }

  tab(name: string): TabRows {
    const tab = this.tabs.get(name);
    if (!tab) throw new Error(`ReviewBook: no tab ${name}`);
    return tab;
  }

  /** proposalId -> location, for many lookups in one pass. */
  index(): Map<string, { tab: TabRows; index: number }> {
    const map = new Map<string, { tab: TabRows; index: number }>();
    for (const tab of this.tabs.values()) {
      tab.rows.forEach((_, index) => {
        const id = tab.proposalId(index);
        if (id && !map.has(id)) map.set(id, { tab, index });
      });
    }
    return map;
  }

  flush(): void {
    for (const tab of this.tabs.values()) tab.flush();
  }
}
