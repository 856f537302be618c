import { describe, expect, it } from '@jest/globals';
import { parseA1 } from '../../../../apps-script/src/adapters/spreadsheet';

describe("an edited range's A1 notation", () => {
  it('reads a single cell, a block and columns past Z', () => {
    expect(parseA1('B5')).toEqual({ row: 5, column: 2, numRows: 1, numColumns: 1 });
    expect(parseA1('G2:H1001')).toEqual({ row: 2, column: 7, numRows: 1000, numColumns: 2 });
    expect(parseA1('$AA$3:$AB$4')).toEqual({ row: 3, column: 27, numRows: 2, numColumns: 2 });
  });

  it('gives no block for whole rows or columns or a sheet-qualified range (the caller asks the range)', () => {
    expect(parseA1("'GEDSI'!B5")).toBeUndefined();
    expect(parseA1('B:B')).toBeUndefined();
    expect(parseA1('2:3')).toBeUndefined();
  });
});
