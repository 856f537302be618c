import { describe, expect, it } from '@jest/globals';
import { columnLetter, sheetRef } from '../../../../shared/platform/a1-notation';

describe('A1 notation', () => {
  it('names the columns past Z with two letters (AA, AZ, BA) and past ZZ with three', () => {
    expect(columnLetter(26)).toBe('Z');
    expect(columnLetter(27)).toBe('AA');
    expect(columnLetter(52)).toBe('AZ');
    expect(columnLetter(53)).toBe('BA');
    expect(columnLetter(702)).toBe('ZZ');
    expect(columnLetter(703)).toBe('AAA');
  });

  it('quotes a sheet name and doubles the quotes inside it', () => {
    expect(sheetRef('Anti-Korupsi & Anggaran')).toBe("'Anti-Korupsi & Anggaran'");
    expect(sheetRef("CSO's tab")).toBe("'CSO''s tab'");
  });
});
