// The whole path on the built artefacts: Code.js (in a vm with the simulated Apps Script services)
// posts to the gateway of `cocreate dev` (a child process serving dist/lambdas), which stores in
// dynalite; the digest Lambda then emails the local SES sink.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runPlan } from '../../infra/apps-script-sim/run-plan';
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import { listEmails } from '../../infra/local-stack/mail-inbox';
import { makeDocumentClient } from '../../lambdas/adapters/aws-clients';
import { DynamoProposalStore } from '../../lambdas/adapters/dynamodb-proposal-store';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { answersToTitles } from '../../shared/ingest/answers';
import { type DevStack, ROOT, startDevStack } from '../support/dev-stack';

const CODE = join(ROOT, 'dist', 'apps-script', 'Code.js');
const spec = formSpec(DEFAULT_ROUND);
let stack: DevStack;

beforeAll(async () => {
  stack = await startDevStack();
});
afterAll(async () => stack?.stop());

const event = (i: number) => {
  const s = SAMPLE_PROPOSALS[i];
  if (!s) throw new Error('no sample');
  return {
    responseId: s.responseId,
    timestamp: s.submittedAt,
    answersByTitle: answersToTitles(spec, s.answers),
  };
};

describe('walking skeleton on the built artefacts', () => {
  it('stores a proposal once even when the form trigger fires twice, then emails the digest', async () => {
    const summary = runPlan(CODE, {
      properties: { COCREATE_API_URL: stack.apiUrl, COCREATE_SIGNING_SECRET: stack.signingSecret },
      calls: ['setup'],
      events: [event(0), event(0), event(1)],
    });
    expect(summary.calls.map((c) => c.ok)).toEqual([true, true, true, true]);
    expect(summary.outboxSize).toBe(0);
    // The second firing of the same response is recognised by the script and never reaches the API.
    expect(summary.counts['UrlFetchApp.fetch']).toBe(2);
    expect(summary.calls[2]?.result).toMatchObject({ responseId: 'demo-01', outcome: 'duplicate' });

    const doc = makeDocumentClient({ dynamodbEndpoint: stack.dynamodbUrl });
    const stored = await new DynamoProposalStore(doc, stack.tableName).listRound(DEFAULT_ROUND.id);
    doc.destroy();
    expect(stored.map((p) => p.responseId).sort()).toEqual(['demo-01', 'demo-02']);
    expect(stored.every((p) => p.valid)).toBe(true);

    const invoke = await fetch(`${stack.apiUrl}/2015-03-31/functions/digest/invocations`, {
      method: 'POST',
      body: '{}',
    });
    expect(await invoke.json()).toMatchObject({ sent: true, proposals: 2 });
    const emails = await listEmails(stack.mailUrl);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.body.text).toContain('Total usulan: 2');
  });

  it('answers bad requests with JSON errors, never a 500', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${stack.apiUrl}/v1/proposals`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
    const unsigned = await post('{}');
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: { code: 'unauthorized' } });
    const huge = await post('x'.repeat(300_000));
    expect(huge.status).toBe(413);
    expect((await fetch(`${stack.apiUrl}/v1/nope`)).status).toBe(404);
    const health = await fetch(`${stack.apiUrl}/v1/health`);
    expect(await health.json()).toEqual({ ok: true, service: 'ogp-cocreate' });
  });
});
