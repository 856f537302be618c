import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { DynamoProposalStore, segmentRanges } from '../../../../lambdas/adapters/dynamodb-proposal-store';
import { ingestMany } from '../../../../lambdas/services/bulk-ingest';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import type { Answers } from '../../../../shared/ingest/proposal';
import { initialReviewState } from '../../../../shared/review/review';
import { startDynamo } from '../../../support/local-servers';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => dynamo.close());

describe('reading a round in parallel ranges', () => {
  it('covers every proposal id prefix with contiguous, non-overlapping ranges', () => {
    const ranges = segmentRanges('PROPOSAL#', ['0', '4', '8', 'c']);
    for (const hex of '0123456789abcdef') {
      const sk = `PROPOSAL#p_${hex}0000000000000000`;
      expect(ranges.filter(([from, to]) => sk >= from && sk <= to)).toHaveLength(1);
    }
  });

  it('returns every proposal and review once, in sort-key order, like one Query would', async () => {
    const store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
    const rows = Array.from({ length: 300 }, (_, i) => ({
      line: i + 2,
      submission: {
        responseId: `seg-${i}`,
        submittedAt: '2022-08-01T00:00:00.000Z',
        answers: {
          ...(SAMPLE_PROPOSALS[i % 22]?.answers as Answers),
          title: `Judul ${i}`,
          organisation: `Org ${i}`,
        },
      },
    }));
    await ingestMany(
      { store, spec: formSpec(DEFAULT_ROUND), round: DEFAULT_ROUND, now: () => new Date() },
      rows,
    );
    const listed = await store.listRound(DEFAULT_ROUND.id);
    for (const p of listed.slice(0, 120))
      await store.saveReview(DEFAULT_ROUND.id, { ...initialReviewState(p.id), version: 2 }, 1);
    const { proposals, reviews } = await store.loadRound(DEFAULT_ROUND.id);
    expect(proposals.map((p) => p.id)).toEqual(listed.map((p) => p.id));
    expect([...reviews.keys()].sort()).toEqual(
      listed
        .slice(0, 120)
        .map((p) => p.id)
        .sort(),
    );
  });
});
