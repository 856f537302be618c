import { it } from '@jest/globals';
import { suggestOverlaps } from '../../../shared/overlap';
it('probe perf', () => {
  let seed = 42;
  const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 2 ** 32; };
  const vocab = Array.from({ length: 8000 }, (_, i) => `kata${i.toString(36)}x`);
  const zipf = () => vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(rnd() * Math.log(vocab.length)) - 1))] as string;
  const words = (k: number) => Array.from({ length: k }, zipf).join(' ');
  const docs = Array.from({ length: 10000 }, (_, i) => ({ id: `p${i}`, workingGroupId: `g${i % 6}`, title: words(8), problem: words(60), solution: words(60) }));
  const { terms } = require("../../../shared/overlap");
  const t1 = Date.now(); for (const d of docs) { terms(d.title); terms(d.problem); terms(d.solution); } console.log("tok ms", Date.now() - t1);
  const t0 = Date.now();
  const m = suggestOverlaps(docs);
  console.log('ms', Date.now() - t0, m.size, [...m.values()].filter((x) => x.length > 0).length);
});
