import { describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { MemoryProposalStore } from '../../../../lambdas/adapters/memory-proposal-store';
import { type BulkRow, inFlightFor, ingestMany } from '../../../../lambdas/services/bulk-ingest';
import { ingestSubmission } from '../../../../lambdas/services/ingest-service';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import type { StoredProposal } from '../../../../shared/ingest/ingest';
import type { Answers } from '../../../../shared/ingest/proposal';

const spec = formSpec(DEFAULT_ROUND);
const now = () => new Date('2022-09-01T00:00:00Z');

function rows(n: number, edit = '', from = 0): BulkRow[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const base = SAMPLE_PROPOSALS[i % SAMPLE_PROPOSALS.length]?.answers as Answers;
    return {
      line: k + 2,
      submission: {
        responseId: `csv-${i}`,
        submittedAt: new Date(Date.UTC(2022, 7, 1) + i * 1000).toISOString(),
        source: 'csv' as const,
        answers: {
          ...base,
          title: `${String(base.title)} (${i})`,
          organisation: `Organisasi Uji ${i} (fiktif)`,
          problem: `${String(base.problem)}${edit}`,
        },
      },
    };
  });
}

/** A store whose conditional writes of revisions run `before` once per proposal, just before writing. */
class InterleavingStore extends MemoryProposalStore {
  private readonly done = new Set<string>();
  constructor(private readonly before: (record: StoredProposal) => Promise<void>) {
    super();
  }
  override async save(record: StoredProposal, expectedVersion?: number) {
    if (expectedVersion !== undefined && !this.done.has(record.id)) {
      this.done.add(record.id);
      await this.before(record);
    }
    return super.save(record, expectedVersion);
  }
}

describe('bulk ingest of revised rows', () => {
  it('stores every revision once and keeps each previous revision in the history', async () => {
    const store = new MemoryProposalStore();
    const deps = { store, spec, round: DEFAULT_ROUND, now };
    await ingestMany(deps, rows(120));
    const summary = await ingestMany(deps, [...rows(60, ' (direvisi)'), ...rows(90, '', 60)]);
    expect(summary).toMatchObject({ rows: 150, created: 30, revised: 60, unchanged: 60 });
    const stored = await store.listRound(DEFAULT_ROUND.id);
    expect(stored).toHaveLength(150);
    const revised = stored.filter((p) => p.problem.endsWith(' (direvisi)'));
    expect(revised).toHaveLength(60);
    expect(revised.every((p) => p.revision === 2 && p.version === 2)).toBe(true);
    expect(store.history.size).toBe(60);
    expect([...store.history.values()].every((p) => p.revision === 1 && !p.problem.endsWith(')'))).toBe(true);
    // A second run of the same file changes nothing.
    const again = await ingestMany(deps, [...rows(60, ' (direvisi)'), ...rows(90, '', 60)]);
    expect(again).toMatchObject({ created: 0, revised: 0, unchanged: 150 });
    expect(store.history.size).toBe(60);
  });

  it('does not overwrite a newer edit that arrives through the API while the import writes', async () => {
    let store: InterleavingStore;
    const deps = () => ({ store, spec, round: DEFAULT_ROUND, now });
    const newer = rows(40, ' (diedit lagi)').map((r) => ({
      ...r.submission,
      submittedAt: new Date(Date.parse(r.submission.submittedAt) + 3600_000).toISOString(),
    }));
    store = new InterleavingStore(async (record) => {
      const body = newer.find((b) => b.responseId === record.responseId);
      if (body) await ingestSubmission(deps(), body);
    });
    await ingestMany(deps(), rows(40));
    const summary = await ingestMany(deps(), rows(40, ' (direvisi)'));
    // Every row of the file found a newer revision stored: none of them is written over it.
    expect(summary).toMatchObject({ revised: 0, unchanged: 40 });
    const stored = await store.listRound(DEFAULT_ROUND.id);
    expect(stored.every((p) => p.problem.endsWith(' (diedit lagi)') && p.revision === 2)).toBe(true);
    expect(store.history.size).toBe(40);
  });

  it('writes a revision over a concurrent status change, keeping the status and the history of both', async () => {
    let store: InterleavingStore;
    // Someone moves the proposal on (a new version, same content) between the import's read and write.
    store = new InterleavingStore(async (record) => {
      const current = (await store.get(record.roundId, record.id)) as StoredProposal;
      await store.saveHistory(current);
      await MemoryProposalStore.prototype.save.call(
        store,
        { ...current, status: 'in_review', version: current.version + 1, revision: current.revision + 1 },
        current.version,
      );
    });
    const deps = { store, spec, round: DEFAULT_ROUND, now };
    await ingestMany(deps, rows(30));
    const summary = await ingestMany(deps, rows(30, ' (direvisi)'));
    expect(summary).toMatchObject({ revised: 30, unchanged: 0 });
    const stored = await store.listRound(DEFAULT_ROUND.id);
    expect(
      stored.every((p) => p.problem.endsWith(' (direvisi)') && p.status === 'in_review' && p.version === 3),
    ).toBe(true);
    // Revision 1 (the import's read) and revision 2 (the concurrent change) are both in the history.
    expect(store.history.size).toBe(60);
  });
});

describe('bulk ingest of rows read as they are written', () => {
  it('writes the first batches before the last row is read, and every row once', async () => {
    const store = new (class extends MemoryProposalStore {
      batchesWritten = 0;
      override async putMany(records: StoredProposal[]) {
        await super.putMany(records);
        this.batchesWritten++;
      }
    })();
    const all = rows(300);
    let writtenWhenLastRead = -1;
    function* streamed() {
      for (const [i, row] of all.entries()) {
        if (i === all.length - 1) writtenWhenLastRead = store.batchesWritten;
        yield row;
      }
    }
    const progress: [number, number][] = [];
    const summary = await ingestMany({ store, spec, round: DEFAULT_ROUND, now }, streamed(), {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(writtenWhenLastRead).toBeGreaterThan(0);
    expect(summary).toMatchObject({ rows: 300, created: 300 });
    expect(await store.listRound(DEFAULT_ROUND.id)).toHaveLength(300);
    // While streaming, the total is the rows read so far; it is exact at the end.
    expect(progress.every(([done, total]) => done <= total)).toBe(true);
    expect(progress.at(-1)).toEqual([300, 300]);
  });

  it('keeps writing new rows while many revisions wait for their conditional writes', async () => {
    // 500 revisions first, then 50 new rows: the revisions' writes wait until the new rows are stored,
    // which only happens if the revisions do not hold the batches behind them.
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const store = new (class extends MemoryProposalStore {
      override async putMany(records: StoredProposal[]) {
        await super.putMany(records);
        if (records.some((r) => r.responseId === 'csv-549')) release();
      }
      override async save(record: StoredProposal, expectedVersion?: number) {
        if (expectedVersion !== undefined) await gate;
        return super.save(record, expectedVersion);
      }
    })();
    const deps = { store, spec, round: DEFAULT_ROUND, now };
    await ingestMany(deps, rows(500));
    const summary = await ingestMany(deps, [...rows(500, ' (direvisi)'), ...rows(50, '', 500)]);
    expect(summary).toMatchObject({ rows: 550, created: 50, revised: 500 });
    const stored = await store.listRound(DEFAULT_ROUND.id);
    expect(stored.filter((p) => p.problem.endsWith(' (direvisi)'))).toHaveLength(500);
    expect(store.history.size).toBe(500);
  });
});

describe('batches in flight', () => {
  it('covers the round trip with the time it takes to prepare a batch, within the bounds', () => {
    expect(inFlightFor(20, 2, 4, 16)).toBe(11);
    expect(inFlightFor(2, 2, 4, 16)).toBe(4);
    expect(inFlightFor(500, 1, 4, 16)).toBe(16);
    expect(inFlightFor(0, 1, 4, 16)).toBe(4);
  });
});
