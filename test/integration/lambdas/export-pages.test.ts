// Pages of the public export, the first as every other, read only their slice of the round (Query from
// the cursor's key on, and the merge trees of its proposals), and add up to the whole export.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SAMPLE_PROPOSALS } from '../../../infra/demo/sample-round';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { buildExport, createExportHandler } from '../../../lambdas/export';
import { ingestSubmission } from '../../../lambdas/services/ingest-service';
import { formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import type { ReviewStatus } from '../../../shared/review/lifecycle';
import type { ReviewScores, ReviewState } from '../../../shared/review/review';
import { startDynamo } from '../../support/local-servers';

const round = DEFAULT_ROUND;
let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let store: DynamoProposalStore;
let ids: string[] = [];
let clock = Date.parse('2022-08-20T00:00:00Z');
const now = () => {
  clock += 1000;
  return new Date(clock);
};

const review = (
  proposalId: string,
  status: ReviewStatus,
  mergeTarget: string | null = null,
): ReviewState => ({
  proposalId,
  status,
  version: 2,
  reviewer: null,
  scores: {} as ReviewScores,
  reasonedResponse: status === 'accepted' ? 'Diterima (ilustratif).' : 'Digabung (ilustratif).',
  mergeTarget,
  audit: [],
});

beforeAll(async () => {
  dynamo = await startDynamo();
  store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  for (const s of SAMPLE_PROPOSALS.slice(0, 8)) {
    const out = await ingestSubmission(
      { store, spec: formSpec(round), round, now },
      { responseId: s.responseId, submittedAt: s.submittedAt, source: 'form', answers: s.answers },
    );
    ids.push(out.id);
  }
  ids = ids.sort();
  const [s0, s1, s2, s3, s4, s5, s6, s7] = ids as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  // Chains that cross pages of two: s7 -> s3 -> s0 (accepted), s5 -> s6 (accepted, a later page),
  // a cycle s2 <-> s4, and s1 merged into a proposal that does not exist.
  for (const state of [
    review(s0, 'accepted'),
    review(s6, 'accepted'),
    review(s7, 'merged', s3),
    review(s3, 'merged', s0),
    review(s5, 'merged', s6),
    review(s2, 'merged', s4),
    review(s4, 'merged', s2),
    review(s1, 'merged', 'p_not_in_round'),
  ])
    await store.saveReview(round.id, state, 1);
});
afterAll(async () => dynamo.close());

describe('GET /v1/export/proposals.json pages', () => {
  it('read only their slice, the first page too, and give the same proposals and commitments as the whole export', async () => {
    let roundReads = 0;
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'loadRound') roundReads++;
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const deps = {
      store: counting,
      negotiations: { listNegotiations: async () => new Map(), getNegotiations: async () => new Map() },
      round,
      now: () => new Date('2022-09-01T00:00:00Z'),
    };
    const handler = createExportHandler(() => deps);
    const get = async (query: Record<string, string>) => {
      const res = await handler({
        rawPath: '/v1/export/proposals.json',
        queryStringParameters: query,
        headers: {},
        requestContext: { http: { method: 'GET', path: '/v1/export/proposals.json' } },
      } as unknown as APIGatewayProxyEventV2);
      expect(res.statusCode).toBe(200);
      return JSON.parse(res.body ?? '{}');
    };
    // The whole round read at once (what `cocreate export` writes), as the pages must add up to.
    const whole = JSON.parse(JSON.stringify(await buildExport(deps)));
    expect(whole.proposals).toHaveLength(8);
    expect(whole.commitments).toHaveLength(2);
    const one = await get({});
    expect(one.page.next).toBeNull();
    expect(one.proposals).toEqual(whole.proposals);
    expect(one.commitments).toEqual(whole.commitments);

    roundReads = 0;
    const paged: unknown[] = [];
    const commitments: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const data = await get(cursor ? { limit: '2', cursor } : { limit: '2' });
      paged.push(...data.proposals);
      commitments.push(...data.commitments);
      cursor = data.page.next;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    // No page reads the round, the first no more than the others.
    expect(roundReads).toBe(0);
    expect(paged).toEqual(whole.proposals);
    // Each commitment once, on its primary proposal's page, with every source the whole round gives it.
    expect(commitments).toEqual(whole.commitments);
    const commitmentIds = new Map(
      whole.proposals.map((p: { id: string; commitmentIds: string[] }) => [p.id, p.commitmentIds]),
    );
    expect(commitmentIds.get(ids[7])).toEqual(commitmentIds.get(ids[0]));
    expect(commitmentIds.get(ids[5])).toEqual(commitmentIds.get(ids[6]));
    expect(commitmentIds.get(ids[0])).toHaveLength(1);
    for (const i of [1, 2, 4]) expect(commitmentIds.get(ids[i])).toEqual([]);
  });
});
