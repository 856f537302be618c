import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
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

describe('reading many proposals by id', () => {
  it('returns every stored one of more than 100 ids (several BatchGetItem calls) and leaves absent ids out', async () => {
    const store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
    const listed = await store.listRound(DEFAULT_ROUND.id);
    expect(listed.length).toBeGreaterThan(100);
    const wanted = [...listed.slice(0, 150).map((p) => p.id), 'p_absent', listed[0]?.id as string];
    const read = await store.getMany(DEFAULT_ROUND.id, wanted);
    expect([...read.keys()].sort()).toEqual(
      listed
        .slice(0, 150)
        .map((p) => p.id)
        .sort(),
    );
    expect(read.get(listed[7]?.id as string)).toEqual(listed[7]);
  });

  it('asks again for the keys DynamoDB leaves unprocessed, until every one is read', async () => {
    // Fault injected between the store and dynalite: each BatchGetItem answers only its first 10 keys
    // and hands the rest back as UnprocessedKeys, as DynamoDB does past 16 MB or when throttled.
    const calls: number[] = [];
    const partial = new Proxy(dynamo.doc, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver);
        const send = (target.send as (...a: unknown[]) => Promise<unknown>).bind(target);
        return async (command: {
          constructor: { name: string };
          input: { RequestItems: Record<string, { Keys: Record<string, unknown>[] }> };
        }) => {
          if (command.constructor.name !== 'BatchGetCommand') return send(command);
          const [table, request] = Object.entries(command.input.RequestItems)[0] as [
            string,
            { Keys: Record<string, unknown>[] },
          ];
          calls.push(request.Keys.length);
          const answered = (await send(
            new BatchGetCommand({
              RequestItems: { [table]: { ...request, Keys: request.Keys.slice(0, 10) } },
            }),
          )) as Record<string, unknown>;
          const rest = request.Keys.slice(10);
          return { ...answered, UnprocessedKeys: rest.length ? { [table]: { ...request, Keys: rest } } : {} };
        };
      },
    });
    const store = new DynamoProposalStore(partial, dynamo.tableName);
    const ids = (await new DynamoProposalStore(dynamo.doc, dynamo.tableName).listRound(DEFAULT_ROUND.id))
      .slice(0, 35)
      .map((p) => p.id);
    const read = await store.getMany(DEFAULT_ROUND.id, ids);
    expect([...read.keys()].sort()).toEqual([...ids].sort());
    expect(calls).toEqual([35, 25, 15, 5]);
  });
});
