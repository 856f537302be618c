import { describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { MemoryProposalStore } from '../../../../lambdas/adapters/memory-proposal-store';
import { ingestSubmission } from '../../../../lambdas/services/ingest-service';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import type { SubmissionBody } from '../../../../shared/ingest/ingest';
import { DomainError } from '../../../../shared/platform/errors';

const answers = SAMPLE_PROPOSALS[0]?.answers ?? {};
const body = (
  responseId: string,
  over: Record<string, string | string[]> = {},
  submittedAt = '2022-08-01T02:00:00.000Z',
): SubmissionBody => ({ responseId, submittedAt, answers: { ...answers, ...over } }) as SubmissionBody;

function deps(store = new MemoryProposalStore()) {
  return {
    store,
    spec: formSpec(DEFAULT_ROUND),
    round: DEFAULT_ROUND,
    now: () => new Date('2022-08-05T03:00:00Z'),
  };
}

describe('ingestSubmission on the in-memory store', () => {
  it('creates a proposal once and answers unchanged when the same submission arrives again', async () => {
    const d = deps();
    const first = await ingestSubmission(d, body('resp-1'));
    expect(first).toMatchObject({ result: 'create', revision: 1, valid: true });
    const again = await ingestSubmission(d, body('resp-1'));
    expect(again).toMatchObject({ id: first.id, result: 'unchanged', revision: 1 });
    expect(await d.store.listRound(DEFAULT_ROUND.id)).toHaveLength(1);
  });

  it('revises an edited response and keeps the earlier revision', async () => {
    const d = deps();
    const first = await ingestSubmission(d, body('resp-2'));
    const edited = await ingestSubmission(d, body('resp-2', {}, '2022-08-02T02:00:00.000Z'));
    const changed = await ingestSubmission(
      d,
      body('resp-2', { title: 'Judul yang diubah / An edited title' }, '2022-08-03T02:00:00.000Z'),
    );
    expect(edited.result).not.toBe('create');
    expect(changed).toMatchObject({ id: first.id, result: 'revise' });
    expect(changed.revision).toBeGreaterThan(first.revision);
    expect((await d.store.get(DEFAULT_ROUND.id, first.id))?.title).toBe(
      'Judul yang diubah / An edited title',
    );
  });

  it('stores an invalid submission with its issues instead of dropping it', async () => {
    const d = deps();
    const out = await ingestSubmission(d, body('resp-3', { title: '' }));
    expect(out.valid).toBe(false);
    expect(out.issues.map((i) => i.field)).toContain('title');
    expect(await d.store.get(DEFAULT_ROUND.id, out.id)).toMatchObject({ valid: false });
  });

  it('re-reads and re-plans when another writer saves the same proposal between its read and its write', async () => {
    const store = new MemoryProposalStore();
    const save = store.save.bind(store);
    let raced = false;
    store.save = async (record, expectedVersion) => {
      if (!raced) {
        raced = true;
        await save(record, expectedVersion); // the other writer wins
        throw new DomainError('conflict', { id: 'konflik', en: 'conflict' });
      }
      return save(record, expectedVersion);
    };
    const out = await ingestSubmission(deps(store), body('resp-4'));
    expect(out.result).toBe('unchanged');
    expect(await store.listRound(DEFAULT_ROUND.id)).toHaveLength(1);
  });
});
