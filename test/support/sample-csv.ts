// Builds a Google Forms-style CSV export from sample proposals (titles as headers, labels as answers).
import { answersToTitles } from '../../shared/answers';
import { toCsv } from '../../shared/csv';
import { allQuestions, formSpec, questionTitle } from '../../shared/form-spec';
import type { Answers } from '../../shared/proposal';
import { DEFAULT_ROUND } from '../../shared/round';

export function sampleCsv(rows: { timestamp: string; answers: Answers }[], extraColumn = false): string {
  const spec = formSpec(DEFAULT_ROUND);
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
