// The progress helper against a fake stream: what a terminal gets and what a pipe or CI log gets.
import { describe, expect, it } from '@jest/globals';
import { progressBar, progressSteps } from '../../../../infra/cli/progress';

const fake = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { isTTY, chunks, write: (s: string) => chunks.push(s) };
};

describe('progressBar', () => {
  it('writes nothing when the stream is not a terminal', () => {
    const s = fake(false);
    const bar = progressBar('Importing', s);
    for (let i = 0; i <= 10; i++) bar.update(i, 10);
    expect(s.chunks).toEqual([]);
  });

  it('redraws one line on a terminal, once per percent, and ends it when done', () => {
    const s = fake(true);
    const bar = progressBar('Importing', s);
    bar.update(0, 400);
    bar.update(1, 400); // still 0%: no redraw
    bar.update(200, 400);
    bar.update(400, 400);
    expect(s.chunks).toEqual([
      `\rImporting [${'-'.repeat(30)}] 0% 0/400`,
      `\rImporting [${'#'.repeat(15)}${'-'.repeat(15)}] 50% 200/400`,
      `\rImporting [${'#'.repeat(30)}] 100% 400/400`,
      '\n',
    ]);
  });

  it('ignores an empty total', () => {
    const s = fake(true);
    progressBar('x', s).update(0, 0);
    expect(s.chunks).toEqual([]);
  });
});

describe('progressSteps', () => {
  it('numbers each step n of m on its own line, on a terminal or not', () => {
    for (const tty of [true, false]) {
      const s = fake(tty);
      const steps = progressSteps(3, s);
      steps.step('build');
      steps.step('package');
      steps.step('osls');
      expect(s.chunks.join('')).toBe('[1/3] build\n[2/3] package\n[3/3] osls\n');
    }
  });

  it('writes nothing when quiet', () => {
    const s = fake(false);
    const steps = progressSteps(2, s, { quiet: true });
    steps.step('a');
    steps.step('b');
    expect(s.chunks).toEqual([]);
  });
});
