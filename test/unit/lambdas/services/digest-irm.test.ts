import { describe, expect, it } from '@jest/globals';
import { MemoryProposalStore } from '../../../../lambdas/adapters/memory-proposal-store';
import { prepareDigests } from '../../../../lambdas/services/digest-service';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { storeReviewedSampleRound } from '../../../support/reviewed-sample-round';

async function storeWith(measurableFirst: boolean) {
  const store = new MemoryProposalStore();
  const proposals = await storeReviewedSampleRound(store, (i) =>
    i === 0 && measurableFirst
      ? { expectedResults: 'Target: 30 K/L menerbitkan data anggaran terbuka.' }
      : {},
  );
  return { store, first: proposals[0]?.id as string };
}

describe('the digest lists the commitments the IRM pre-check still flags', () => {
  it('names the flags under each flagged commitment, and none under one whose text passes', async () => {
    const { store, first } = await storeWith(true);
    const { digests } = await prepareDigests({
      store,
      round: DEFAULT_ROUND,
      to: ['tim@cocreate.example'],
      now: () => new Date('2022-09-05T01:00:00Z'),
    });
    const model = digests[0]?.model;
    expect(model?.commitments).toHaveLength(16);
    const passing = model?.commitments.find((c) => c.sources[0]?.id === first);
    expect(passing?.irmFlags).toBeUndefined();
    const flagged = model?.commitments.filter((c) => c.irmFlags);
    expect(flagged).toHaveLength(15);
    expect(flagged?.[0]?.irmFlags).toEqual([
      { id: 'Potensi hasil belum jelas', en: 'Unclear potential for results' },
    ]);
    const email = digests[0]?.email;
    expect(email?.text).toContain('Catatan pra-periksa IRM: Potensi hasil belum jelas');
    expect(email?.html).toContain('Catatan pra-periksa IRM');
    expect(email?.text.match(/Catatan pra-periksa IRM/g)).toHaveLength(15);
  });

  it('reads the primary proposals of all commitments in one batch for every audience, never one by one', async () => {
    const { store } = await storeWith(false);
    const batches: string[][] = [];
    let single = 0;
    const counting = Object.assign(Object.create(store) as MemoryProposalStore, {
      get: async (roundId: string, id: string) => {
        single++;
        return store.get(roundId, id);
      },
      getMany: async (roundId: string, ids: string[]) => {
        batches.push(ids);
        return store.getMany(roundId, ids);
      },
    });
    // Working groups with contacts: each gets its own digest, whose commitments were read for the first.
    const round = {
      ...DEFAULT_ROUND,
      workingGroups: DEFAULT_ROUND.workingGroups.map((g) => ({
        ...g,
        contacts: [`${g.id}@cocreate.example`],
      })),
    };
    const { digests } = await prepareDigests({
      store: counting,
      round,
      to: ['tim@cocreate.example'],
      now: () => new Date('2022-09-05T01:00:00Z'),
    });
    expect(digests.length).toBeGreaterThan(1);
    expect(single).toBe(0);
    expect(batches).toHaveLength(1);
    expect(new Set(batches[0]).size).toBe(16);
    expect(digests[0]?.model.commitments.filter((c) => c.irmFlags)).toHaveLength(16);
    expect(digests.slice(1).some((d) => d.model.commitments.some((c) => c.irmFlags))).toBe(true);
  });
});
