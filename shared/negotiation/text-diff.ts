// Word-by-word differences between the CSO text and a negotiated text, with the `diff` library (jsdiff's
// diffWords), so readers see exactly what government changed. Pure; no hand-written diff algorithm.
import { diffWords } from 'diff';
import { type CommitmentText, fieldText, TEXT_FIELDS, type TextField } from './commitment-text';

export interface WordChange {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** The word-level changes from `before` to `after` (whitespace differences alone are not changes). */
export function wordDiff(before: string, after: string): WordChange[] {
  return diffWords(before, after).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

export interface FieldDiff {
  field: TextField;
  changes: WordChange[];
}

/** Per changed part of the text, its word-level changes (parts that read the same are left out). */
export function textDiff(before: CommitmentText, after: CommitmentText): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const field of TEXT_FIELDS) {
    const a = fieldText(before, field);
    const b = fieldText(after, field);
    if (a === b) continue;
    out.push({ field, changes: wordDiff(a, b) });
  }
  return out;
}

/** Plain-text rendering: removed words as [-…-], added words as {+…+} (git's word-diff notation). */
export function diffAsText(changes: readonly WordChange[]): string {
  return changes
    .map((c) => (c.kind === 'same' ? c.text : c.kind === 'added' ? `{+${c.text}+}` : `[-${c.text}-]`))
    .join('');
}
