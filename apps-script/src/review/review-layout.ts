// The review spreadsheet's layout, derived from the round and shared/review/review-sheet.ts: which tabs exist, how
// each column is validated, protected and formatted, and what the dashboard counts. Pure data: setup
// applies it through the SpreadsheetsPort, tests read it directly.

import type { RoundConfig } from '../../../shared/definitions/round';
import { columnLetter, sheetRef } from '../../../shared/platform/a1-notation';
import { bilingual, type Text } from '../../../shared/platform/i18n';
import { type ReviewStatus, STATUSES } from '../../../shared/review/lifecycle';
import {
  columnIndex,
  REOPEN_CELL,
  REVIEW_COLUMNS,
  reopenSteps,
  STATUS_CHOICES,
  statusCell,
  tabName,
  UNASSIGNED_TAB,
} from '../../../shared/review/review-sheet';
import type { CellBlock, ChartSpec, ColumnValidation, ProtectedBlock, TextFormatRule } from '../ports';

/** Data rows start below the header. */
export const FIRST_DATA_ROW = 2;
export const NUM_COLUMNS = REVIEW_COLUMNS.length;
/** Tags the protections setup owns, so a re-run replaces them instead of stacking new ones. */
export const PROTECTION_DESCRIPTION = 'ogp-cocreate: kolom sistem / system columns';
/** Proposal ids as the API makes them (shared/ingest/proposal.ts proposalId). */
export const PROPOSAL_ID_PATTERN = '^p_[0-9a-f]{16}$';

export interface ReviewTab {
  name: string;
  /** What the dashboard calls it. */
  label: Text;
}

/** One tab per working group, in config order, then the tab for proposals without a known group. */
export function reviewTabs(round: RoundConfig): ReviewTab[] {
  return [
    ...round.workingGroups.map((g) => ({ name: tabName(g), label: g.name })),
    { name: UNASSIGNED_TAB, label: { id: UNASSIGNED_TAB, en: 'No working group' } },
  ];
}

export function isReviewTab(round: RoundConfig, name: string): boolean {
  return reviewTabs(round).some((t) => t.name === name);
}

/** 1-based column number of a REVIEW_COLUMNS key. */
export function columnNumber(key: (typeof REVIEW_COLUMNS)[number]['key']): number {
  return columnIndex(key) + 1;
}

/** The columns only the system writes (1-based). */
export function systemColumns(): number[] {
  return REVIEW_COLUMNS.flatMap((c, i) => (c.system ? [i + 1] : []));
}

/** Runs of adjacent numbers: [1,2,3,6,8,9] -> [[1,3],[6,6],[8,9]] (first, last). */
export function runs(numbers: readonly number[]): [number, number][] {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

/**
 * Columns that hold text, formatted as plain text so neither a script's setValues nor a reviewer's typing
 * turns "007" into 7, "TRUE" into a boolean or "2022-08-01 09:30" into a date. The version and the scores
 * stay numbers: the sheet validates and counts them as numbers.
 */
export function textColumns(): number[] {
  return REVIEW_COLUMNS.flatMap((c, i) => (c.key === 'version' || c.range ? [] : [i + 1]));
}

/** The header row and every system column: reviewers are warned before changing them. */
export function protectedBlocks(): ProtectedBlock[] {
  return [
    { row: 1, column: 1, numRows: 1, numColumns: NUM_COLUMNS },
    ...runs(systemColumns()).map(([a, b]) => ({ row: FIRST_DATA_ROW, column: a, numColumns: b - a + 1 })),
  ];
}

/**
 * Data validation per review column. Formulas use the first data row's cell, which Sheets shifts for
 * every other row (developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#requireFormulaSatisfied(String)).
 */
export function columnValidations(): ColumnValidation[] {
  const rules: ColumnValidation[] = [];
  REVIEW_COLUMNS.forEach((c, i) => {
    const column = i + 1;
    const cell = `${columnLetter(column)}${FIRST_DATA_ROW}`;
    if (c.choices) {
      rules.push({
        column,
        rule: { kind: 'list', values: [...c.choices] },
        // The dropdown's help is where a reviewer first meets the reopen word.
        helpText: bilingual({
          id: `Pilih salah satu status dari daftar. Membuka kembali keputusan akhir: ${reopenSteps().id}`,
          en: `Choose a status from the list. To reopen a final decision: ${reopenSteps().en}`,
        }),
      });
    } else if (c.range) {
      const [min, max] = c.range;
      rules.push({
        column,
        rule: {
          kind: 'formula',
          formula: `=OR(ISBLANK(${cell}),AND(ISNUMBER(${cell}),${cell}=INT(${cell}),${cell}>=${min},${cell}<=${max}))`,
        },
        helpText: bilingual({
          id: `Isi bilangan bulat ${min} sampai ${max}, atau kosongkan`,
          en: `Enter a whole number from ${min} to ${max}, or leave empty`,
        }),
      });
    } else if (c.key === 'mergeTarget') {
      rules.push({
        column,
        rule: {
          kind: 'formula',
          formula: `=OR(ISBLANK(${cell}),REGEXMATCH(${cell},"${PROPOSAL_ID_PATTERN}"))`,
        },
        helpText: bilingual({
          id: 'Isi ID usulan tujuan (p_ diikuti 16 karakter heksadesimal), atau kosongkan',
          en: 'Enter the target proposal ID (p_ followed by 16 hex characters), or leave empty',
        }),
      });
    }
  });
  return rules;
}

/**
 * Status formats. The cell text is always the label; style adds a second cue that does not depend on
 * colour: bold for adoptions, strike-through for proposals that leave the plan, italic while work is open.
 */
export const STATUS_STYLES: Readonly<Record<ReviewStatus, Omit<TextFormatRule, 'text'>>> = {
  submitted: {},
  in_review: { italic: true, background: '#fff2cc' },
  needs_revision: { italic: true, background: '#fce5cd' },
  accepted: { bold: true, background: '#d9ead3' },
  merged: { bold: true, italic: true, background: '#cfe2f3' },
  rejected: { bold: true, strikethrough: true, background: '#f4cccc' },
  withdrawn: { strikethrough: true, fontColor: '#666666', background: '#eeeeee' },
};

export function statusFormats(): TextFormatRule[] {
  return [
    ...STATUSES.filter((s) => Object.keys(STATUS_STYLES[s]).length > 0).map((s) => ({
      text: statusCell(s),
      ...STATUS_STYLES[s],
    })),
    // A reopened row is in review again: italic as open work, a deeper shade than a first review.
    { text: REOPEN_CELL, italic: true, background: '#ffe599' },
  ];
}

export interface DashboardLayout {
  /** Title, explanation, blank row and header row (A1 onwards). */
  top: string[][];
  /** Row labels under the header, one per review tab then the total row (column A). */
  labels: string[][];
  /** Counts: one row per review tab then totals (column B onwards). */
  formulas: string[][];
  firstTableRow: number;
  /** Everything setup may have written, cleared first so a shrinking config leaves nothing behind. */
  area: CellBlock;
  chart: ChartSpec;
}

const DASHBOARD_HEADER_ROW = 4;

/** The working group x status table (COUNTIF over each tab's status column) and its chart. */
export function dashboardLayout(round: RoundConfig): DashboardLayout {
  const tabs = reviewTabs(round);
  const status = columnLetter(columnNumber('status'));
  const id = columnLetter(columnNumber('proposalId'));
  const first = FIRST_DATA_ROW;
  const header = [
    bilingual({ id: 'Kelompok kerja', en: 'Working group' }),
    ...STATUS_CHOICES,
    bilingual({ id: 'Jumlah', en: 'Total' }),
  ];
  const width = header.length;
  const pad = (cells: string[]) => [...cells, ...Array<string>(width - cells.length).fill('')];
  const top = [
    pad([bilingual({ id: 'Dasbor usulan komitmen', en: 'Commitment proposal dashboard' })]),
    pad([
      bilingual({
        id: 'Dihitung otomatis dari tab kelompok kerja; jangan diedit',
        en: 'Counted automatically from the working-group tabs; do not edit',
      }),
    ]),
    pad([]),
    header,
  ];
  const firstTableRow = DASHBOARD_HEADER_ROW + 1;
  const lastGroupRow = firstTableRow + tabs.length - 1;
  const formulas = tabs.map((t) => {
    const ref = sheetRef(t.name);
    return [
      ...STATUS_CHOICES.map((c) => `=COUNTIF(${ref}!$${status}$${first}:$${status},"${c}")`),
      `=COUNTA(${ref}!$${id}$${first}:$${id})`,
    ];
  });
  const sums = Array.from({ length: width - 1 }, (_, i) => {
    const col = columnLetter(i + 2);
    return `=SUM(${col}${firstTableRow}:${col}${lastGroupRow})`;
  });
  const labels = [
    ...tabs.map((t) => [bilingual(t.label)]),
    [bilingual({ id: 'Semua kelompok', en: 'All groups' })],
  ];
  return {
    top,
    labels,
    formulas: [...formulas, sums],
    firstTableRow,
    area: { row: 1, column: 1, numRows: lastGroupRow + 1, numColumns: width },
    chart: {
      type: 'BAR',
      // The header and the group rows, without the total column and row: one stacked bar per group.
      range: { row: DASHBOARD_HEADER_ROW, column: 1, numRows: tabs.length + 1, numColumns: width - 1 },
      anchor: { row: lastGroupRow + 3, column: 1 },
      options: {
        title: bilingual({
          id: 'Usulan per kelompok kerja dan status',
          en: 'Proposals by working group and status',
        }),
        isStacked: true,
        legend: 'right',
      },
    },
  };
}
