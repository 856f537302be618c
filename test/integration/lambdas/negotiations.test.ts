import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { DynamoNegotiationStore } from '../../../lambdas/adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { plainSecret } from '../../../lambdas/adapters/secrets';
import { createExportHandler } from '../../../lambdas/export';
import { createNegotiationsHandler } from '../../../lambdas/negotiations';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import type { NegotiationEdit } from '../../../shared/negotiation/negotiation-api';
import { signRequest } from '../../../shared/platform/signing';
import { acceptSampleProposals } from '../../support/accepted-commitments';
import { startDynamo } from '../../support/local-servers';

const SECRET = 'n'.repeat(64);
const round = DEFAULT_ROUND;
const TARGET = { method: 'POST', path: '/v1/negotiations' };
const hmac = (k: string, m: string) => createHmac('sha256', k).update(m).digest('hex');
const REASON = 'Instansi utama mendukung dan tonggak sesuai periode rencana aksi (ilustrasi).';
let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let proposals: DynamoProposalStore;
let negotiations: DynamoNegotiationStore;
let now = new Date('2022-09-01T02:00:00Z');
let commitmentIds: string[] = [];
let leads: string[] = [];
const handler = createNegotiationsHandler(() => ({
  negotiations,
  rounds: proposals,
  nonces: proposals,
  secrets: plainSecret(SECRET),
  round,
  now: () => now,
}));

async function call(body: string, headers?: Record<string, string>) {
  now = new Date(now.getTime() + 1000); // a fresh signature per request (replays are refused)
  const e = {
    headers: headers ?? signRequest(SECRET, body, now.getTime() / 1000, hmac, TARGET),
    body,
    isBase64Encoded: false,
    rawPath: TARGET.path,
    requestContext: { http: TARGET },
  } as unknown as APIGatewayProxyEventV2;
  const res = await handler(e);
  expect(res.statusCode).toBeLessThan(500);
  return { status: res.statusCode, body: JSON.parse(res.body ?? 'null') };
}
const post = (edits: unknown, extra: Record<string, unknown> = {}) =>
  call(JSON.stringify({ edits, ...extra }));

const row = (
  i: number,
  expectedVersion: number,
  changes: NegotiationEdit['changes'],
  actor = 'Sekretariat',
): NegotiationEdit => ({
  commitmentId: commitmentIds[i] as string,
  agency: leads[i] as string,
  expectedVersion,
  actor,
  changes,
});

beforeAll(async () => {
  dynamo = await startDynamo();
  proposals = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  negotiations = new DynamoNegotiationStore(dynamo.doc, dynamo.tableName);
  ({ commitmentIds, leads } = await acceptSampleProposals(proposals, round, () => now, 4));
});
afterAll(async () => dynamo.close());
beforeEach(() => {
  now = new Date(now.getTime() + 60_000);
});

describe('POST /v1/negotiations against dynalite', () => {
  it('starts a commitment never negotiated from its CSO text and applies the first edit as version 2', async () => {
    const res = await post([
      row(0, 1, [
        { field: 'position', from: 'pending', to: 'supports' },
        { field: 'channel', to: 'meeting' },
      ]),
    ]);
    expect(res.status).toBe(200);
    const [r] = res.body.results;
    expect(r).toMatchObject({ ok: true, version: 2, rebased: false });
    expect(r.state.status).toBe('in_discussion');
    expect(r.state.texts[0]).toMatchObject({ revision: 1, source: 'cso' });
    expect(r.state.texts[0].text.leadAgency).toBe(leads[0]);
    expect(r.state.agencies[0]).toMatchObject({
      agency: leads[0],
      role: 'lead',
      position: 'supports',
      channel: 'meeting',
    });
    const stored = (await negotiations.getNegotiations(round.id, [commitmentIds[0] as string])).get(
      commitmentIds[0] as string,
    );
    expect(stored?.version).toBe(2);
  });

  it('two edits of the same row against the same version: the first is applied, the second refused as a conflict', async () => {
    const first = await post([
      row(1, 1, [{ field: 'position', from: 'pending', to: 'needs_budget' }], 'Ani'),
    ]);
    expect(first.body.results[0]).toMatchObject({ ok: true, version: 2 });
    const second = await post([row(1, 1, [{ field: 'position', from: 'pending', to: 'declines' }], 'Budi')]);
    expect(second.body.results[0]).toMatchObject({
      ok: false,
      code: 'conflict',
      conflicts: [{ field: 'position', current: 'needs_budget', yours: 'declines' }],
    });
    expect(second.body.results[0].message.en).toContain('changed by someone else');
    const stored = (await negotiations.getNegotiations(round.id, [commitmentIds[1] as string])).get(
      commitmentIds[1] as string,
    );
    expect(stored?.agencies[0]?.position).toBe('needs_budget');
    expect(stored?.version).toBe(2);
  });

  it('two concurrent requests editing the same field: exactly one is applied, the other refused', async () => {
    const [a, b] = await Promise.all([
      post([row(2, 1, [{ field: 'note', from: '', to: 'Rapat teknis minggu depan' }], 'Ani')]),
      post([row(2, 1, [{ field: 'note', from: '', to: 'Menunggu surat resmi' }], 'Budi')]),
    ]);
    const results = [a.body.results[0], b.body.results[0]];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.code === 'conflict')).toHaveLength(1);
    const winner = results.find((r) => r.ok);
    const stored = (await negotiations.getNegotiations(round.id, [commitmentIds[2] as string])).get(
      commitmentIds[2] as string,
    );
    expect(stored?.agencies[0]?.note).toBe(winner.state.agencies[0].note);
    expect(stored?.version).toBe(2);
  });

  it('rebases a stale edit of a field nobody else changed', async () => {
    const res = await post([row(1, 1, [{ field: 'nextMeeting', from: null, to: '2022-09-20' }])]);
    expect(res.body.results[0]).toMatchObject({ ok: true, version: 3, rebased: true });
    expect(res.body.results[0].state.agencies[0].position).toBe('needs_budget');
  });

  it('applies an agency-form answer once: the same response again is a duplicate and changes nothing', async () => {
    const answer = {
      commitmentId: commitmentIds[3],
      agency: leads[3],
      actor: `${leads[3]} (formulir)`,
      responseId: 'agency-resp-1',
      changes: [
        { field: 'position', to: 'supports_with_changes' },
        { field: 'channel', to: 'form' },
        { field: 'note', to: 'Tonggak kedua digeser ke 2024' },
      ],
    };
    const first = await post([answer]);
    expect(first.body.results[0]).toMatchObject({ ok: true, version: 2 });
    const again = await post([answer]);
    expect(again.body.results[0]).toMatchObject({ ok: true, version: 2, duplicate: true });
    const stored = (await negotiations.getNegotiations(round.id, [commitmentIds[3] as string])).get(
      commitmentIds[3] as string,
    );
    expect(stored?.audit.filter((e) => e.responseId === 'agency-resp-1')).toHaveLength(1);
  });

  it('refuses an answer from an agency that is not on the commitment, and an unknown commitment', async () => {
    const res = await post([
      {
        commitmentId: commitmentIds[3],
        agency: 'Badan Lain',
        actor: 'x',
        responseId: 'agency-resp-2',
        changes: [{ field: 'position', to: 'supports' }],
      },
      {
        commitmentId: 'c_0000000000000000',
        expectedVersion: 1,
        actor: 'x',
        changes: [{ field: 'nextMeeting', to: '2022-10-01' }],
      },
    ]);
    expect(res.body.results.map((r: { code: string }) => r.code)).toEqual(['unknown_agency', 'not_found']);
  });

  it('refuses an illegal transition and a final status without a reasoned explanation, with bilingual messages', async () => {
    const skip = await post([{ ...row(0, 2, [{ field: 'status', from: 'in_discussion', to: 'adopted' }]) }]);
    expect(skip.body.results[0]).toMatchObject({ ok: false, code: 'illegal_transition' });
    expect(skip.body.results[0].message.id).toContain('tidak dapat diubah');
    const bare = await post([{ ...row(0, 2, [{ field: 'status', from: 'in_discussion', to: 'agreed' }]) }]);
    expect(bare.body.results[0]).toMatchObject({ ok: false, code: 'reason_required' });
    const agreed = await post([
      row(0, 2, [
        { field: 'status', from: 'in_discussion', to: 'agreed' },
        { field: 'reasonedResponse', from: '', to: REASON },
      ]),
    ]);
    expect(agreed.body.results[0]).toMatchObject({ ok: true, version: 3 });
    expect(agreed.body.results[0].state.status).toBe('agreed');
  });

  it('records focal points without answering them back or putting them in a negotiation', async () => {
    const res = await post([], {
      focalPoints: [{ agency: leads[0], name: 'Narahubung Fiktif Satu', email: 'satu@agency.example.org' }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ results: [], focalPoints: 1 });
    expect(await negotiations.listFocalPoints(round.id)).toEqual([
      { agency: leads[0], name: 'Narahubung Fiktif Satu', email: 'satu@agency.example.org' },
    ]);
    const all = JSON.stringify([...(await negotiations.listNegotiations(round.id)).values()]);
    expect(all).not.toContain('satu@agency.example.org');
    const bad = await post([], { focalPoints: [{ agency: 'X', name: 'Y', email: 'not-an-email' }] });
    expect(bad.status).toBe(400);
  });

  it('answers every commitment’s negotiation for the negotiation tab with list: true, without the audit', async () => {
    const res = await post([], { list: true });
    expect(res.status).toBe(200);
    expect(res.body.negotiations.map((n: { commitmentId: string }) => n.commitmentId).sort()).toEqual(
      [...commitmentIds].sort(),
    );
    for (const n of res.body.negotiations) {
      expect(n.audit).toEqual([]);
      expect(n.texts).toHaveLength(1);
    }
    expect(JSON.stringify(res.body)).not.toContain('satu@agency.example.org');
  });

  it('refuses unsigned and malformed requests without a 500', async () => {
    expect((await call(JSON.stringify({ edits: [] }), {})).status).toBe(401);
    expect((await post('nope')).status).toBe(400);
    expect(
      (
        await post([
          {
            commitmentId: commitmentIds[0],
            expectedVersion: 1,
            actor: 'x',
            changes: [{ field: 'position', to: 'supports' }],
          },
        ])
      ).status,
    ).toBe(400);
    expect(
      (
        await post([
          {
            commitmentId: commitmentIds[0],
            actor: 'x',
            changes: [{ field: 'nextMeeting', to: '2022-10-01' }],
          },
        ])
      ).status,
    ).toBe(400);
  });
});

describe('GET /v1/export/proposals.json with negotiations', () => {
  it('carries per commitment its negotiation: status, agencies, CSO text beside the agreed text, no focal point', async () => {
    const exportHandler = createExportHandler(() => ({
      store: proposals,
      negotiations,
      round,
      now: () => now,
    }));
    const res = await exportHandler({
      rawPath: '/v1/export/proposals.json',
      headers: {},
    } as unknown as APIGatewayProxyEventV2);
    const data = JSON.parse(res.body ?? '{}');
    expect(data.commitments).toHaveLength(4);
    for (const c of data.commitments) {
      expect(c.negotiation).toEqual(
        expect.objectContaining({
          status: expect.any(String),
          agencies: expect.arrayContaining([
            expect.objectContaining({ role: 'lead', position: expect.any(String) }),
          ]),
          proposedText: expect.objectContaining({ problem: expect.any(String), action: expect.any(String) }),
          meetings: expect.any(Array),
        }),
      );
    }
    const agreed = data.commitments.find((c: { id: string }) => c.id === commitmentIds[0]);
    expect(agreed.negotiation.status).toBe('agreed');
    expect(agreed.negotiation.agreedText).toEqual(agreed.negotiation.proposedText);
    expect(agreed.negotiation.reasonedResponse).toBe(REASON);
    const open = data.commitments.find((c: { id: string }) => c.id === commitmentIds[1]);
    expect(open.negotiation.agreedText).toBeNull();
    expect(open.negotiation.agencies[0]).toMatchObject({
      position: 'needs_budget',
      respondedAt: expect.any(String),
    });
    const body = res.body ?? '';
    expect(body).not.toContain('satu@agency.example.org');
    expect(body).not.toContain('Narahubung Fiktif');
    expect(body).not.toContain('Rapat teknis minggu depan'); // agency notes stay internal
  });
});
