// A commitment's text as negotiated with government: the five parts the action plan prints (problem,
// action, milestones with dates, lead agency, expected results). The CSO text comes from consolidation
// (the commitment's primary proposal); every negotiated revision is a whole new text, never an edit in place.
import type { Text } from '../platform/i18n';

export interface CommitmentMilestone {
  deliverable: string;
  /** ISO date (YYYY-MM-DD) or '' when not set. */
  start: string;
  end: string;
}

export interface CommitmentText {
  problem: string;
  action: string;
  milestones: CommitmentMilestone[];
  leadAgency: string;
  expectedResults: string;
}

export const TEXT_FIELDS = ['problem', 'action', 'milestones', 'leadAgency', 'expectedResults'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export const TEXT_FIELD_LABELS: Record<TextField, Text> = {
  problem: { id: 'Masalah', en: 'Problem' },
  action: { id: 'Aksi komitmen', en: 'Commitment action' },
  milestones: { id: 'Tonggak', en: 'Milestones' },
  leadAgency: { id: 'Instansi pelaksana utama', en: 'Lead agency' },
  expectedResults: { id: 'Hasil yang diharapkan', en: 'Expected results' },
};

/** What consolidation knows of the commitment's primary proposal (shared/ingest/proposal.ts field names). */
export interface CsoSource {
  problem: string;
  solution: string;
  expectedResults: string;
  leadAgency: string;
  milestones: readonly { deliverable: string; start: string; end: string }[];
}

/** The CSO text of a commitment: its primary proposal's problem, solution (the action), milestones, lead agency and results. */
export function csoText(source: CsoSource): CommitmentText {
  return normaliseText({
    problem: source.problem,
    action: source.solution,
    milestones: source.milestones.map((m) => ({ deliverable: m.deliverable, start: m.start, end: m.end })),
    leadAgency: source.leadAgency,
    expectedResults: source.expectedResults,
  });
}

const squash = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '');

/** Trims every part and drops empty milestones, so two texts that read the same compare equal. */
export function normaliseText(t: CommitmentText): CommitmentText {
  return {
    problem: squash(t.problem),
    action: squash(t.action),
    milestones: (t.milestones ?? [])
      .map((m) => ({ deliverable: squash(m.deliverable), start: squash(m.start), end: squash(m.end) }))
      .filter((m) => m.deliverable || m.start || m.end),
    leadAgency: squash(t.leadAgency),
    expectedResults: squash(t.expectedResults),
  };
}

/** A milestone as one line: "deliverable (start – end)". */
export function milestoneLine(m: CommitmentMilestone): string {
  return `${m.deliverable} (${m.start || '?'} – ${m.end || '?'})`;
}

/** A part of the text as one string (milestones one per line), for comparing and showing differences. */
export function fieldText(t: CommitmentText, field: TextField): string {
  if (field === 'milestones') return t.milestones.map(milestoneLine).join('\n');
  return t[field];
}

/** The parts that differ between two texts, in TEXT_FIELDS order. */
export function changedFields(a: CommitmentText, b: CommitmentText): TextField[] {
  const x = normaliseText(a);
  const y = normaliseText(b);
  return TEXT_FIELDS.filter((f) => fieldText(x, f) !== fieldText(y, f));
}

const MILESTONE_LINE = /^(.*?)\s*\((\d{4}-\d{2}-\d{2}|\?)?\s*(?:–|-|to|s\/d)\s*(\d{4}-\d{2}-\d{2}|\?)?\)\s*$/;

/**
 * Reads milestones typed one per line as "deliverable (YYYY-MM-DD – YYYY-MM-DD)" (the form milestoneLine
 * writes; "-" and "s/d" also separate the dates). A line without dates is a milestone without dates.
 */
export function parseMilestoneLines(text: string): CommitmentMilestone[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = MILESTONE_LINE.exec(line);
      if (!m) return { deliverable: line, start: '', end: '' };
      const date = (s: string | undefined) => (s && s !== '?' ? s : '');
      return { deliverable: (m[1] ?? '').trim(), start: date(m[2]), end: date(m[3]) };
    });
}
