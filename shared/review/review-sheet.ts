// The review spreadsheet: one tab per working group, its columns defined once here and read by the Apps
// Script setup and edit trigger (SpreadsheetApp) and by the reconcile Lambda (Sheets API).

import type { RoundConfig, WorkingGroup } from '../definitions/round';
import type { Text } from '../platform/i18n';
import { isFormulaLike } from '../platform/spreadsheet-safe';
import { REOPEN_LABEL, type ReviewStatus, STATUS_LABELS, STATUSES } from './lifecycle';
import { type FieldValue, isFinal, MAX_NOTE_LENGTH, REOPEN_TO, type ScoreKey } from './review';

/** Review fields a reviewer may edit (scores as `scores.<key>`). */
export type ReviewField = 'reviewer' | 'status' | `scores.${ScoreKey}` | 'reasonedResponse' | 'mergeTarget';

export interface ReviewColumn {
  key:
    | 'proposalId'
    | 'version'
    | 'title'
    | 'organisation'
    | 'submittedAt'
    | 'validity'
    | 'syncNote'
    | 'irmCheck'
    | ReviewField;
  header: Text;
  /** Written by the system only: protected in the sheet, never read back as a review edit. */
  system: boolean;
  /** Data validation: a dropdown of these values. */
  choices?: string[];
  /** Data validation: a whole number in this range. */
  range?: [number, number];
  width?: number;
}

export const statusCell = (s: ReviewStatus) => `${STATUS_LABELS[s].id} / ${STATUS_LABELS[s].en}`;
/** The status cell's reopen word (REOPEN_LABEL), as the dropdown offers it. */
export const REOPEN_CELL = `${REOPEN_LABEL.id} / ${REOPEN_LABEL.en}`;
/** The status dropdown: every status, then the reopen word. The dashboard counts each of them. */
export const STATUS_CHOICES: readonly string[] = [...STATUSES.map(statusCell), REOPEN_CELL];

export const REVIEW_COLUMNS: readonly ReviewColumn[] = [
  { key: 'proposalId', header: { id: 'ID usulan', en: 'Proposal ID' }, system: true, width: 150 },
  { key: 'version', header: { id: 'Versi', en: 'Version' }, system: true, width: 60 },
  { key: 'title', header: { id: 'Judul', en: 'Title' }, system: true, width: 320 },
  { key: 'organisation', header: { id: 'Organisasi', en: 'Organisation' }, system: true, width: 200 },
  { key: 'submittedAt', header: { id: 'Diajukan (WIB)', en: 'Submitted (WIB)' }, system: true, width: 140 },
  { key: 'validity', header: { id: 'Kelengkapan', en: 'Completeness' }, system: true, width: 140 },
  { key: 'reviewer', header: { id: 'Peninjau', en: 'Reviewer' }, system: false, width: 160 },
  {
    key: 'status',
    header: { id: 'Status', en: 'Status' },
    system: false,
    choices: [...STATUS_CHOICES],
    width: 190,
  },
  {
    key: 'scores.ogpRelevance',
    header: { id: 'Skor relevansi nilai OGP (1-5)', en: 'OGP value relevance (1-5)' },
    system: false,
    range: [1, 5],
  },
  {
    key: 'scores.specificity',
    header: { id: 'Skor spesifisitas (1-5)', en: 'Specificity (1-5)' },
    system: false,
    range: [1, 5],
  },
  {
    key: 'scores.potentialImpact',
    header: { id: 'Skor potensi dampak (1-5)', en: 'Potential impact (1-5)' },
    system: false,
    range: [1, 5],
  },
  {
    key: 'scores.feasibility',
    header: { id: 'Skor kelayakan (1-5)', en: 'Feasibility (1-5)' },
    system: false,
    range: [1, 5],
  },
  {
    key: 'reasonedResponse',
    header: { id: 'Tanggapan beralasan', en: 'Reasoned response' },
    system: false,
    width: 360,
  },
  {
    key: 'mergeTarget',
    header: { id: 'Digabung ke (ID usulan)', en: 'Merged into (proposal ID)' },
    system: false,
    width: 150,
  },
  { key: 'syncNote', header: { id: 'Catatan sinkronisasi', en: 'Sync note' }, system: true, width: 280 },
  // Last, so adding it moved no reviewer column. Hints for reviewers (shared/publishing/irm-check.ts).
  {
    key: 'irmCheck',
    header: { id: 'Pra-periksa IRM (petunjuk)', en: 'IRM pre-check (hints)' },
    system: true,
    width: 320,
  },
];

export const REVIEW_FIELDS = REVIEW_COLUMNS.filter((c) => !c.system).map((c) => c.key as ReviewField);

export function headerRow(): string[] {
  return REVIEW_COLUMNS.map((c) => `${c.header.id} / ${c.header.en}`);
}

export function columnIndex(key: ReviewColumn['key']): number {
  return REVIEW_COLUMNS.findIndex((c) => c.key === key);
}

/** Tab name of a working group: its Indonesian name, without the characters Sheets refuses. */
export function tabName(group: WorkingGroup): string {
  return group.name.id
    .replace(/[[\]*?/\\:]/g, ' ')
    .slice(0, 90)
    .trim();
}

export const DASHBOARD_TAB = 'Dasbor';

/** Whether a status cell holds the reopen word (bilingual, either language alone, or "reopen"). */
export function isReopenCell(cell: unknown): boolean {
  const v = String(cell ?? '')
    .trim()
    .toLowerCase();
  return [REOPEN_CELL, REOPEN_LABEL.id, REOPEN_LABEL.en, 'reopen'].some((w) => w.toLowerCase() === v);
}

/**
 * Reads a status cell: a bilingual label, either language alone, or the slug; the reopen word reads as the
 * status a reopen leads to (a reopened row keeps showing it). Null when unknown.
 */
export function parseStatusCell(cell: string): ReviewStatus | null {
  const v = cell.trim().toLowerCase();
  if (!v) return null;
  if (isReopenCell(v)) return REOPEN_TO;
  return (
    STATUSES.find(
      (s) =>
        s === v ||
        statusCell(s).toLowerCase() === v ||
        STATUS_LABELS[s].id.toLowerCase() === v ||
        STATUS_LABELS[s].en.toLowerCase() === v,
    ) ?? null
  );
}

/**
 * Undoes safeCell. Written through the Sheets API with RAW input, the neutralising "'" is stored as part of
 * the text (only the Sheets UI and SpreadsheetApp read it as a prefix), so it comes back on the next read.
 */
function unneutralise(text: string): string {
  return text.startsWith("'") && isFormulaLike(text.slice(1)) ? text.slice(1).trim() : text;
}

/** A cell as the review domain sees it: scores as numbers (or the raw text, refused later), '' as null. */
export function parseFieldCell(field: ReviewField, raw: unknown): FieldValue {
  const text = unneutralise(raw === null || raw === undefined ? '' : String(raw).trim());
  if (field === 'status') return parseStatusCell(text) ?? (text || null);
  if (field.startsWith('scores.')) {
    if (!text) return null;
    const n = Number(text.replace(',', '.'));
    return Number.isFinite(n) ? n : text;
  }
  return text || null;
}

/** The value to show in a cell for a review field. */
export function fieldCell(field: ReviewField, value: FieldValue): string | number {
  if (value === null || value === undefined) return '';
  if (field === 'status' && typeof value === 'string' && (STATUSES as readonly string[]).includes(value)) {
    return statusCell(value as ReviewStatus);
  }
  return value;
}

export interface SheetReviewRow {
  proposalId: string;
  version: number;
  fields: Record<ReviewField, FieldValue>;
  /** The status cell holds the reopen word: a status change from this row is a reopen (ReviewEdit.reopen). */
  reopen?: true;
  /** With reopen: the row's reasoned response, the reason kept in the reopen's audit event. */
  note?: string;
}

/**
 * What a row asks besides its fields: with the reopen word in its status cell, a reopen whose note is the
 * row's reasoned-response cell (cut to the note's limit). Empty otherwise.
 */
export function reopenRequest(cells: readonly unknown[]): { reopen?: true; note?: string } {
  if (!isReopenCell(cells[columnIndex('status')])) return {};
  const reason = parseFieldCell('reasonedResponse', cells[columnIndex('reasonedResponse')]);
  const note = reason === null ? '' : String(reason).slice(0, MAX_NOTE_LENGTH).trim();
  return { reopen: true, ...(note ? { note } : {}) };
}

/** The steps to reopen a final decision in the sheet (the dropdown's help and every refusal to leave one). */
export function reopenSteps(): Text {
  const header = (key: ReviewColumn['key']) =>
    REVIEW_COLUMNS[columnIndex(key)]?.header ?? { id: key, en: key };
  return {
    id: `tulis alasannya di kolom «${header('reasonedResponse').id}», lalu pilih «${REOPEN_CELL}» di kolom «${header('status').id}»`,
    en: `write why in the «${header('reasonedResponse').en}» column, then choose «${REOPEN_CELL}» in the «${header('status').en}» column`,
  };
}

/** A refusal as the sheet shows it: leaving a final decision also says how to reopen it here. */
export function refusalInSheet(message: Text, code: string, stored: ReviewStatus | undefined): Text {
  if (code !== 'illegal_transition' || !stored || !isFinal(stored)) return message;
  const how = reopenSteps();
  return {
    id: `${message.id}. Untuk membuka kembali di lembar ini: ${how.id}`,
    en: `${message.en}. To reopen it in this sheet: ${how.en}`,
  };
}

/** Reads one data row (cells in REVIEW_COLUMNS order); undefined for a row without a proposal id. */
export function readReviewRow(cells: readonly unknown[]): SheetReviewRow | undefined {
  const at = (key: ReviewColumn['key']) => cells[columnIndex(key)];
  const proposalId = String(at('proposalId') ?? '').trim();
  if (!proposalId) return undefined;
  const fields = Object.fromEntries(REVIEW_FIELDS.map((f) => [f, parseFieldCell(f, at(f))])) as Record<
    ReviewField,
    FieldValue
  >;
  return { proposalId, version: Number(at('version')) || 0, fields, ...reopenRequest(cells) };
}

/** Tab for proposals whose working group is missing or unknown. */
export const UNASSIGNED_TAB = 'Tanpa Kelompok Kerja';

/** The tab a proposal's row belongs in. */
export function tabForProposal(round: RoundConfig, workingGroupId: string): string {
  const group = round.workingGroups.find((g) => g.id === workingGroupId);
  return group ? tabName(group) : UNASSIGNED_TAB;
}

export function validityCell(issueCount: number): string {
  return issueCount === 0
    ? 'Lengkap / Complete'
    : `Perlu perbaikan (${issueCount}) / Needs fixes (${issueCount})`;
}

/** "2022-08-01 09:30" in WIB (UTC+7, no daylight saving), as the submitted-at cell shows it. */
export function wibCell(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  return new Date(t + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export interface RowSource {
  id: string;
  title: string;
  organisation: string;
  submittedAt: string;
  issues: readonly unknown[];
  /** The IRM pre-check as one cell of text (irmCheckText); empty when not known. */
  irmCheck?: string;
}

/**
 * A full row (REVIEW_COLUMNS order) for a proposal and its review values. Text is returned raw: the
 * writer (SpreadsheetApp or the Sheets API adapter) passes it through safeCell.
 */
export function reviewRowCells(
  p: RowSource,
  version: number,
  review: Partial<Record<ReviewField, FieldValue>>,
  syncNote = '',
): (string | number)[] {
  const system: Record<string, string | number> = {
    proposalId: p.id,
    version,
    title: p.title,
    organisation: p.organisation,
    submittedAt: wibCell(p.submittedAt),
    validity: validityCell(p.issues.length),
    syncNote,
    irmCheck: p.irmCheck ?? '',
  };
  return REVIEW_COLUMNS.map((c) =>
    c.system ? (system[c.key] ?? '') : fieldCell(c.key as ReviewField, review[c.key as ReviewField] ?? null),
  );
}
