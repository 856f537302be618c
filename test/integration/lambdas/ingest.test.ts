import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SAMPLE_PROPOSALS } from '../../../infra/demo/sample-round';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { plainSecret } from '../../../lambdas/adapters/secrets';
import { createIngestHandler } from '../../../lambdas/ingest';
import { formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { signRequest } from '../../../shared/platform/signing';
import { startDynamo } from '../../support/local-servers';

const SECRET = 's'.repeat(64);
const TARGET = { method: 'POST', path: '/v1/proposals' };
const hmac = (k: string, m: string) => createHmac('sha256', k).update(m).digest('hex');
let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let store: DynamoProposalStore;
let now = new Date('2022-08-05T03:00:00Z');
const handler = createIngestHandler(() => ({
  store,
  secrets: plainSecret(SECRET),
  spec: formSpec(DEFAULT_ROUND),
  round: DEFAULT_ROUND,
  now: () => now,
}));

function event(
  body: string,
  headers: Record<string, string> = signRequest(SECRET, body, now.getTime() / 1000, hmac, TARGET),
  base64 = false,
): APIGatewayProxyEventV2 {
  return {
    headers,
    body: base64 ? Buffer.from(body, 'latin1').toString('base64') : body,
    isBase64Encoded: base64,
    rawPath: TARGET.path,
    requestContext: { http: TARGET },
  } as unknown as APIGatewayProxyEventV2;
}

const submission = (
  responseId: string,
  answers = SAMPLE_PROPOSALS[0]?.answers,
  submittedAt = '2022-08-01T02:00:00.000Z',
) => JSON.stringify({ responseId, submittedAt, answers });

async function call(e: APIGatewayProxyEventV2) {
  const res = await handler(e);
  return { status: res.statusCode, body: JSON.parse(res.body ?? 'null') };
}

beforeAll(async () => {
  dynamo = await startDynamo();
  store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
});
afterAll(async () => dynamo.close());
beforeEach(() => {
  now = new Date(now.getTime() + 1000);
});

describe('POST /v1/proposals against dynalite', () => {
  it('stores a valid proposal once even when the trigger fires twice', async () => {
    const first = await call(event(submission('resp-a')));
    now = new Date(now.getTime() + 1000);
    const second = await call(event(submission('resp-a')));
    expect(first.status).toBe(201);
    expect(second).toMatchObject({ status: 200, body: { result: 'unchanged', id: first.body.id } });
    const round = await store.listRound(DEFAULT_ROUND.id);
    expect(round.filter((p) => p.responseId === 'resp-a')).toHaveLength(1);
  });

  it('keeps the earlier revision as history when the response is edited', async () => {
    await call(event(submission('resp-b', { ...SAMPLE_PROPOSALS[1]?.answers })));
    now = new Date(now.getTime() + 1000);
    const edited = { ...SAMPLE_PROPOSALS[1]?.answers, title: 'Judul yang direvisi' };
    const res = await call(event(submission('resp-b', edited, '2022-08-03T00:00:00.000Z')));
    expect(res).toMatchObject({ status: 200, body: { result: 'revise', revision: 2 } });
    const stored = await store.get(DEFAULT_ROUND.id, res.body.id);
    expect(stored).toMatchObject({ title: 'Judul yang direvisi', version: 2, revision: 2 });
  });

  it('flags a likely duplicate from the same organisation through the organisation index', async () => {
    const original = await call(event(submission('resp-dup-1', SAMPLE_PROPOSALS[3]?.answers)));
    expect(original.status).toBe(201);
    now = new Date(now.getTime() + 1000);
    const copy = {
      ...SAMPLE_PROPOSALS[3]?.answers,
      organisation: ` ${String(SAMPLE_PROPOSALS[3]?.answers.organisation).toUpperCase()} `,
    };
    const res = await call(event(submission('resp-dup-2', copy)));
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues).toEqual([
      expect.objectContaining({
        code: 'likely_duplicate',
        message: expect.objectContaining({ en: expect.stringContaining(original.body.id) }),
      }),
    ]);
    expect(
      await store.sameOrganisation(DEFAULT_ROUND.id, String(SAMPLE_PROPOSALS[3]?.answers.organisation)),
    ).toHaveLength(2);
  });

  it('stores an invalid proposal with its issues and answers 422', async () => {
    const res = await call(event(submission('resp-c', { title: 'Hanya judul' })));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_proposal');
    expect(res.body.error.details.stored).toBe(true);
    const stored = await store.get(DEFAULT_ROUND.id, res.body.error.details.id);
    expect(stored?.valid).toBe(false);
    expect(stored?.issues.map((i) => i.code)).toContain('required');
  });

  it('refuses a replayed request and a bad signature with 401', async () => {
    const body = submission('resp-d', SAMPLE_PROPOSALS[2]?.answers);
    const signed = event(body);
    expect((await call(signed)).status).toBe(201);
    const replay = await call(signed);
    expect(replay).toMatchObject({ status: 401, body: { error: { code: 'replayed' } } });
    const forged = await call(
      event(body, { ...signRequest('wrong'.repeat(13), body, now.getTime() / 1000, hmac, TARGET) }),
    );
    expect(forged).toMatchObject({ status: 401, body: { error: { code: 'unauthorized' } } });
    expect((await call(event(body, {}))).status).toBe(401);
  });

  it('answers 400 for malformed JSON and invalid UTF-8, 413 for a huge body, never 500', async () => {
    expect((await call(event('{not json'))).status).toBe(400);
    const invalidUtf8 = event('\xff\xfe{}', undefined, true);
    invalidUtf8.headers = signRequest(SECRET, '\ufffd', now.getTime() / 1000, hmac, TARGET);
    expect((await call(invalidUtf8)).status).toBe(400);
    const huge = JSON.stringify({
      responseId: 'x',
      submittedAt: '2022-08-01T00:00:00Z',
      answers: { title: 'x'.repeat(300_000) },
    });
    expect((await call(event(huge))).status).toBe(413);
  });
});
