// The first page of the public export of a large round reads its slice, not the round: counted at the
// DynamoDB client (every request and every item it answers), on dynalite, through the real handler.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoNegotiationStore } from '../../../lambdas/adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { buildExport, createExportHandler } from '../../../lambdas/export';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { copiedRound, type Decision, saveDecisions } from '../../support/copied-round';
import { startDynamo } from '../../support/local-servers';

const ROUND_SIZE = 2_000;
const LIMIT = 50;
let dynamo: Awaited<ReturnType<typeof startDynamo>>;
const meter = { requests: 0, items: 0 };

/** The document client, counting each request and the items (or keys) each answer carries. */
function metered(doc: Awaited<ReturnType<typeof startDynamo>>['doc']) {
  return new Proxy(doc, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return async (command: unknown, ...rest: unknown[]) => {
        const out = (await (target.send as (...a: unknown[]) => Promise<unknown>).call(
          target,
          command,
          ...rest,
        )) as { Items?: unknown[]; Item?: unknown; Responses?: Record<string, unknown[]> };
        meter.requests++;
        meter.items +=
          (out.Items?.length ?? 0) +
          (out.Item ? 1 : 0) +
          Object.values(out.Responses ?? {}).reduce((n, r) => n + r.length, 0);
        return out;
      };
    },
  });
}

beforeAll(async () => {
  dynamo = await startDynamo();
  const store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  const records = copiedRound(ROUND_SIZE);
  await store.putMany(records);
  // Every 10th proposal accepted; the next one merged into it, and the one after merged into that one
  // (a chain); one merged into a proposal far along the round (a tree that crosses pages).
  const reviews = records.flatMap((r, i): Decision[] =>
    i % 10 === 0
      ? [{ id: r.id, status: 'accepted', target: null }]
      : i % 10 === 1
        ? [{ id: r.id, status: 'merged', target: records[i - 1]?.id ?? null }]
        : i % 10 === 2
          ? [{ id: r.id, status: 'merged', target: records[i - 1]?.id ?? null }]
          : [],
  );
  reviews.push({ id: records[3]?.id as string, status: 'merged', target: records[1_500]?.id ?? null });
  await saveDecisions(store, reviews);
}, 120_000);
afterAll(async () => dynamo.close());

describe('the first page of the public export of a 2,000-proposal round', () => {
  it('reads its slice of the round (a few requests, a few hundred items), never the round, and gives what the whole round gives', async () => {
    const doc = metered(dynamo.doc);
    const deps = {
      store: new DynamoProposalStore(doc, dynamo.tableName),
      negotiations: new DynamoNegotiationStore(doc, dynamo.tableName),
      round: DEFAULT_ROUND,
      now: () => new Date('2023-09-01T00:00:00Z'),
    };
    const handler = createExportHandler(() => deps);
    for (const path of ['/v1/export/proposals.json', '/v1/export/proposals.csv']) {
      meter.requests = 0;
      meter.items = 0;
      const res = await handler({
        rawPath: path,
        queryStringParameters: { limit: String(LIMIT) },
        headers: {},
        requestContext: { http: { method: 'GET', path } },
      } as unknown as APIGatewayProxyEventV2);
      expect(res.statusCode).toBe(200);
      // 51 proposals, their reviews, the merge index of their range, the tree of the one merged far
      // along, and the negotiations of their commitments: well under 5 x the page; the round is 2,000
      // proposals and 601 reviews.
      expect(meter.items).toBeLessThan(5 * (LIMIT + 1));
      expect(meter.requests).toBeLessThan(20);
    }

    const first = JSON.parse(
      (
        (await handler({
          rawPath: '/v1/export/proposals.json',
          queryStringParameters: { limit: String(LIMIT) },
          headers: {},
          requestContext: { http: { method: 'GET', path: '/v1/export/proposals.json' } },
        } as unknown as APIGatewayProxyEventV2)) as { body: string }
      ).body,
    );
    const whole = JSON.parse(JSON.stringify(await buildExport(deps)));
    const ids = new Set(first.proposals.map((p: { id: string }) => p.id));
    expect(first.proposals).toEqual(whole.proposals.filter((p: { id: string }) => ids.has(p.id)));
    expect(first.commitments).toEqual(
      whole.commitments.filter((c: { sourceProposalIds: string[] }) => ids.has(c.sourceProposalIds[0])),
    );
    expect(first.commitments).toHaveLength(LIMIT / 10);
    expect(first.round.id).toBe(DEFAULT_ROUND.id);
  });
});
