// Bulk import of 10,000 proposals (CSV -> validation -> DynamoDB), side by side with a naive loop of one
// PutItem per proposal and with the limit: raw BatchWriteItem of the same items with no validation.
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../lambdas/adapters/aws-clients';
import { DynamoProposalStore, toItem } from '../lambdas/adapters/dynamodb-proposal-store';
import { ingestMany } from '../lambdas/bulk-ingest';
import { answersToTitles } from '../shared/answers';
import { parseCsv, toCsv } from '../shared/csv';
import { submissionsFromCsv } from '../shared/form-export';
import { allQuestions, formSpec, questionTitle } from '../shared/form-spec';
import { DEFAULT_ROUND } from '../shared/round';
import { evaluateSubmission, planIngest } from '../shared/submission';
import { createTable, dynaliteProcess, type Result, syntheticAnswers, time } from './support';

const N = Number(process.env.BENCH_IMPORT_N ?? 10_000);

export async function benchImport(log: (s: string) => void): Promise<Result[]> {
  const spec = formSpec(DEFAULT_ROUND);
  const titles = allQuestions(spec).map(questionTitle);
  const answers = syntheticAnswers(N);
  const csv = toCsv([
    ['Timestamp', ...titles],
    ...answers.map((a, i) => {
      const byTitle = answersToTitles(spec, a);
      const ts = new Date(Date.UTC(2022, 7, 1) + i * 1000).toISOString();
      return [
        ts,
        ...titles.map((t) => {
          const v = byTitle[t];
          return Array.isArray(v) ? v.join(';') : (v ?? '');
        }),
      ];
    }),
  ]);
  const db = await dynaliteProcess();
  try {
    const now = () => new Date('2022-09-01T00:00:00Z');
    // Warm-up: the first writes to a fresh dynalite and the SDK's first calls are slower (JIT, sockets),
    // which would favour whichever variant runs last.
    await createTable(db.url, 'bench-warm');
    const warmDoc = makeDocumentClient({ dynamodbEndpoint: db.url });
    const warmRows = submissionsFromCsv(spec, parseCsv(csv), now().toISOString()).rows.slice(0, 500);
    await ingestMany(
      { store: new DynamoProposalStore(warmDoc, 'bench-warm'), spec, round: DEFAULT_ROUND, now },
      warmRows,
    );
    for (const row of warmRows.slice(0, 100)) {
      const { proposal, issues } = evaluateSubmission(row.submission, spec, DEFAULT_ROUND);
      await warmDoc.send(
        new PutCommand({
          TableName: 'bench-warm',
          Item: toItem(planIngest(undefined, proposal, issues, now().toISOString()).record),
        }),
      );
    }
    warmDoc.destroy();
    // 1. Ours: CSV -> mapping -> validation -> one read of the round -> batched writes.
    await createTable(db.url, 'bench-ours');
    const oursDoc = makeDocumentClient({ dynamodbEndpoint: db.url });
    const ours = await time(async () => {
      const rows = submissionsFromCsv(spec, parseCsv(csv), now().toISOString()).rows;
      return ingestMany(
        { store: new DynamoProposalStore(oursDoc, 'bench-ours'), spec, round: DEFAULT_ROUND, now },
        rows,
      );
    });
    if (ours.value.created !== N) throw new Error(`import created ${ours.value.created} of ${N}`);
    log(`  import (ours): ${N} in ${ours.ms.toFixed(0)} ms`);

    // 2. Naive: the same mapping and validation, then one PutItem per proposal, one after another.
    await createTable(db.url, 'bench-naive');
    const naiveDoc = makeDocumentClient({ dynamodbEndpoint: db.url });
    const naive = await time(async () => {
      const rows = submissionsFromCsv(spec, parseCsv(csv), now().toISOString()).rows;
      for (const row of rows) {
        const { proposal, issues } = evaluateSubmission(row.submission, spec, DEFAULT_ROUND);
        const plan = planIngest(undefined, proposal, issues, now().toISOString());
        await naiveDoc.send(new PutCommand({ TableName: 'bench-naive', Item: toItem(plan.record) }));
      }
    });
    log(`  import (naive PutItem loop): ${N} in ${naive.ms.toFixed(0)} ms`);

    // 3. The limit: the same items, prepared beforehand, written with raw BatchWriteItem (same concurrency).
    await createTable(db.url, 'bench-raw');
    const rawDoc = makeDocumentClient({ dynamodbEndpoint: db.url });
    const items = submissionsFromCsv(spec, parseCsv(csv), now().toISOString()).rows.map((row) => {
      const { proposal, issues } = evaluateSubmission(row.submission, spec, DEFAULT_ROUND);
      return toItem(planIngest(undefined, proposal, issues, now().toISOString()).record);
    });
    const raw = await time(async () => {
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          const batch = items.slice(next, next + 25);
          next += 25;
          let pending = batch.map((Item) => ({ PutRequest: { Item } }));
          while (pending.length) {
            const out = await rawDoc.send(new BatchWriteCommand({ RequestItems: { 'bench-raw': pending } }));
            pending = (out.UnprocessedItems?.['bench-raw'] ?? []) as typeof pending;
          }
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
    });
    log(`  import (raw BatchWriteItem limit): ${N} in ${raw.ms.toFixed(0)} ms`);
    for (const d of [oursDoc, naiveDoc, rawDoc]) d.destroy();

    const rate = (ms: number) => (N / ms) * 1000;
    return [
      { name: 'import.naive_put_loop', value: rate(naive.ms), unit: 'proposals/s' },
      { name: 'import.raw_batch_write_limit', value: rate(raw.ms), unit: 'proposals/s' },
      {
        name: 'import.ours_vs_naive',
        value: rate(ours.ms),
        unit: 'proposals/s',
        baseline: 'import.naive_put_loop',
        ratio: naive.ms / ours.ms,
        target: '>= 5x',
      },
      {
        name: 'import.ours_vs_raw_limit',
        value: rate(ours.ms),
        unit: 'proposals/s',
        baseline: 'import.raw_batch_write_limit',
        ratio: raw.ms / ours.ms,
        target: '>= 0.7',
      },
    ];
  } finally {
    db.stop();
  }
}
