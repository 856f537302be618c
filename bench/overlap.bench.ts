// Overlap suggestions for 10,000 proposals (inverted index, no all-pairs comparison).
import { suggestOverlaps } from '../shared/review/overlap';
import { type Result, syntheticAnswers, time } from './support';

export async function benchOverlap(log: (s: string) => void): Promise<Result[]> {
  const docs = syntheticAnswers(10_000).map((a, i) => ({
    id: `p${i}`,
    workingGroupId: String(a.working_group),
    // Vary the text so that documents are not near-identical copies of 22 samples.
    title: `${String(a.title)} wilayah ${i % 97} sektor ${i % 13}`,
    problem: `${String(a.problem)} kabupaten ${i % 211}`,
    solution: String(a.solution),
  }));
  const run = await time(async () => suggestOverlaps(docs));
  log(`  overlap: 10000 proposals in ${run.ms.toFixed(0)} ms (${run.value.size} with suggestions)`);
  return [{ name: 'overlap.10k_proposals', value: Math.round(run.ms), unit: 'ms', target: '< 5000 ms' }];
}
