// The review spreadsheet through the Sheets API v4: one batchGet for every working-group tab (and one for
// the negotiation tab), one batchUpdate for every write. Layouts from shared/review/review-sheet.ts and
// shared/negotiation/google/negotiation-sheet.ts.
import { sheets, type sheets_v4 } from '@googleapis/sheets';
import {
  NEGOTIATION_COLUMNS,
  NEGOTIATION_TAB,
  negotiationColumnIndex,
} from '../../../shared/negotiation/google/negotiation-sheet';
import { columnLetter, sheetRef } from '../../../shared/platform/a1-notation';
import { safeCell } from '../../../shared/platform/spreadsheet-safe';
import { columnIndex, REVIEW_COLUMNS, readReviewRow } from '../../../shared/review/review-sheet';
import type {
  CellWrite,
  NegotiationCellWrite,
  NegotiationSheetPort,
  NegotiationSheetRow,
  ReviewSheetPort,
  SheetRow,
} from '../../ports/review-sheet';
import { type GoogleApiOptions, googleClientOptions } from './google-auth';

export type { CellWrite, NegotiationSheetPort, ReviewSheetPort, SheetRow };

const lastColumn = columnLetter(REVIEW_COLUMNS.length);
const quoteTab = sheetRef;
const keyLetter = (key: CellWrite['column']) => columnLetter(columnIndex(key) + 1);
const negotiationLast = columnLetter(NEGOTIATION_COLUMNS.length);
const negotiationLetter = (key: NegotiationCellWrite['column']) =>
  columnLetter(negotiationColumnIndex(key) + 1);
// RAW: "the values the user has entered will not be parsed and will be stored as-is"
// (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption), so "007", "TRUE" and
// "2022-08-01 09:30" stay strings; USER_ENTERED would read them as a number, a boolean and a date.
const RAW = 'RAW';
const cellOf = (v: string | number) => (typeof v === 'string' ? safeCell(v) : v);

/** Sheets answers a range on a tab that does not exist with 400 "Unable to parse range: <range>". */
function isMissingTab(e: unknown): boolean {
  const err = e as { status?: unknown; response?: { status?: unknown }; message?: unknown };
  const status = Number(err?.status ?? err?.response?.status);
  return status === 400 && /Unable to parse range/i.test(String(err?.message ?? ''));
}

export class GoogleReviewSheet implements ReviewSheetPort, NegotiationSheetPort {
  private readonly api: sheets_v4.Sheets;

  constructor(
    private readonly spreadsheetId: string,
    options: GoogleApiOptions,
  ) {
    this.api = sheets({ version: 'v4', ...googleClientOptions(options) });
  }

  async readRows(tabs: string[]): Promise<SheetRow[]> {
    if (tabs.length === 0) return [];
    const res = await this.api.spreadsheets.values.batchGet({
      spreadsheetId: this.spreadsheetId,
      ranges: tabs.map((t) => `${quoteTab(t)}!A2:${lastColumn}`),
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    const rows: SheetRow[] = [];
    (res.data.valueRanges ?? []).forEach((range, i) => {
      const tab = tabs[i] as string;
      (range.values ?? []).forEach((cells, j) => {
        const row = readReviewRow(cells);
        if (row) rows.push({ ...row, tab, rowNumber: j + 2 });
      });
    });
    return rows;
  }

  async writeCells(writes: CellWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await this.api.spreadsheets.values.batchUpdate({
      spreadsheetId: this.spreadsheetId,
      requestBody: {
        // RAW: "the values the user has entered will not be parsed and will be stored as-is"
        // (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption), so "007", "TRUE" and
        // "2022-08-01 09:30" stay strings; USER_ENTERED would read them as a number, a boolean and a date.
        valueInputOption: 'RAW',
        data: writes.map((w) => ({
          range: `${quoteTab(w.tab)}!${keyLetter(w.column)}${w.rowNumber}`,
          values: [[typeof w.value === 'string' ? safeCell(w.value) : w.value]],
        })),
      },
    });
  }

  async appendRows(tab: string, rows: (string | number)[][]): Promise<void> {
    if (rows.length === 0) return;
    await this.api.spreadsheets.values.append({
      spreadsheetId: this.spreadsheetId,
      range: `${quoteTab(tab)}!A1:${lastColumn}1`,
      // RAW: "the values the user has entered will not be parsed and will be stored as-is"
      // (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption), so "007", "TRUE" and
      // "2022-08-01 09:30" stay strings; USER_ENTERED would read them as a number, a boolean and a date.
      valueInputOption: 'RAW',
      insertDataOption: 'INSERT_ROWS',
      requestBody: { values: rows.map((r) => r.map((v) => (typeof v === 'string' ? safeCell(v) : v))) },
    });
  }

  async readNegotiationRows(): Promise<NegotiationSheetRow[] | null> {
    try {
      const res = await this.api.spreadsheets.values.batchGet({
        spreadsheetId: this.spreadsheetId,
        ranges: [`${quoteTab(NEGOTIATION_TAB)}!A2:${negotiationLast}`],
        valueRenderOption: 'UNFORMATTED_VALUE',
      });
      const values = (res.data.valueRanges?.[0]?.values ?? []) as NegotiationSheetRow['cells'][];
      return values.map((cells, j) => ({ rowNumber: j + 2, cells }));
    } catch (e) {
      if (isMissingTab(e)) return null;
      throw e;
    }
  }

  async writeNegotiationCells(writes: NegotiationCellWrite[]): Promise<void> {
    if (writes.length === 0) return;
    await this.api.spreadsheets.values.batchUpdate({
      spreadsheetId: this.spreadsheetId,
      requestBody: {
        valueInputOption: RAW,
        data: writes.map((w) => ({
          range: `${quoteTab(NEGOTIATION_TAB)}!${negotiationLetter(w.column)}${w.rowNumber}`,
          values: [[cellOf(w.value)]],
        })),
      },
    });
  }
}
