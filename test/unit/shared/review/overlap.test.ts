import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import {
  normaliseText,
  type OverlapDoc,
  stem,
  suggestOverlaps,
  terms,
} from '../../../../shared/review/overlap';
import { sampleProposals } from '../../../support/sample-proposals';

const sample = sampleProposals();
const merges = SAMPLE_PROPOSALS.flatMap((s, i) =>
  s.mergeInto === undefined
    ? []
    : [{ merged: sample[i] as OverlapDoc, target: sample[s.mergeInto] as OverlapDoc }],
);

describe('overlap suggestions on the sample round', () => {
  const suggestions = suggestOverlaps(sample);

  it.each(merges.map((m) => [m.merged.title, m] as const))(
    'finds the merge target of "%s" first',
    (_, { merged, target }) => {
      const found = suggestions.get(merged.id) ?? [];
      expect(found.length).toBeLessThanOrEqual(3);
      expect(found[0]?.id).toBe(target.id);
      expect(found[0]?.sharedTerms.length).toBeGreaterThanOrEqual(3);
      // And the other way round: the target's reviewers see the proposal that overlaps theirs.
      expect((suggestions.get(target.id) ?? []).map((s) => s.id)).toContain(merged.id);
    },
  );

  it('shows the shared terms as written, for example the budget-data pair', () => {
    const pair = merges[0];
    const first = suggestions.get(pair?.merged.id ?? '')?.[0];
    expect(first?.sharedTerms).toEqual(expect.arrayContaining(['anggaran', 'kementerian']));
    expect(first?.crossGroup).toBe(false);
    expect(first?.score).toBeGreaterThan(0.3);
  });

  it('finds 5 of the 6 targets from titles alone; "SDA" (an abbreviation) shares no word with the title it abbreviates', () => {
    const titlesOnly = suggestOverlaps(
      sample.map((p) => ({ id: p.id, workingGroupId: p.workingGroupId, title: p.title })),
    );
    const missed = merges.filter(
      ({ merged, target }) => !(titlesOnly.get(merged.id) ?? []).some((s) => s.id === target.id),
    );
    expect(missed.map((m) => m.merged.title)).toEqual(['Satu peta data perizinan sumber daya alam']);
  });

  it('returns an entry, possibly empty, for every proposal and never suggests a proposal to itself', () => {
    expect([...suggestions.keys()]).toEqual(sample.map((p) => p.id));
    for (const [id, list] of suggestions) for (const s of list) expect(s.id).not.toBe(id);
  });
});

describe('matching across languages, groups and word forms', () => {
  it('matches Indonesian word forms through affix stemming', () => {
    expect(stem('pelayanan')).toBe(stem('layanan'));
    expect(stem('keterbukaan')).toBe(stem('terbuka'));
    expect(stem('pemanfaatan')).toBe('manfaat');
    expect(stem('penanganan')).toBe(stem('menangani'));
    expect(stem('perizinan')).toBe('izin');
    expect(stem('bantuan')).toBe('bantu');
    expect(stem('anggarannya')).toBe(stem('anggaran'));
    expect(stem('transparansi')).toBe('transparansi');
  });

  it('matches English plurals, -ing and -ed forms', () => {
    expect(stem('budgets')).toBe('budget');
    expect(stem('budgeting')).toBe('budget');
    expect(stem('services')).toBe('service');
    expect(stem('policies')).toBe('policy');
    expect(stem('funded')).toBe('fund');
    expect(stem('planning')).toBe('plan');
    expect(stem('process')).toBe('process');
  });

  it('ignores case, diacritics, stopwords and numbers', () => {
    expect(normaliseText('Pélayanan PÚBLIK')).toBe('pelayanan publik');
    expect(terms('Yang dan the of 2023 Layanan').map((t) => t.term)).toEqual(['layan']);
  });

  it('suggests an English proposal from another working group, flagged cross-group', () => {
    const docs: OverlapDoc[] = [
      {
        id: 'a',
        workingGroupId: 'anti-corruption-budget',
        title: 'Open contracting data for public procurement',
      },
      {
        id: 'b',
        workingGroupId: 'civic-space-democracy',
        title: 'Publishing procurement contracts as open data',
      },
      { id: 'c', workingGroupId: 'gedsi', title: 'Shelters for survivors of gender-based violence' },
      { id: 'd', workingGroupId: 'gedsi', title: 'Accessible courts for persons with disabilities' },
      ...Array.from({ length: 6 }, (_, i) => ({
        id: `x${i}`,
        workingGroupId: 'gedsi',
        title: `Topik lain nomor ${i} kata${i}`,
      })),
    ];
    const [best] = suggestOverlaps(docs).get('a') ?? [];
    expect(best).toMatchObject({ id: 'b', crossGroup: true });
    expect(best?.sharedTerms).toEqual(expect.arrayContaining(['procurement', 'contracting']));
  });

  it('weighs a shared title word above the same word in the problem text', () => {
    const docs: OverlapDoc[] = [
      { id: 'q', workingGroupId: 'g', title: 'Pemilu terbuka', problem: 'Situs lambat diakses warga desa' },
      { id: 'inTitle', workingGroupId: 'g', title: 'Data pemilu', problem: 'Laporan kegiatan tahunan' },
      { id: 'inProblem', workingGroupId: 'g', title: 'Laporan tahunan', problem: 'Data pemilu kegiatan' },
      ...Array.from({ length: 20 }, (_, i) => ({
        id: `x${i}`,
        workingGroupId: 'g',
        title: `lain${i} beda${i}`,
      })),
    ];
    expect(
      suggestOverlaps(docs, { minScore: 0 })
        .get('q')
        ?.map((s) => s.id),
    ).toEqual(['inTitle', 'inProblem']);
  });
});

describe('options and edge cases', () => {
  it('respects limit and minScore', () => {
    const limited = suggestOverlaps(sample, { limit: 1, minScore: 0 });
    for (const list of limited.values()) expect(list.length).toBeLessThanOrEqual(1);
    const strict = suggestOverlaps(sample, { minScore: 0.4 });
    const all = [...strict.values()].flat();
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) expect(s.score).toBeGreaterThanOrEqual(0.4);
  });

  it('suggests nothing from a word that every proposal uses', () => {
    const docs = Array.from({ length: 30 }, (_, i) => ({
      id: `p${i}`,
      workingGroupId: 'g',
      title: `Transparansi unik${i.toString(36)}q`,
    }));
    for (const list of suggestOverlaps(docs, { minScore: 0 }).values()) expect(list).toEqual([]);
  });

  it('handles no proposals, one proposal, empty texts and repeated ids', () => {
    expect(suggestOverlaps([]).size).toBe(0);
    expect(suggestOverlaps([{ id: 'a', workingGroupId: 'g', title: 'x' }]).get('a')).toEqual([]);
    const repeated = suggestOverlaps([
      { id: 'a', workingGroupId: 'g', title: 'Data pemilu terbuka' },
      { id: 'a', workingGroupId: 'g', title: 'Sesuatu yang lain sama sekali' },
      { id: 'b', workingGroupId: 'h', title: 'Data pemilu terbuka untuk warga' },
      { id: 'c', workingGroupId: 'h', title: '' },
    ]);
    expect([...repeated.keys()]).toEqual(['a', 'b', 'c']);
    expect(repeated.get('a')?.[0]?.id).toBe('b');
  });

  it('never throws on arbitrary text and returns ordered, symmetric scores between 0 and 1', () => {
    const doc = fc.record({
      workingGroupId: fc.constantFrom('g1', 'g2'),
      title: fc.string({ unit: 'binary', maxLength: 40 }),
      problem: fc.option(fc.string({ unit: 'grapheme', maxLength: 80 }), { nil: undefined }),
      solution: fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
    });
    const words = fc.constantFrom('data', 'pemilu', 'anggaran', 'pelayanan', 'layanan', 'budget', 'é', '=');
    const wordy = fc.record({
      workingGroupId: fc.constantFrom('g1', 'g2'),
      title: fc.array(words, { maxLength: 6 }).map((w) => w.join(' ')),
    });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(doc, wordy), { maxLength: 25 }),
        fc.integer({ min: 0, max: 5 }),
        (raw, limit) => {
          const docs = raw.map((d, i) => ({ ...d, id: `p${i}` }));
          const out = suggestOverlaps(docs, { limit, minScore: 0 });
          expect(out.size).toBe(docs.length);
          const score = new Map<string, number>();
          for (const [id, list] of out) {
            expect(list.length).toBeLessThanOrEqual(limit);
            list.forEach((s, i) => {
              expect(s.id).not.toBe(id);
              expect(s.score).toBeGreaterThan(0);
              expect(s.score).toBeLessThanOrEqual(1);
              if (i > 0) expect(s.score).toBeLessThanOrEqual(list[i - 1]?.score ?? 1);
              score.set(`${id}|${s.id}`, s.score);
            });
          }
          for (const [key, value] of score) {
            const [a, b] = key.split('|');
            const back = score.get(`${b}|${a}`);
            if (back !== undefined) expect(back).toBe(value);
          }
        },
      ),
    );
  });
});

describe('scale', () => {
  it('handles 10,000 proposals in seconds through the inverted index', () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    // Zipf-like vocabulary: a few very common words, a long tail of rare ones.
    const vocabulary = Array.from({ length: 8000 }, (_, i) => `kata${i.toString(36)}x`);
    const word = () => vocabulary[Math.floor(Math.exp(random() * Math.log(vocabulary.length))) - 1] as string;
    const text = (n: number) => Array.from({ length: n }, word).join(' ');
    const docs = Array.from({ length: 10_000 }, (_, i) => ({
      id: `p${i}`,
      workingGroupId: `g${i % 6}`,
      title: text(8),
      problem: text(60),
      solution: text(60),
    }));
    // A planted near-duplicate must still be found among 10,000.
    docs.push({ ...(docs[1234] as (typeof docs)[number]), id: 'copy', workingGroupId: 'g9' });
    const out = suggestOverlaps(docs);
    expect(out.size).toBe(10_001);
    expect(out.get('copy')?.[0]).toMatchObject({ id: 'p1234', crossGroup: true });
    // Its speed (no all-pairs pass) is measured by `npm run bench` (overlap.10k_proposals), not here.
  });

  it('still finds overlaps in a small round where the shared words are in most proposals', () => {
    const doc = (id: string, title: string) => ({ id, workingGroupId: 'g1', title, problem: title });
    const out = suggestOverlaps([
      doc('a', 'Transparansi anggaran desa terbuka'),
      doc('b', 'Transparansi anggaran desa untuk warga'),
      doc('c', 'Anggaran desa transparan dan terbuka'),
      doc('d', 'Layanan kesehatan ibu dan anak'),
    ]);
    expect(out.get('b')?.map((s) => s.id)).toEqual(expect.arrayContaining(['a', 'c']));
    expect(out.get('d')).toEqual([]);
  });
});
