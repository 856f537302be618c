// Answers keyed by question title (as Google Forms, e.namedValues and CSV exports carry them) -> keyed by
// question id. Titles are matched leniently: bilingual "ID / EN", either language alone, any case/spacing.
import { allQuestions, choiceLabel, type FormSpec, questionTitle } from '../definitions/form-spec';
import type { Answers } from './proposal';

function norm(s: string): string {
  return String(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[*:]+\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Title (any accepted spelling) -> question id. */
export function titleIndex(spec: FormSpec): Map<string, string> {
  const index = new Map<string, string>();
  for (const q of allQuestions(spec)) {
    for (const t of [questionTitle(q), q.title.id, q.title.en, q.id]) {
      const k = norm(t);
      if (!index.has(k)) index.set(k, q.id);
    }
  }
  return index;
}

export interface MappedAnswers {
  answers: Answers;
  /** Titles that matched no question (kept for the report, never an error). */
  unknownTitles: string[];
}

/** The question id of each title (undefined for titles that match no question). */
export function resolveTitles(
  spec: FormSpec,
  titles: readonly string[],
  index: Map<string, string> = titleIndex(spec),
): (string | undefined)[] {
  return titles.map((t) => index.get(norm(t)));
}

/** Maps answers keyed by title to answers keyed by question id; empty answers are dropped. */
export function answersByTitle(
  spec: FormSpec,
  byTitle: Record<string, string | string[] | undefined>,
  index: Map<string, string> = titleIndex(spec),
): MappedAnswers {
  const answers: Answers = {};
  const unknownTitles: string[] = [];
  for (const [title, raw] of Object.entries(byTitle)) {
    const id = index.get(norm(title));
    if (!id) {
      unknownTitles.push(title);
      continue;
    }
    const value = Array.isArray(raw) ? raw.filter((v) => typeof v === 'string' && v !== '') : raw;
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    answers[id] = value;
  }
  return { answers, unknownTitles };
}

/**
 * e.namedValues gives every answer as a list of strings (one element, checkboxes joined by ", "; an
 * unanswered question as [""]). See developers.google.com/apps-script/guides/triggers/events#form-submit_4
 */
export function answersFromNamedValues(
  spec: FormSpec,
  namedValues: Record<string, string[] | undefined>,
): MappedAnswers {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(namedValues ?? {}))
    flat[k] = Array.isArray(v) ? v.join(', ') : String(v ?? '');
  return answersByTitle(spec, flat);
}

/**
 * The inverse mapping, as a Google Form would present answers: titles as keys and choice values as
 * their labels. Used to drive the form path with sample data and to write CSV exports in tests.
 */
export function answersToTitles(spec: FormSpec, answers: Answers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const q of allQuestions(spec)) {
    const v = answers[q.id];
    if (v === undefined) continue;
    const label = (x: string) => {
      const c = q.choices?.find((ch) => ch.value === x);
      return c ? choiceLabel(c) : x;
    };
    out[questionTitle(q)] = Array.isArray(v) ? v.map(label) : label(v);
  }
  return out;
}
