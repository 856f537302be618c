// The review spreadsheet: one tab per working group, its columns defined once here and read by the Apps
// Script setup and edit trigger (SpreadsheetApp) and by the reconcile Lambda (Sheets API).

import type { RoundConfig, WorkingGroup } from '../definitions/round';
import type { Text } from '../platform/i18n';
import { isFormulaLike } from '../platform/spreadsheet-safe';
import { type ReviewStatus, STATUS_LABELS, STATUSES } from './lifecycle';
import type { FieldValue, ScoreKey } from './review';

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
    choices: STATUSES.map(statusCell),
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

/** Reads a status cell: a bilingual label, either language alone, or the slug. Null when unknown. */
export function parseStatusCell(cell: string): ReviewStatus | null {
  const v = cell.trim().toLowerCase();
  if (!v) return null;
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
  return { proposalId, version: Number(at('version')) || 0, fields };
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
