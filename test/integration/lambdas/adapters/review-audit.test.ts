// A proposal edited many times stays decidable: audit events live in their own items, the review item
// keeps a bounded tail, and every item stays inside DynamoDB's limits (checked, and enforced by dynalite).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { DynamoProposalStore } from '../../../../lambdas/adapters/dynamodb-proposal-store';
import { ingestSubmission } from '../../../../lambdas/services/ingest-service';
import { applyReviewEdits } from '../../../../lambdas/services/reviews-service';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { AUDIT_TAIL } from '../../../../shared/review/review';
import { watchItemLimits } from '../../../support/item-limits';
import { startDynamo } from '../../../support/local-servers';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let store: DynamoProposalStore;
let limits: ReturnType<typeof watchItemLimits>;
const round = DEFAULT_ROUND;
let clock = Date.parse('2022-08-20T00:00:00Z');
const now = () => {
  clock += 1000;
  return new Date(clock);
};

beforeAll(async () => {
  dynamo = await startDynamo();
  limits = watchItemLimits(dynamo.doc);
  store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
});
afterAll(async () => dynamo.close());

describe('review audit trail on dynalite', () => {
  it('keeps a proposal decidable after 60 edits of a 5,000-character reasoned response', async () => {
    const { id } = await ingestSubmission(
      { store, spec: formSpec(round), round, now },
      {
        responseId: 'audit-1',
        submittedAt: '2022-08-01T00:00:00.000Z',
        answers: SAMPLE_PROPOSALS[0]?.answers ?? {},
      },
    );
    let version = 1;
    const first = await applyReviewEdits({ store, round, now }, [
      {
        proposalId: id,
        expectedVersion: version,
        actor: 'rina@oms.example',
        changes: [{ field: 'status', to: 'in_review' }],
      },
    ]);
    version = first[0]?.ok ? first[0].version : version;
    for (let i = 0; i < 60; i++) {
      const [r] = await applyReviewEdits({ store, round, now }, [
        {
          proposalId: id,
          expectedVersion: version,
          actor: 'rina@oms.example',
          changes: [{ field: 'reasonedResponse', to: `${i} ${'alasan '.repeat(714)}`.slice(0, 5000) }],
        },
      ]);
      expect(r?.ok).toBe(true);
      if (r?.ok) version = r.version;
    }
    const [decided] = await applyReviewEdits({ store, round, now }, [
      {
        proposalId: id,
        expectedVersion: version,
        actor: 'rina@oms.example',
        changes: [{ field: 'status', to: 'accepted' }],
      },
    ]);
    expect(decided).toMatchObject({ ok: true, state: { status: 'accepted' } });
    const state = (await store.getReviews(round.id, [id])).get(id);
    expect(state?.audit.length).toBe(AUDIT_TAIL);
    expect(state?.audit.at(-1)).toMatchObject({
      changes: [{ field: 'status', from: 'in_review', to: 'accepted' }],
    });
    const trail = await store.auditTrail(round.id, id);
    expect(trail.map((e) => e.version)).toEqual(Array.from({ length: 62 }, (_, i) => i + 2));
    expect(trail[30]?.changes[0]?.to).toHaveLength(5000);
    expect(limits.violations).toEqual([]);
  });

  it('answers an edit as saved when its audit event item cannot be written, and still shows the event in the trail', async () => {
    // Fault injected between the store and dynalite: every PutItem of an audit event item fails, as
    // a throttled or unreachable table would after the review's own write went through.
    let auditPutsRefused = 0;
    const failing = new Proxy(dynamo.doc, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver);
        return (command: { input?: { Item?: { pk?: unknown } } }, ...rest: unknown[]) => {
          if (String(command.input?.Item?.pk ?? '').startsWith('AUDIT#')) {
            auditPutsRefused++;
            return Promise.reject(
              Object.assign(
                new Error('The level of configured provisioned throughput for the table was exceeded.'),
                {
                  name: 'ProvisionedThroughputExceededException',
                },
              ),
            );
          }
          return (target.send as (...a: unknown[]) => Promise<unknown>).call(target, command, ...rest);
        };
      },
    });
    const faulty = new DynamoProposalStore(failing, dynamo.tableName);
    const { id } = await ingestSubmission(
      { store, spec: formSpec(round), round, now },
      {
        responseId: 'audit-fault-1',
        submittedAt: '2022-08-02T00:00:00.000Z',
        answers: SAMPLE_PROPOSALS[1]?.answers ?? {},
      },
    );
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: unknown) => {
      errors.push(String(line));
    });
    try {
      const [r] = await applyReviewEdits({ store: faulty, round, now }, [
        {
          proposalId: id,
          expectedVersion: 1,
          actor: 'rina@oms.example',
          changes: [{ field: 'status', to: 'in_review' }],
        },
      ]);
      expect(r).toMatchObject({ ok: true, version: 2 });
    } finally {
      spy.mockRestore();
    }
    expect(auditPutsRefused).toBeGreaterThan(1);
    expect(errors.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({ level: 'error', proposalId: id, version: 2 }),
    );
    // A second edit through the healthy store: its event gets its own item, the first one comes
    // from the review item's tail, so the trail has no gap.
    const [second] = await applyReviewEdits({ store, round, now }, [
      {
        proposalId: id,
        expectedVersion: 2,
        actor: 'rina@oms.example',
        changes: [{ field: 'reasonedResponse', to: 'Diteruskan ke kelompok kerja.' }],
      },
    ]);
    expect(second).toMatchObject({ ok: true, version: 3 });
    const trail = await store.auditTrail(round.id, id);
    expect(trail.map((e) => [e.version, e.changes[0]?.to])).toEqual([
      [2, 'in_review'],
      [3, 'Diteruskan ke kelompok kerja.'],
    ]);
  });
});
