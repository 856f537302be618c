import { describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { submissionsFromCsv } from '../../../../shared/ingest/form-export';
import { parseCsv, toCsv } from '../../../../shared/platform/csv';
import { sampleCsv } from '../../../support/sample-csv';

describe('CSV', () => {
  it('reads quoted fields with commas, quotes, newlines, CRLF and a BOM', () => {
    const text = '\ufeffa,b,c\r\n"1, 2","say ""hi""","line1\nline2"\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1, 2', 'say "hi"', 'line1\nline2'],
    ]);
  });

  it('writes what it reads', () => {
    const rows = [
      ['x', 'y,z'],
      ['"q"', 'a\nb'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe('Google Forms CSV export', () => {
  const spec = formSpec(DEFAULT_ROUND);

  it('maps rows to submissions with stable ids, reporting extra and missing columns', () => {
    const csv = sampleCsv(
      SAMPLE_PROPOSALS.slice(0, 2).map((s) => ({ timestamp: '01/08/2022 09:30:00', answers: s.answers })),
      true,
    );
    const first = submissionsFromCsv(spec, parseCsv(csv), '2026-01-01T00:00:00Z');
    const again = submissionsFromCsv(spec, parseCsv(csv), '2027-01-01T00:00:00Z');
    expect(first.rows).toHaveLength(2);
    expect(first.rows.map((r) => r.submission.responseId)).toEqual(
      again.rows.map((r) => r.submission.responseId),
    );
    expect(first.rows[0]?.submission.submittedAt).toBe('2022-08-01T02:30:00.000Z');
    expect(first.rows[0]?.submission.answers.working_group).toBe(
      'Anti Korupsi & Anggaran / Anti-Corruption & Budget',
    );
    expect(first.unknownColumns).toEqual(['Kolom tambahan']);
    expect(first.missingQuestions).toEqual([]);
  });

  it('keeps a row whose timestamp cannot be read, reporting it', () => {
    const csv = 'Timestamp,Judul komitmen / Commitment title\nkemarin,Judul\n';
    const { rows, missingQuestions } = submissionsFromCsv(spec, parseCsv(csv), '2026-01-01T00:00:00.000Z');
    expect(rows[0]).toMatchObject({
      badTimestamp: 'kemarin',
      submission: { submittedAt: '2026-01-01T00:00:00.000Z' },
    });
    expect(missingQuestions).toContain('organisation');
  });
});
