import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SAMPLE_PROPOSALS, type SampleProposal } from '../../../infra/demo/sample-round';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { plainSecret } from '../../../lambdas/adapters/secrets';
import { createReviewsHandler } from '../../../lambdas/reviews';
import { ingestSubmission } from '../../../lambdas/services/ingest-service';
import { formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { signRequest } from '../../../shared/platform/signing';
import { MAX_EDITS_PER_REQUEST, type ReviewEdit } from '../../../shared/review/review-api';
import { startDynamo } from '../../support/local-servers';

const SECRET = 'r'.repeat(64);
const round = DEFAULT_ROUND;
const spec = formSpec(round);
const TARGET = { method: 'POST', path: '/v1/reviews' };
const hmac = (k: string, m: string) => createHmac('sha256', k).update(m).digest('hex');
let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let store: DynamoProposalStore;
let now = new Date('2022-08-12T02:00:00Z');
const ids: string[] = [];
const handler = createReviewsHandler(() => ({ store, secrets: plainSecret(SECRET), round, now: () => now }));

function event(
  body: string,
  headers: Record<string, string> = signRequest(SECRET, body, now.getTime() / 1000, hmac, TARGET),
): APIGatewayProxyEventV2 {
  return {
    headers,
    body,
    isBase64Encoded: false,
    rawPath: TARGET.path,
    requestContext: { http: TARGET },
  } as unknown as APIGatewayProxyEventV2;
}

async function call(e: APIGatewayProxyEventV2) {
  const res = await handler(e);
  expect(res.statusCode).toBeLessThan(500); // never a 500, whatever the request
  return { status: res.statusCode, body: JSON.parse(res.body ?? 'null') };
}

const post = (edits: unknown) => call(event(JSON.stringify({ edits })));

const edit = (
  i: number,
  expectedVersion: number,
  changes: ReviewEdit['changes'],
  actor = 'Ani',
): ReviewEdit => ({
  proposalId: ids[i] as string,
  expectedVersion,
  actor,
  changes,
});

async function stored(i: number) {
  const id = ids[i] as string;
  return (await store.getReviews(round.id, [id])).get(id);
}

beforeAll(async () => {
  dynamo = await startDynamo();
  store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  const deps = { store, spec, round, now: () => now };
  for (const s of SAMPLE_PROPOSALS.slice(0, 6) as SampleProposal[]) {
    const out = await ingestSubmission(deps, {
      responseId: s.responseId,
      submittedAt: s.submittedAt,
      source: 'form',
      answers: s.answers,
    });
    ids.push(out.id);
  }
});
afterAll(async () => dynamo.close());
beforeEach(() => {
  now = new Date(now.getTime() + 1000); // a fresh signature per request (replays are refused)
});

describe('POST /v1/reviews against dynalite', () => {
  it('applies an edit and bumps the version, with an audit event naming the reviewer', async () => {
    const res = await post([edit(0, 1, [{ field: 'status', from: 'submitted', to: 'in_review' }])]);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      expect.objectContaining({ proposalId: ids[0], ok: true, version: 2, rebased: false }),
    ]);
    const state = await stored(0);
    expect(state).toMatchObject({ status: 'in_review', version: 2 });
    expect(state?.audit).toEqual([
      expect.objectContaining({
        actor: 'Ani',
        version: 2,
        changes: [{ field: 'status', from: 'submitted', to: 'in_review' }],
      }),
    ]);
  });

  it('refuses an illegal transition and a final decision without a reasoned response, in both languages', async () => {
    const back = await post([edit(1, 1, [{ field: 'status', from: 'submitted', to: 'accepted' }])]);
    expect(back.status).toBe(200);
    expect(back.body.results[0]).toMatchObject({
      ok: false,
      code: 'illegal_transition',
      message: {
        id: expect.stringContaining('Status tidak dapat diubah dari Diajukan ke Diterima'),
        en: expect.stringContaining('Status cannot change from Submitted to Accepted'),
      },
    });

    now = new Date(now.getTime() + 1000);
    await post([edit(1, 1, [{ field: 'status', from: 'submitted', to: 'in_review' }])]);
    now = new Date(now.getTime() + 1000);
    const unexplained = await post([
      edit(1, 2, [
        { field: 'status', from: 'in_review', to: 'rejected' },
        { field: 'reasonedResponse', from: null, to: 'Tidak relevan.' },
      ]),
    ]);
    expect(unexplained.body.results[0]).toMatchObject({
      ok: false,
      code: 'reason_required',
      message: {
        id: expect.stringContaining('wajib disertai tanggapan beralasan'),
        en: expect.stringContaining('needs a reasoned response'),
      },
    });
    expect(await stored(1)).toMatchObject({ status: 'in_review', version: 2, reasonedResponse: '' });
  });

  it('rebases a stale edit that only touches fields nobody else changed', async () => {
    await post([edit(2, 1, [{ field: 'status', from: 'submitted', to: 'in_review' }], 'Reviewer A')]);
    now = new Date(now.getTime() + 1000);
    const reason = 'Relevan dengan transparansi anggaran; tonggak perlu indikator yang terukur.';
    const stale = await post([
      edit(2, 1, [{ field: 'reasonedResponse', from: null, to: reason }], 'Reviewer B'),
    ]);
    expect(stale.body.results[0]).toMatchObject({ ok: true, rebased: true, version: 3 });
    expect(await stored(2)).toMatchObject({ status: 'in_review', reasonedResponse: reason, version: 3 });

    now = new Date(now.getTime() + 1000);
    const clash = await post([edit(2, 1, [{ field: 'status', from: 'submitted', to: 'withdrawn' }], 'C')]);
    expect(clash.body.results[0]).toMatchObject({
      ok: false,
      code: 'conflict',
      conflicts: [{ field: 'status', current: 'in_review', yours: 'withdrawn' }],
    });
    expect((await stored(2))?.version).toBe(3);
  });

  it('refuses a merge target that is not a proposal of the round', async () => {
    const res = await post([
      edit(3, 1, [{ field: 'mergeTarget', from: null, to: 'p_tidakada' }]),
      { ...edit(3, 1, []), proposalId: 'p_tidakada', changes: [{ field: 'reviewer', to: 'Ani' }] },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      expect.objectContaining({
        ok: false,
        code: 'merge_target_required',
        message: {
          id: expect.stringContaining('p_tidakada bukan usulan'),
          en: expect.stringContaining('Merge target p_tidakada is not a proposal in this round'),
        },
      }),
      expect.objectContaining({ proposalId: 'p_tidakada', ok: false, code: 'not_found' }),
    ]);
    expect(await stored(3)).toBeUndefined();

    now = new Date(now.getTime() + 1000);
    const real = await post([edit(3, 1, [{ field: 'mergeTarget', from: null, to: ids[4] as string }])]);
    expect(real.body.results[0]).toMatchObject({ ok: true, version: 2 });
  });

  it.each([
    ['not JSON', '{"edits": ['],
    ['null', 'null'],
    ['a list', '[]'],
    ['no edits', '{}'],
    ['edits not a list', '{"edits": {}}'],
    ['a null edit', '{"edits": [null]}'],
    [
      'a bad proposal id',
      '{"edits": [{"proposalId": "a b", "expectedVersion": 1, "actor": "x", "changes": []}]}',
    ],
    [
      'a negative version',
      '{"edits": [{"proposalId": "p_1", "expectedVersion": -1, "actor": "x", "changes": []}]}',
    ],
    ['no actor', '{"edits": [{"proposalId": "p_1", "expectedVersion": 1, "actor": " ", "changes": []}]}'],
    ['no changes', '{"edits": [{"proposalId": "p_1", "expectedVersion": 1, "actor": "x", "changes": []}]}'],
    [
      'a system column',
      '{"edits": [{"proposalId": "p_1", "expectedVersion": 1, "actor": "x", "changes": [{"field": "title", "to": "x"}]}]}',
    ],
    [
      'an object value',
      '{"edits": [{"proposalId": "p_1", "expectedVersion": 1, "actor": "x", "changes": [{"field": "status", "to": {}}]}]}',
    ],
  ])('answers 400 for a malformed body (%s)', async (_what, body) => {
    const res = await call(event(body));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'malformed', message: expect.stringContaining(' / ') });
  });

  it('answers 401 for an unsigned, wrongly signed or replayed request', async () => {
    const body = JSON.stringify({ edits: [edit(5, 1, [{ field: 'reviewer', from: null, to: 'Eka' }])] });
    expect((await call(event(body, {}))).status).toBe(401);
    const forged = await call(
      event(body, signRequest('x'.repeat(64), body, now.getTime() / 1000, hmac, TARGET)),
    );
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    const signed = event(body);
    expect((await call(signed)).status).toBe(200);
    expect(await call(signed)).toMatchObject({ status: 401, body: { error: { code: 'replayed' } } });
    expect((await stored(5))?.version).toBe(2);
  });

  it(`answers 413 for more than ${MAX_EDITS_PER_REQUEST} edits and applies none of them`, async () => {
    const edits = Array.from({ length: MAX_EDITS_PER_REQUEST + 1 }, () =>
      edit(4, 1, [{ field: 'reviewer', from: null, to: 'Banyak' }]),
    );
    const res = await post(edits);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
    expect(await stored(4)).toBeUndefined();
  });
});
