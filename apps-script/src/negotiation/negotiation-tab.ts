// The negotiation tab of the review spreadsheet: its layout (header, dropdowns, warning-only protection of
// system columns) and its rows, rewritten from the server's state of every commitment (the pull that
// catches what a push missed). Every agency row carries its pre-filled response-form link; no focal point.

import { fillFormLink } from '../../../shared/negotiation/google/form-link';
import {
  NEGOTIATION_COLUMNS,
  NEGOTIATION_TAB,
  negotiationColumnIndex,
  negotiationHeaderRow,
  negotiationRows,
} from '../../../shared/negotiation/google/negotiation-sheet';
import type { NegotiationState } from '../../../shared/negotiation/negotiation';
import { bilingual } from '../../../shared/platform/i18n';
import type { CellValue, ColumnValidation, ProtectedBlock, SheetPort, SpreadsheetDoc } from '../ports';
import { safeRow } from '../review/review-book';
import { runs } from '../review/review-layout';

export const NEGOTIATION_FIRST_ROW = 2;
export const NEGOTIATION_PROTECTION = 'ogp-cocreate: kolom sistem negosiasi / negotiation system columns';
/** Script Property: the agency form's pre-filled link template (setup writes it). */
export const AGENCY_FORM_LINK_PROP = 'COCREATE_AGENCY_FORM_LINK';
const WIDTH = NEGOTIATION_COLUMNS.length;

/** The tab (created at the end when missing), laid out; safe to run again. */
export function ensureNegotiationTab(doc: SpreadsheetDoc, index: number): SheetPort {
  const sheet = doc.sheet(NEGOTIATION_TAB) ?? doc.insertSheet(NEGOTIATION_TAB, index);
  sheet.write(1, 1, [negotiationHeaderRow()]);
  sheet.styleHeader({ row: 1, column: 1, numRows: 1, numColumns: WIDTH });
  sheet.freezeRows(1);
  sheet.setColumnWidths(NEGOTIATION_COLUMNS.map((c) => c.width));
  const validations: ColumnValidation[] = NEGOTIATION_COLUMNS.flatMap((c, i) =>
    c.choices
      ? [
          {
            column: i + 1,
            rule: { kind: 'list' as const, values: [...c.choices] },
            helpText: bilingual({ id: 'Pilih dari daftar', en: 'Choose from the list' }),
          },
        ]
      : [],
  );
  sheet.setValidations(validations, NEGOTIATION_FIRST_ROW);
  const system = NEGOTIATION_COLUMNS.flatMap((c, i) => (c.system ? [i + 1] : []));
  const blocks: ProtectedBlock[] = [
    { row: 1, column: 1, numRows: 1, numColumns: WIDTH },
    ...runs(system).map(([a, b]) => ({ row: NEGOTIATION_FIRST_ROW, column: a, numColumns: b - a + 1 })),
  ];
  sheet.protect(blocks, NEGOTIATION_PROTECTION);
  return sheet;
}

export const rowKey = (cells: readonly CellValue[]) =>
  `${String(cells[negotiationColumnIndex('commitmentId')] ?? '')}|${String(cells[negotiationColumnIndex('agency')] ?? '').toLowerCase()}`;

/**
 * Rewrites the tab's rows from the server's states (one getValues, one setValues, one clear of leftover
 * rows). A row's sync note is kept, so a refusal stays visible until the next edit.
 */
export function writeNegotiationRows(
  sheet: SheetPort,
  states: readonly NegotiationState[],
  linkTemplate: string,
  /** Fresh sync notes by `commitmentId|agency` (lowercase), or `commitmentId|*` for all its rows. */
  fresh: ReadonlyMap<string, string> = new Map(),
): number {
  const last = sheet.lastRow();
  const old =
    last >= NEGOTIATION_FIRST_ROW
      ? sheet.read({ row: NEGOTIATION_FIRST_ROW, column: 1, numRows: last - 1, numColumns: WIDTH })
      : [];
  const notes = new Map(old.map((r) => [rowKey(r), String(r[negotiationColumnIndex('syncNote')] ?? '')]));
  const link = (c: string, a: string) => (linkTemplate ? fillFormLink(linkTemplate, c, a) : '');
  const rows: CellValue[][] = states
    .flatMap((s) => negotiationRows(s, link))
    .map((r) => {
      const key = rowKey(r);
      const note = fresh.get(key) ?? fresh.get(`${key.split('|')[0]}|*`) ?? notes.get(key);
      if (note) r[negotiationColumnIndex('syncNote')] = note;
      return safeRow(r);
    });
  if (rows.length) sheet.write(NEGOTIATION_FIRST_ROW, 1, rows);
  if (old.length > rows.length)
    sheet.clear({
      row: NEGOTIATION_FIRST_ROW + rows.length,
      column: 1,
      numRows: old.length - rows.length,
      numColumns: WIDTH,
    });
  return rows.length;
}
