// Creates or updates the review spreadsheet: a dashboard, one tab per working group (plus one for proposals
// without a group), each with its header, frozen header row, widths, data validation, warning-only
// protection of system columns and status formats. Re-running updates in place and never duplicates.
// Why warning-only protection: a full protection needs an editor list per range, kept in step with every
// working group's membership (often shared CSO accounts); the script itself could still write, but one
// missing editor would lock a reviewer out. A warning stops accidents; onReviewEdit ignores system columns
// anyway, and a resubmission rewrites them.

import type { RoundConfig } from '../../../shared/definitions/round';
import { bilingual, type Text } from '../../../shared/platform/i18n';
import { DASHBOARD_TAB, headerRow, REVIEW_COLUMNS } from '../../../shared/review/review-sheet';
import { PROP } from '../config';
import type { Log, PropertyStore, SheetPort, SpreadsheetDoc, SpreadsheetsPort } from '../ports';
import {
  columnNumber,
  columnValidations,
  dashboardLayout,
  FIRST_DATA_ROW,
  NUM_COLUMNS,
  PROTECTION_DESCRIPTION,
  protectedBlocks,
  reviewTabs,
  statusFormats,
  textColumns,
} from './review-layout';

export interface ReviewSpreadsheetDeps {
  sheets: SpreadsheetsPort;
  props: PropertyStore;
  log: Log;
}

export type ReviewSpreadsheetResult =
  | { ok: true; doc: SpreadsheetDoc; created: boolean; tabsAdded: string[] }
  | { ok: false; problem: Text };

export function spreadsheetTitle(round: RoundConfig): string {
  return bilingual({ id: `Tinjauan usulan — ${round.name.id}`, en: `Proposal review — ${round.name.en}` });
}

/** Opens the spreadsheet named by COCREATE_SPREADSHEET_ID, or null when none is configured yet. */
export function openReviewSpreadsheet(
  deps: Pick<ReviewSpreadsheetDeps, 'sheets' | 'props'>,
): SpreadsheetDoc | null {
  const id = (deps.props.get(PROP.spreadsheetId) ?? '').trim();
  return id ? deps.sheets.open(id) : null;
}

/**
 * Opens the configured review spreadsheet (or creates one and remembers its id) and lays it out for the
 * round. A configured id that cannot be opened is reported, never silently replaced: reviewers would
 * lose their work and their links.
 */
export function ensureReviewSpreadsheet(
  deps: ReviewSpreadsheetDeps,
  round: RoundConfig,
): ReviewSpreadsheetResult {
  const id = (deps.props.get(PROP.spreadsheetId) ?? '').trim();
  let doc: SpreadsheetDoc;
  let created = false;
  if (id) {
    try {
      doc = deps.sheets.open(id);
    } catch (e) {
      const why = String((e as Error)?.message ?? e);
      return {
        ok: false,
        problem: {
          id: `Spreadsheet tinjauan ${id} tidak dapat dibuka (${why}); perbaiki atau hapus ${PROP.spreadsheetId}`,
          en: `Review spreadsheet ${id} cannot be opened (${why}); fix or delete ${PROP.spreadsheetId}`,
        },
      };
    }
  } else {
    doc = deps.sheets.create(spreadsheetTitle(round), DASHBOARD_TAB);
    deps.props.set(PROP.spreadsheetId, doc.id);
    created = true;
  }
  const tabsAdded: string[] = [];
  const dashboard = doc.sheet(DASHBOARD_TAB) ?? doc.insertSheet(DASHBOARD_TAB, 0);
  reviewTabs(round).forEach((tab, i) => {
    let sheet = doc.sheet(tab.name);
    if (!sheet) {
      sheet = doc.insertSheet(tab.name, i + 1);
      tabsAdded.push(tab.name);
    }
    layoutReviewTab(sheet);
  });
  layoutDashboard(dashboard, round);
  deps.log.info(`review spreadsheet ${created ? 'created' : 'updated'}: ${doc.url}`, { tabsAdded });
  return { ok: true, doc, created, tabsAdded };
}

/** Header, frozen header row, widths, validation, protection and status formats of one review tab. */
export function layoutReviewTab(sheet: SheetPort): void {
  sheet.write(1, 1, [headerRow()]);
  sheet.styleHeader({ row: 1, column: 1, numRows: 1, numColumns: NUM_COLUMNS });
  sheet.freezeRows(1);
  sheet.setColumnWidths(REVIEW_COLUMNS.map((c) => c.width));
  sheet.setTextColumns(textColumns(), FIRST_DATA_ROW);
  sheet.setValidations(columnValidations(), FIRST_DATA_ROW);
  sheet.protect(protectedBlocks(), PROTECTION_DESCRIPTION);
  sheet.setTextFormats(columnNumber('status'), FIRST_DATA_ROW, statusFormats());
}

/** The working group x status table and its chart; everything it wrote before is cleared first. */
export function layoutDashboard(sheet: SheetPort, round: RoundConfig): void {
  const layout = dashboardLayout(round);
  sheet.clear({ ...layout.area, numRows: layout.area.numRows + 20 });
  sheet.write(1, 1, layout.top);
  sheet.write(layout.firstTableRow, 1, layout.labels);
  sheet.writeFormulas(layout.firstTableRow, 2, layout.formulas);
  sheet.styleHeader({ row: layout.top.length, column: 1, numRows: 1, numColumns: layout.area.numColumns });
  sheet.setColumnWidths([260, ...Array<number>(layout.area.numColumns - 1).fill(120)]);
  sheet.replaceChart(layout.chart);
}
