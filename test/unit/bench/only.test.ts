import { describe, expect, it } from '@jest/globals';
import { chooseCases, onlyArgument, UnknownCaseError } from '../../../bench/only';

const CASES = { import: 1, cold_start: 2, round_cost: 3 };

describe('choosing bench cases with --only', () => {
  it('runs every case without --only, and the named ones in their own order with it', () => {
    expect(chooseCases(CASES, onlyArgument([])).map(([n]) => n)).toEqual([
      'import',
      'cold_start',
      'round_cost',
    ]);
    expect(chooseCases(CASES, onlyArgument(['--only', 'round_cost,import'])).map(([n]) => n)).toEqual([
      'import',
      'round_cost',
    ]);
    expect(chooseCases(CASES, onlyArgument(['--json', '--only=cold_start'])).map(([n]) => n)).toEqual([
      'cold_start',
    ]);
  });

  it('refuses an unknown name with the list of valid names instead of running nothing', () => {
    expect(() => chooseCases(CASES, onlyArgument(['--only', 'coldStart']))).toThrow(UnknownCaseError);
    expect(() => chooseCases(CASES, onlyArgument(['--only', 'import,coldStart']))).toThrow(
      'No bench case named coldStart. Valid names: import, cold_start, round_cost',
    );
  });

  it('refuses --only without names', () => {
    expect(() => onlyArgument(['--only'])).toThrow('--only needs case names');
    expect(() => onlyArgument(['--only', '--json'])).toThrow(UnknownCaseError);
  });
});
