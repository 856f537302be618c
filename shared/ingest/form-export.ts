// Rows of a Google Forms CSV export -> submissions, through the same answer mapping as the form path.
// Assumptions about the export (support.google.com/docs/answer/139706 "View & manage form responses"):
// the first column is the submission timestamp in the form owner's locale, a collected email address
// column follows when "Collect email addresses" is on, then one column per question titled as in the
// form; checkbox answers are joined with ";" (", " in some exports).

import type { FormSpec } from '../definitions/form-spec';
import { stableHash } from '../platform/hash';
import { resolveTitles } from './answers';
import type { SubmissionBody } from './ingest';
import { parseTimestamp } from './locale-parse';
import type { Answers } from './proposal';

const TIMESTAMP_HEADERS = ['timestamp', 'stempel waktu', 'cap waktu'];
const EMAIL_HEADERS = ['email address', 'alamat email', 'email', 'alamat e-mail'];

export interface CsvRowResult {
  /** 1-based line number in the file (header = 1). */
  line: number;
  submission: SubmissionBody;
  /** Timestamp that could not be read (the row is still imported, dated at import time). */
  badTimestamp?: string;
}

export interface CsvMapping {
  rows: CsvRowResult[];
  /** Columns that match no question (extra columns are reported, never an error). */
  unknownColumns: string[];
  /** Questions with no column (missing columns; validation reports the required ones per row). */
  missingQuestions: string[];
}

export function submissionsFromCsv(spec: FormSpec, table: string[][], nowIso: string): CsvMapping {
  const [header = [], ...body] = table;
  const norm = (h: string) => h.trim().toLowerCase();
  const tsCol = header.findIndex((h) => TIMESTAMP_HEADERS.includes(norm(h)));
  const emailCol = header.findIndex((h) => EMAIL_HEADERS.includes(norm(h)));
  // Resolve the header once; each row is then a plain copy of its cells.
  const ids = resolveTitles(spec, header).map((id, col) =>
    col === tsCol || col === emailCol ? undefined : id,
  );
  const unknownColumns = header.filter(
    (h, col) => h.trim() && col !== tsCol && col !== emailCol && !ids[col],
  );
  const seenQuestions = new Set(ids.filter((id): id is string => Boolean(id)));
  const rows = body.map((cells, i) => {
    const answers: Answers = {};
    for (let col = 0; col < ids.length; col++) {
      const id = ids[col];
      const value = cells[col];
      if (id && value) answers[id] = value;
    }
    const rawTs = tsCol >= 0 ? (cells[tsCol] ?? '') : '';
    const ts = parseTimestamp(rawTs);
    const collected = emailCol >= 0 ? (cells[emailCol] ?? '') : '';
    if (collected && !answers.email) answers.email = collected;
    // No response id in an export: the same row always gets the same id, so re-imports change nothing.
    const identity = rawTs
      ? `${rawTs}|${(collected || String(answers.email ?? '')).toLowerCase()}`
      : cells.join('\u0001');
    const result: CsvRowResult = {
      line: i + 2,
      submission: {
        responseId: `csv-${stableHash(identity)}`,
        submittedAt: ts ?? nowIso,
        source: 'csv',
        answers,
      },
    };
    if (rawTs && !ts) result.badTimestamp = rawTs;
    return result;
  });
  const missingQuestions = spec.sections
    .flatMap((s) => s.questions.map((q) => q.id))
    .filter((id) => !seenQuestions.has(id));
  return { rows, unknownColumns, missingQuestions };
}
