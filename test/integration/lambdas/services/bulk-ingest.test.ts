import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { DynamoProposalStore } from '../../../../lambdas/adapters/dynamodb-proposal-store';
import { ingestMany } from '../../../../lambdas/services/bulk-ingest';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { keys } from '../../../../shared/definitions/table';
import { submissionsFromCsv } from '../../../../shared/ingest/form-export';
import { parseCsv } from '../../../../shared/platform/csv';
import { startDynamo } from '../../../support/local-servers';
import { sampleCsv } from '../../../support/sample-csv';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
const spec = formSpec(DEFAULT_ROUND);

beforeAll(async () => {
  dynamo = await startDynamo();
});
afterAll(async () => dynamo.close());

describe('bulk ingest of a CSV export against dynalite', () => {
  const rows = [
    ...SAMPLE_PROPOSALS.map((s, i) => ({
      timestamp: `0${1 + (i % 9)}/08/2022 10:${String(i).padStart(2, '0')}:00`,
      answers: s.answers,
    })),
    { timestamp: '03/08/2022 11:00:00', answers: { title: 'Usulan tanpa isi' } },
  ];
  const csv = sampleCsv([...rows, rows[0] as (typeof rows)[number]]);

  it('imports every row once, counts invalid and duplicate rows, and a re-import changes nothing', async () => {
    const store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
    const deps = { store, spec, round: DEFAULT_ROUND, now: () => new Date('2022-08-05T00:00:00Z') };
    const mapping = submissionsFromCsv(spec, parseCsv(csv), '2022-08-05T00:00:00Z');
    const progress: number[] = [];
    const first = await ingestMany(deps, mapping.rows, { onProgress: (done) => progress.push(done) });
    expect(first).toMatchObject({ rows: 24, created: 23, accepted: 22, invalid: 1, duplicates: 1 });
    expect(progress.at(-1)).toBe(24);
    const stored = await store.listRound(DEFAULT_ROUND.id);
    expect(stored).toHaveLength(23);

    const second = await ingestMany(deps, mapping.rows);
    expect(second).toMatchObject({ rows: 24, created: 0, revised: 0, unchanged: 23 });
    expect(await store.listRound(DEFAULT_ROUND.id)).toEqual(stored);
  });

  it('writes edited rows as revisions, each once, with the earlier revision kept in the history', async () => {
    const store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
    const deps = { store, spec, round: DEFAULT_ROUND, now: () => new Date('2022-08-06T00:00:00Z') };
    // The row without an email (the last) is identified by its content: editing it would make a new row.
    const edited = rows.map((r, i) =>
      i === rows.length - 1
        ? r
        : { ...r, answers: { ...r.answers, problem: `${r.answers.problem ?? ''} (direvisi)` } },
    );
    const before = await store.listRound(DEFAULT_ROUND.id);
    const summary = await ingestMany(
      deps,
      submissionsFromCsv(spec, parseCsv(sampleCsv(edited)), '2022-08-06T00:00:00Z').rows,
    );
    expect(summary).toMatchObject({ created: 0, revised: 22, unchanged: 1 });
    const after = await store.listRound(DEFAULT_ROUND.id);
    expect(after).toHaveLength(23);
    expect(after.filter((a) => a.revision > 1)).toHaveLength(22);
    for (const p of after.filter((a) => a.revision > 1)) {
      const was = before.find((b) => b.id === p.id) as (typeof before)[number];
      expect(p).toMatchObject({ revision: was.revision + 1, version: was.version + 1 });
      const history = await dynamo.doc.send(
        new GetCommand({ TableName: dynamo.tableName, Key: keys.revision(p.roundId, p.id, was.revision) }),
      );
      expect(history.Item).toMatchObject({ id: p.id, problem: was.problem, revision: was.revision });
    }
  });

  it('writes nothing on a dry run', async () => {
    const store = new DynamoProposalStore(dynamo.doc, `${dynamo.tableName}`);
    const before = (await store.listRound(DEFAULT_ROUND.id)).length;
    const extra = submissionsFromCsv(
      spec,
      parseCsv(sampleCsv([{ timestamp: '09/08/2022 10:00:00', answers: { title: 'Baru' } }])),
      '',
    );
    const summary = await ingestMany(
      { store, spec, round: DEFAULT_ROUND, now: () => new Date() },
      extra.rows,
      { dryRun: true },
    );
    expect(summary.created).toBe(1);
    expect((await store.listRound(DEFAULT_ROUND.id)).length).toBe(before);
  });
});
