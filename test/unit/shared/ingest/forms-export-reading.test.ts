// Reading a Google Forms (or Excel-resaved) CSV export: every file is read right or refused clearly.
import { describe, expect, it } from '@jest/globals';
import { decodeCsvBytes } from '../../../../infra/cli/csv-decode';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { openFormsExport, readFormsExport } from '../../../../shared/ingest/form-export';
import { MAX_BODY_BYTES } from '../../../../shared/ingest/ingest';
import { detectDelimiter, parseCsv, parseCsvRecords } from '../../../../shared/platform/csv';
import { sampleCsv } from '../../../support/sample-csv';
import { trickyExport } from '../../../support/tricky-export';

const spec = formSpec(DEFAULT_ROUND);
const NOW = '2026-01-01T00:00:00.000Z';
const utf8 = (s: string) => decodeCsvBytes(new TextEncoder().encode(s));
const sample = (n: number, ts = '01/08/2022 09:30:00') =>
  sampleCsv(SAMPLE_PROPOSALS.slice(0, n).map((s) => ({ timestamp: ts, answers: s.answers })));

/** The same table written as Excel does in a locale whose list separator is ";". */
const withSemicolons = (csv: string) =>
  `${parseCsv(csv)
    .map((r) => r.map((f) => (/[";\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(';'))
    .join('\r\n')}\r\n`;

describe('CSV records', () => {
  it('gives the line each record starts on, counting newlines inside quotes', () => {
    const records = parseCsvRecords('a,b\n"x\ny",z\n\nlast,1\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
    expect(records[1]?.fields).toEqual(['x\ny', 'z']);
  });

  it('detects a semicolon or tab delimiter from the header', () => {
    expect(detectDelimiter('a;b;"c,d"\n1;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('a,b;c,d\n')).toBe(',');
    expect(parseCsvRecords('a;"b;c"\n1;2', { delimiter: ';' }).map((r) => r.fields)).toEqual([
      ['a', 'b;c'],
      ['1', '2'],
    ]);
  });
});

describe('reading a forms export', () => {
  it('reads a semicolon-delimited export (Excel in an Indonesian locale) as the same proposals', () => {
    const comma = readFormsExport(utf8(sample(3)), spec, NOW);
    const semicolon = readFormsExport(utf8(withSemicolons(sample(3))), spec, NOW);
    expect(semicolon.refusal).toBeUndefined();
    expect(semicolon.delimiter).toBe(';');
    expect(semicolon.rows.map((r) => r.submission)).toEqual(comma.rows.map((r) => r.submission));
    expect(semicolon.rows[0]?.submission.answers.title).toBe(SAMPLE_PROPOSALS[0]?.answers.title);
  });

  it('refuses a header that matches no question instead of storing empty proposals', () => {
    const out = readFormsExport(utf8('kolom1|kolom2|kolom3\nx|y|z\n'), spec, NOW);
    expect(out.refusal?.en).toMatch(/no column matches a question/i);
    expect(out.rows).toEqual([]);
  });

  it('reports a row with fewer fields than the header with its line, and stores the others', () => {
    const full = sample(3);
    const lines = full.split('\r\n');
    const cut = lines[3] as string;
    const text = [...lines.slice(0, 3), cut.slice(0, Math.floor(cut.length / 3)), ''].join('\r\n');
    const out = readFormsExport(utf8(text), spec, NOW);
    expect(out.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(out.refused).toEqual([expect.objectContaining({ line: 4, code: 'short_row' })]);
    expect(out.refused[0]?.message.en).toMatch(/fields/);
  });

  it('decodes a Windows-1252 file right and says so; never stores a replacement character', () => {
    const text =
      'Stempel waktu,Judul komitmen / Commitment title,Nama organisasi pengusul / Submitting organisation\n01/08/2022 09:30:00,Caf\u00e9 d\u00e9sa \u2013 \u201cair\u201d,Yayasan \u00c9lan\n';
    const bytes = Uint8Array.from(
      [...text].map((c) => ({ '\u2013': 0x96, '\u201c': 0x93, '\u201d': 0x94 })[c] ?? c.charCodeAt(0)),
    );
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const out = readFormsExport(decodeCsvBytes(bytes), spec, NOW);
    expect(out.encoding).toBe('windows-1252');
    expect(out.notes.map((n) => n.en).join(' ')).toMatch(/Windows-1252/);
    expect(out.rows[0]?.submission.answers.title).toBe('Caf\u00e9 d\u00e9sa \u2013 \u201cair\u201d');
    expect(JSON.stringify(out.rows)).not.toContain('\ufffd');
  });

  it('refuses a row that already holds a replacement character, with its line', () => {
    const out = readFormsExport(
      utf8(`${sample(2)}`.replace(SAMPLE_PROPOSALS[1]?.answers.title as string, 'Caf\ufffd')),
      spec,
      NOW,
    );
    expect(out.rows.map((r) => r.line)).toEqual([2]);
    expect(out.refused).toEqual([expect.objectContaining({ line: 3, code: 'replacement_character' })]);
  });

  it('refuses a row larger than the API accepts, with its line, and keeps the rest', () => {
    const big = sample(2).replace(SAMPLE_PROPOSALS[0]?.answers.problem as string, 'x'.repeat(MAX_BODY_BYTES));
    const out = readFormsExport(utf8(big), spec, NOW);
    expect(out.rows.map((r) => r.line)).toEqual([3]);
    expect(out.refused).toEqual([expect.objectContaining({ line: 2, code: 'row_too_large' })]);
  });

  it('keeps two different proposals sent in the same second without an email apart, and stable', () => {
    const rows = SAMPLE_PROPOSALS.slice(0, 2).map((s) => ({
      timestamp: '01/08/2022 09:30:00',
      answers: { ...s.answers, email: undefined },
    }));
    const first = readFormsExport(utf8(sampleCsv(rows)), spec, NOW);
    const again = readFormsExport(utf8(sampleCsv(rows)), spec, '2027-01-01T00:00:00.000Z');
    const ids = first.rows.map((r) => r.submission.responseId);
    expect(new Set(ids).size).toBe(2);
    expect(again.rows.map((r) => r.submission.responseId)).toEqual(ids);
  });

  it('gives every row the id the whole-file reading gave before rows were read one at a time', () => {
    // Ids as `readFormsExport` gave them when it mapped the whole file at once (commit f49b765): files
    // imported then are re-imported as the same proposals, so a re-import changes nothing.
    const out = readFormsExport(utf8(trickyExport()), spec, NOW);
    expect(out.rows.map((r) => [r.line, r.submission.responseId])).toEqual([
      [2, 'csv-6fcb642a96dfe2a9'],
      [3, 'csv-7312b9c24d3aaa7e'],
      [4, 'csv-9378fc35225a0330'],
      [5, 'csv-234707b202e8508a'],
      [6, 'csv-6fcb642a96dfe2a9'],
      [7, 'csv-172c5839bc535de2'],
      [8, 'csv-7312b9c24d3aaa7e'],
      [10, 'csv-333e916df5222a0a'],
      [12, 'csv-680b636b937691c6'],
      [13, 'csv-172c5839bc535de2'],
      [14, 'csv-4168d63d7b2a9962'],
    ]);
    expect(out.refused.map((r) => [r.line, r.code])).toEqual([
      [9, 'row_too_large'],
      [11, 'replacement_character'],
      [15, 'short_row'],
    ]);
  });

  it('reads and maps rows only as they are asked for, listing the refused ones as reading passes them', () => {
    const stream = openFormsExport(utf8(trickyExport()), spec, NOW);
    const first = Array.from({ length: 7 }, () => stream.rows.next().value?.line);
    expect(first).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(stream.refused).toEqual([]);
    expect(stream.fractionRead()).toBeLessThan(1);
    const next = stream.rows.next().value;
    // Line 9 (too large) was passed on the way to line 10.
    expect(next?.line).toBe(10);
    expect(stream.refused.map((r) => r.line)).toEqual([9]);
    const rest = [...stream.rows].map((r) => r.line);
    expect(rest).toEqual([12, 13, 14]);
    expect(stream.refused.map((r) => r.line)).toEqual([9, 11, 15]);
    expect(stream.fractionRead()).toBe(1);
    // Read one at a time or all at once, the same rows with the same submissions.
    const whole = readFormsExport(utf8(trickyExport()), spec, NOW);
    const again = openFormsExport(utf8(trickyExport()), spec, NOW);
    expect([...again.rows]).toEqual(whole.rows);
  });
});
