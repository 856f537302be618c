import { describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { MemoryProposalStore } from '../../../../lambdas/adapters/memory-proposal-store';
import { ingestSubmission } from '../../../../lambdas/services/ingest-service';
import { applyReviewEdits } from '../../../../lambdas/services/reviews-service';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import type { SubmissionBody } from '../../../../shared/ingest/ingest';

const now = () => new Date('2022-08-10T03:00:00Z');

async function storeWithProposal() {
  const store = new MemoryProposalStore();
  const body = {
    responseId: 'resp-r1',
    submittedAt: '2022-08-01T02:00:00.000Z',
    answers: SAMPLE_PROPOSALS[0]?.answers ?? {},
  } as SubmissionBody;
  const { id } = await ingestSubmission(
    { store, spec: formSpec(DEFAULT_ROUND), round: DEFAULT_ROUND, now },
    body,
  );
  return { store, id, deps: { store, round: DEFAULT_ROUND, now } };
}

describe('applyReviewEdits on the in-memory store', () => {
  it('applies an edit made against the current version and stores the next version', async () => {
    const { store, id, deps } = await storeWithProposal();
    const [result] = await applyReviewEdits(deps, [
      {
        proposalId: id,
        expectedVersion: 1,
        actor: 'Rina (peninjau)',
        changes: [{ field: 'status', to: 'in_review' }],
      },
    ]);
    expect(result).toMatchObject({ ok: true, version: 2, rebased: false });
    expect((await store.getReviews(DEFAULT_ROUND.id, [id])).get(id)).toMatchObject({
      status: 'in_review',
      version: 2,
    });
  });

  it('refuses a stale edit of a field someone else changed, and keeps what is stored', async () => {
    const { store, id, deps } = await storeWithProposal();
    await applyReviewEdits(deps, [
      { proposalId: id, expectedVersion: 1, actor: 'Rina', changes: [{ field: 'status', to: 'in_review' }] },
    ]);
    const [stale] = await applyReviewEdits(deps, [
      {
        proposalId: id,
        expectedVersion: 1,
        actor: 'Budi',
        changes: [{ field: 'status', from: 'submitted', to: 'needs_revision' }],
      },
    ]);
    expect(stale).toMatchObject({ ok: false, code: 'conflict' });
    expect((await store.getReviews(DEFAULT_ROUND.id, [id])).get(id)).toMatchObject({
      status: 'in_review',
      version: 2,
    });
  });

  it('says not found for a proposal the round does not hold', async () => {
    const { deps } = await storeWithProposal();
    const [result] = await applyReviewEdits(deps, [
      {
        proposalId: 'nope',
        expectedVersion: 1,
        actor: 'Rina',
        changes: [{ field: 'status', to: 'in_review' }],
      },
    ]);
    expect(result).toMatchObject({ ok: false, code: 'not_found' });
  });
});
