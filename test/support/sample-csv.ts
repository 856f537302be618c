// Builds a Google Forms-style CSV export from sample proposals (titles as headers, labels as answers).

import { allQuestions, formSpec, questionTitle } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND, type RoundConfig } from '../../shared/definitions/round';
import { answersToTitles } from '../../shared/ingest/answers';
import type { Answers } from '../../shared/ingest/proposal';
import { toCsv } from '../../shared/platform/csv';

export function sampleCsv(
  rows: { timestamp: string; answers: Answers }[],
  extraColumn = false,
  round: RoundConfig = DEFAULT_ROUND,
): string {
  const spec = formSpec(round);
  const titles = allQuestions(spec).map(questionTitle);
  const header = ['Stempel waktu', ...titles, ...(extraColumn ? ['Kolom tambahan'] : [])];
  const body = rows.map((r) => {
    const byTitle = answersToTitles(spec, r.answers);
    return [
      r.timestamp,
      ...titles.map((t) => {
        const v = byTitle[t];
        return Array.isArray(v) ? v.join(';') : (v ?? '');
      }),
      ...(extraColumn ? ['abaikan'] : []),
    ];
  });
  return toCsv([header, ...body]);
}
