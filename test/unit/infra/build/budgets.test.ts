import { describe, expect, it } from '@jest/globals';
import { BUDGETS, DEFAULT_BUDGET, overBudget } from '../../../../infra/build/budgets';

describe('Lambda bundle budgets', () => {
  it('names every bundle over its budget, with its size and its budget', () => {
    const over = overBudget({ ingest: DEFAULT_BUDGET + 1, health: 3000 });
    expect(over).toHaveLength(1);
    expect(over[0]).toMatch(/^lambdas\/ingest\/index\.js is 300\.0 KB, over its 300 KB budget/);
  });

  it('lets reconcile use its own, larger budget and holds it to that one', () => {
    const reconcile = BUDGETS.reconcile ?? 0;
    expect(reconcile).toBeGreaterThan(DEFAULT_BUDGET);
    expect(overBudget({ reconcile: DEFAULT_BUDGET + 50 * 1024 })).toEqual([]);
    expect(overBudget({ reconcile: reconcile + 1 })).toHaveLength(1);
  });

  it('passes when every bundle fits', () => {
    expect(overBudget({ ingest: DEFAULT_BUDGET, reviews: 1 })).toEqual([]);
  });
});
