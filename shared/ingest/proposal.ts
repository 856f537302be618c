// The proposal (OGP commitment template) and its mapping from form answers. Never throws on bad input:
// what cannot be read is left empty and reported by validation.
import {
  allQuestions,
  choiceLabel,
  type FormSpec,
  MAX_MILESTONES,
  type Question,
} from '../definitions/form-spec';
import type { OgpValue } from '../definitions/ogp';
import { stableHash } from '../platform/hash';
import { stripUnsafeCharacters } from '../platform/redaction';
import { parseDate, parseIndonesianNumber } from './locale-parse';

export interface Milestone {
  deliverable: string;
  expectedOutput: string;
  /** ISO date or '' when missing; `startRaw` keeps what was typed when it could not be read. */
  start: string;
  end: string;
  startRaw?: string;
  endRaw?: string;
  responsible: string;
}

export type Source = 'form' | 'csv' | 'api';

export interface Proposal {
  id: string;
  roundId: string;
  /** Google Forms response id (form path) or a key derived from timestamp and email (CSV path). */
  responseId: string;
  submittedAt: string;
  source: Source;
  editUrl?: string;
  organisation: string;
  contactName: string;
  email: string;
  phone: string;
  title: string;
  workingGroupId: string;
  /** What the submitter chose when it matched no configured working group. */
  workingGroupRaw?: string;
  leadAgency: string;
  problem: string;
  causes: string;
  doneSoFar: string;
  solution: string;
  expectedResults: string;
  objective: string;
  howItSolves: string;
  ogpValues: { value: OgpValue; justification: string }[];
  milestones: Milestone[];
  actors: { government: string; cso: string; privateSector: string; workingGroups: string };
  rpjmn: string;
  sdgs: string[];
  budgetIdr: number | null;
  budgetRaw: string;
  continuity: string;
}

/** Answers keyed by question id: one string, or several for checkboxes. */
export type Answers = Record<string, string | string[] | undefined>;

export interface SubmissionMeta {
  roundId: string;
  responseId: string;
  submittedAt: string;
  source: Source;
  editUrl?: string;
}

/** Proposal ids are short and stable for the same response, whichever path brought it. */
export function proposalId(roundId: string, responseId: string): string {
  return `p_${stableHash(`${roundId}|${responseId}`)}`;
}

/** Maps answers to a proposal. Choice answers are matched by label (either language) or value. */
export function proposalFromAnswers(spec: FormSpec, answers: Answers, meta: SubmissionMeta): Proposal {
  const byId = questionsById(spec);
  const text = (id: string): string => clean(one(answers[id]));
  const choices = (id: string): string[] => {
    const question = byId.get(id);
    return question ? matchChoices(question, answers[id]) : [];
  };
  const wgRaw = text('working_group');
  const wg = choices('working_group')[0] ?? '';
  const budgetRaw = text('budget');
  const milestones: Milestone[] = [];
  for (let n = 1; n <= MAX_MILESTONES; n++) {
    const raw = {
      deliverable: text(`m${n}_deliverable`),
      expectedOutput: text(`m${n}_output`),
      start: text(`m${n}_start`),
      end: text(`m${n}_end`),
      responsible: text(`m${n}_responsible`),
    };
    if (!Object.values(raw).some(Boolean)) continue;
    const start = parseDate(raw.start) ?? '';
    const end = parseDate(raw.end) ?? '';
    milestones.push({
      deliverable: raw.deliverable,
      expectedOutput: raw.expectedOutput,
      start,
      end,
      ...(raw.start && !start ? { startRaw: raw.start } : {}),
      ...(raw.end && !end ? { endRaw: raw.end } : {}),
      responsible: raw.responsible,
    });
  }
  return {
    id: proposalId(meta.roundId, meta.responseId),
    roundId: meta.roundId,
    responseId: meta.responseId,
    submittedAt: meta.submittedAt,
    source: meta.source,
    ...(meta.editUrl ? { editUrl: meta.editUrl } : {}),
    organisation: text('organisation'),
    contactName: text('contact_name'),
    email: text('email').toLowerCase(),
    phone: text('phone'),
    title: text('title'),
    workingGroupId: wg,
    ...(wgRaw && !wg ? { workingGroupRaw: wgRaw } : {}),
    leadAgency: text('lead_agency'),
    problem: text('problem'),
    causes: text('causes'),
    doneSoFar: text('done_so_far'),
    solution: text('solution'),
    expectedResults: text('expected_results'),
    objective: text('objective'),
    howItSolves: text('how_it_solves'),
    ogpValues: (choices('ogp_values') as OgpValue[]).map((value) => ({
      value,
      justification: text(`justify_${value}`),
    })),
    milestones,
    actors: {
      government: text('actors_government'),
      cso: text('actors_cso'),
      privateSector: text('actors_private'),
      workingGroups: text('actors_working_groups'),
    },
    rpjmn: text('rpjmn'),
    sdgs: choices('sdgs'),
    budgetIdr: budgetRaw ? parseIndonesianNumber(budgetRaw) : null,
    budgetRaw,
    continuity: text('continuity'),
  };
}

function one(v: string | string[] | undefined): string {
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(', ');
  return typeof v === 'string' ? v : v == null ? '' : String(v);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * Trims, normalises Unicode and drops control characters (keeping newlines and tabs), lone surrogates
 * and bidi override characters.
 */
export function clean(s: string): string {
  // Most answers are plain printable ASCII: nothing to normalise or strip (a fast path for imports).
  if (PRINTABLE_ASCII.test(s)) return s.trim();
  return (
    stripUnsafeCharacters(s)
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
      .trim()
  );
}

const questionMaps = new WeakMap<FormSpec, Map<string, Question>>();

/** Questions by id, computed once per spec (imports parse thousands of rows against one spec). */
export function questionsById(spec: FormSpec): Map<string, Question> {
  let map = questionMaps.get(spec);
  if (!map) {
    map = new Map(allQuestions(spec).map((q) => [q.id, q]));
    questionMaps.set(spec, map);
  }
  return map;
}

type Candidate = { label: string; value: string };
const candidateLists = new WeakMap<Question, Candidate[]>();

/** A question's choice labels in every accepted spelling, longest first (computed once per question). */
function candidatesOf(question: Question): Candidate[] {
  let list = candidateLists.get(question);
  if (!list) {
    list = (question.choices ?? [])
      .flatMap((c) =>
        [choiceLabel(c), c.label.id, c.label.en, c.value].map((label) => ({
          label: norm(label),
          value: c.value,
        })),
      )
      .sort((a, b) => b.label.length - a.label.length);
    candidateLists.set(question, list);
  }
  return list;
}

/**
 * Matches a choice answer to choice values. Checkbox answers arrive as a list (getItemResponses), as
 * one string joined by ", " (e.namedValues) or by ";" (CSV export); labels may contain commas, so labels
 * are searched for rather than split on.
 */
export function matchChoices(question: Question, raw: string | string[] | undefined): string[] {
  const items = (Array.isArray(raw) ? raw : [raw]).filter((x): x is string => typeof x === 'string');
  const found = new Set<string>();
  const candidates = candidatesOf(question);
  for (const item of items) {
    let rest = norm(item);
    for (const { label, value } of candidates) {
      if (!label) continue;
      const at = rest.indexOf(label);
      if (at >= 0 && isBoundary(rest, at, label.length)) {
        found.add(value);
        rest = `${rest.slice(0, at)}\u0000${rest.slice(at + label.length)}`;
      }
    }
  }
  // Keep the form's order, not the order found.
  return (question.choices ?? []).map((c) => c.value).filter((v) => found.has(v));
}

function isBoundary(s: string, at: number, len: number): boolean {
  const before = at === 0 ? '' : s[at - 1];
  const after = s[at + len] ?? '';
  // U+0000 marks a label already consumed by matchChoices.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the marker is deliberate
  const sep = (c: string) => c === '' || /[\s,;|\u0000]/.test(c);
  return sep(before as string) && sep(after);
}

function norm(s: string): string {
  return clean(s).toLowerCase().replace(/\s+/g, ' ');
}
