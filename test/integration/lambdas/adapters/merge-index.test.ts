// The merge index on dynalite: a merged review saved now is in it; one saved before it existed is put
// into it once (reconcile runs indexMerges), after which a paged export gives its commitment every source.

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { DynamoProposalStore } from '../../../../lambdas/adapters/dynamodb-proposal-store';
import { loadRoundSlice } from '../../../../lambdas/services/export-slice';
import { ingestSubmission } from '../../../../lambdas/services/ingest-service';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { keys } from '../../../../shared/definitions/table';
import { initialReviewState } from '../../../../shared/review/review';
import { startDynamo } from '../../../support/local-servers';

const round = DEFAULT_ROUND;
let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let store: DynamoProposalStore;
let ids: string[] = [];

beforeAll(async () => {
  dynamo = await startDynamo();
  store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  for (const s of SAMPLE_PROPOSALS.slice(0, 3)) {
    const out = await ingestSubmission(
      { store, spec: formSpec(round), round, now: () => new Date('2022-08-20T00:00:00Z') },
      { responseId: s.responseId, submittedAt: s.submittedAt, source: 'form', answers: s.answers },
    );
    ids.push(out.id);
  }
  ids = ids.sort();
});
afterAll(async () => dynamo.close());

describe('the merge index', () => {
  it('holds merged reviews saved now, and takes those saved before it existed once, so a paged export finds them', async () => {
    const [a, b, c] = ids as [string, string, string];
    const decided = (id: string, status: 'accepted' | 'merged', target: string | null) => ({
      ...initialReviewState(id, { status, version: 2 }),
      reasonedResponse: 'Diputuskan (ilustratif).',
      mergeTarget: target,
    });
    await store.saveReview(round.id, decided(a, 'accepted', null), 1);
    await store.saveReview(round.id, decided(c, 'merged', a), 1);
    // b merged into a as the store wrote reviews before the merge index: no gsi2 attributes.
    await dynamo.doc.send(
      new PutCommand({
        TableName: dynamo.tableName,
        Item: {
          ...decided(b, 'merged', a),
          ...keys.review(round.id, b),
          ...keys.summaryIndex(keys.review(round.id, b)),
        },
      }),
    );
    expect(await store.mergeSources(round.id, [{ from: a, to: a }])).toEqual([{ source: c, target: a }]);
    // A page holding only a (limit 1) misses b while b is not in the index.
    const before = await loadRoundSlice(store, round.id, null, 1);
    expect(before.commitments.map((x) => x.sourceProposalIds)).toEqual([[a, c]]);

    expect(await store.indexMerges(round.id)).toBe(1);
    expect(await store.indexMerges(round.id)).toBe(0);
    expect((await store.mergeSources(round.id, [{ from: a, to: a }])).map((m) => m.source).sort()).toEqual(
      [b, c].sort(),
    );
    const after = await loadRoundSlice(store, round.id, null, 1);
    expect(after.commitments.map((x) => x.sourceProposalIds)).toEqual([[a, b, c]]);
    // The review item itself is unchanged apart from its index entry.
    expect((await store.getReviews(round.id, [b])).get(b)).toMatchObject({
      status: 'merged',
      mergeTarget: a,
      version: 2,
    });
  });
});
