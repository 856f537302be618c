// Concurrent revisions of one response all land without a client retry: the ingest service re-reads and
// re-plans on a conflict, backing off with jitter between attempts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { DynamoProposalStore } from '../../../../lambdas/adapters/dynamodb-proposal-store';
import { ingestSubmission } from '../../../../lambdas/services/ingest-service';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { startDynamo } from '../../../support/local-servers';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let store: DynamoProposalStore;

beforeAll(async () => {
  dynamo = await startDynamo();
  // dynalite answers in well under a millisecond; DynamoDB over the network takes several. Without that
  // gap between a read and its conditional write, concurrent writers would hardly ever collide.
  dynamo.doc.middlewareStack.add(
    (next) => async (args) => {
      await new Promise((r) => setTimeout(r, 3 + Math.random() * 12));
      return next(args);
    },
    { step: 'initialize', name: 'networkLatency' },
  );
  store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
});
afterAll(async () => dynamo.close());

describe('concurrent ingest of one response', () => {
  it('stores 20 concurrent revisions of one response without a conflict reaching the client', async () => {
    const deps = { store, spec: formSpec(DEFAULT_ROUND), round: DEFAULT_ROUND, now: () => new Date() };
    const answers = SAMPLE_PROPOSALS[0]?.answers ?? {};
    await ingestSubmission(deps, { responseId: 'busy', submittedAt: '2022-08-01T00:00:00.000Z', answers });
    const revisions = Array.from({ length: 20 }, (_, i) => ({
      responseId: 'busy',
      submittedAt: new Date(Date.parse('2022-08-01T01:00:00.000Z') + i * 1000).toISOString(),
      answers: { ...answers, title: `${answers.title} (revisi ${i + 1})` },
    }));
    const outcomes = await Promise.allSettled(revisions.map((r) => ingestSubmission(deps, r)));
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const stored = await store.get(
      DEFAULT_ROUND.id,
      (outcomes[0] as PromiseFulfilledResult<{ id: string }>).value.id,
    );
    // The newest revision wins; every revision that was written counted once.
    expect(stored?.title).toBe(`${answers.title} (revisi 20)`);
    const revised = outcomes.filter((o) => o.status === 'fulfilled' && o.value.result === 'revise').length;
    expect(stored?.revision).toBe(1 + revised);
  });
});
