import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isFormulaLike, safeCell } from '../../../../shared/platform/spreadsheet-safe';

describe('safeCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","klik")'],
    ['+62 812 0000 1000'],
    ["-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1:A9)'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['＝1+1'],
    [' =1+1'],
    ['\n@SUM(A1)'],
  ])('prefixes %j with a single quote so it stays text', (value) => {
    expect(safeCell(value)).toBe(`'${value}`);
    expect(isFormulaLike(value)).toBe(true);
  });

  it.each([
    [''],
    ['Transparansi Data Anggaran'],
    ['2023-02-01'],
    ["'=already quoted"],
    [' leading space, then text = fine'],
    ['a=b'],
  ])('leaves %j unchanged', (value) => {
    expect(safeCell(value)).toBe(value);
    expect(isFormulaLike(value)).toBe(false);
  });

  it('never returns text starting with = + - @ tab or CR, and only ever adds one quote', () => {
    const dangerous = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '＝');
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.tuple(dangerous, fc.string()).map(([d, s]) => d + s),
    );
    fc.assert(
      fc.property(text, (value) => {
        const out = safeCell(value);
        expect(out).not.toMatch(/^[=+\-@\t\r]/);
        expect(out === value || out === `'${value}`).toBe(true);
        expect(safeCell(out)).toBe(out);
      }),
    );
  });
});
