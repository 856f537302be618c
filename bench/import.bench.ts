// Bulk import of 10,000 proposals (CSV -> validation -> DynamoDB), side by side with a naive loop of one
// PutItem per proposal and with the limit: raw BatchWriteItem of the same items with no validation.
//
// Each measurement gets a fresh dynalite process (so no variant writes into a store that earlier ones
// have already filled) warmed up with the same writes, and the three variants run BENCH_IMPORT_RUNS times
// in rotating order; the medians are reported. Runs on this shared machine vary by tens of percent, so
// the spread is printed too.
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../lambdas/adapters/aws-clients';
import { DynamoProposalStore, toItem } from '../lambdas/adapters/dynamodb-proposal-store';
import { ingestMany } from '../lambdas/services/bulk-ingest';
import { allQuestions, formSpec, questionTitle } from '../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../shared/definitions/round';
import { answersToTitles } from '../shared/ingest/answers';
import { submissionsFromCsv } from '../shared/ingest/form-export';
import { evaluateSubmission, planIngest } from '../shared/ingest/ingest';
import { parseCsv, toCsv } from '../shared/platform/csv';
import { createTable, dynaliteProcess, processCpuMs, type Result, syntheticAnswers, time } from './support';

const N = Number(process.env.BENCH_IMPORT_N ?? 10_000);
const RUNS = Math.max(1, Number(process.env.BENCH_IMPORT_RUNS ?? 3));
const TABLE = 'bench-import';
const WARM_TABLE = 'bench-warm';

type Variant = 'ours' | 'naive' | 'raw';

export async function benchImport(log: (s: string) => void): Promise<Result[]> {
  const spec = formSpec(DEFAULT_ROUND);
  const titles = allQuestions(spec).map(questionTitle);
  const csv = toCsv([
    ['Timestamp', ...titles],
    ...syntheticAnswers(N).map((a, i) => {
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
  const now = () => new Date('2022-09-01T00:00:00Z');
  const nowIso = now().toISOString();
  const csvRows = () => submissionsFromCsv(spec, parseCsv(csv), nowIso).rows;
  const itemOf = (row: ReturnType<typeof csvRows>[number]) => {
    const { proposal, issues } = evaluateSubmission(row.submission, spec, DEFAULT_ROUND);
    return toItem(planIngest(undefined, proposal, issues, nowIso).record);
  };
  // The raw limit writes items prepared beforehand (outside its timing).
  const items = csvRows().map(itemOf);

  const variants: Record<Variant, (doc: ReturnType<typeof makeDocumentClient>) => Promise<void>> = {
    // Ours: CSV -> mapping -> validation -> one read of the round -> pipelined batched writes.
    ours: async (doc) => {
      const out = await ingestMany(
        { store: new DynamoProposalStore(doc, TABLE), spec, round: DEFAULT_ROUND, now },
        csvRows(),
      );
      if (out.created !== N) throw new Error(`import created ${out.created} of ${N}`);
    },
    // Naive: the same mapping and validation, then one PutItem per proposal, one after another.
    naive: async (doc) => {
      for (const row of csvRows()) await doc.send(new PutCommand({ TableName: TABLE, Item: itemOf(row) }));
    },
    // The limit: the same items, no validation, raw BatchWriteItem with four calls in flight (as ours).
    raw: async (doc) => {
      let next = 0;
      const worker = async () => {
        while (next < items.length) {
          let pending = items.slice(next, next + 25).map((Item) => ({ PutRequest: { Item } }));
          next += 25;
          while (pending.length) {
            const out = await doc.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
            pending = (out.UnprocessedItems?.[TABLE] ?? []) as typeof pending;
          }
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
    },
  };

  /** Wall time, and the share of it the DynamoDB server (one thread, plus GC) was busy. */
  const measure = async (variant: Variant): Promise<{ ms: number; serverBusy?: number }> => {
    const db = await dynaliteProcess();
    try {
      await createTable(db.url, WARM_TABLE);
      await createTable(db.url, TABLE);
      const doc = makeDocumentClient({ dynamodbEndpoint: db.url });
      // Warm-up, the same for every variant: a fresh server's first writes (and a fresh socket) are slower.
      const warmRows = csvRows().slice(0, 500);
      await ingestMany(
        { store: new DynamoProposalStore(doc, WARM_TABLE), spec, round: DEFAULT_ROUND, now },
        warmRows,
      );
      for (const row of warmRows.slice(0, 200))
        await doc.send(new PutCommand({ TableName: WARM_TABLE, Item: { ...itemOf(row), pk: 'WARM' } }));
      const cpu0 = processCpuMs(db.pid);
      const { ms } = await time(() => variants[variant](doc));
      const cpu1 = processCpuMs(db.pid);
      doc.destroy();
      return { ms, ...(cpu0 !== undefined && cpu1 !== undefined ? { serverBusy: (cpu1 - cpu0) / ms } : {}) };
    } finally {
      db.stop();
    }
  };

  const order: Variant[] = ['ours', 'naive', 'raw'];
  const runs: Record<Variant, number[]> = { ours: [], naive: [], raw: [] };
  for (let run = 0; run < RUNS; run++) {
    for (let k = 0; k < order.length; k++) {
      const variant = order[(run + k) % order.length] as Variant;
      const { ms, serverBusy } = await measure(variant);
      runs[variant].push(ms);
      const busy = serverBusy === undefined ? '' : `, server busy ${(serverBusy * 100).toFixed(0)} %`;
      log(`  run ${run + 1}/${RUNS} ${variant.padEnd(5)} ${N} in ${ms.toFixed(0)} ms${busy}`);
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  const ms = { ours: median(runs.ours), naive: median(runs.naive), raw: median(runs.raw) };
  const rate = (t: number) => (N / t) * 1000;
  const ratios = runs.ours.map((o, i) => [(runs.naive[i] as number) / o, (runs.raw[i] as number) / o]);
  log(
    `  median of ${RUNS}: ours ${ms.ours.toFixed(0)} ms, naive ${ms.naive.toFixed(0)} ms, raw ${ms.raw.toFixed(0)} ms;` +
      ` per run vs naive ${ratios.map((r) => `${r[0]?.toFixed(2)}x`).join(' ')},` +
      ` vs raw ${ratios.map((r) => r[1]?.toFixed(2)).join(' ')}`,
  );
  return [
    { name: 'import.naive_put_loop', value: rate(ms.naive), unit: 'proposals/s' },
    { name: 'import.raw_batch_write_limit', value: rate(ms.raw), unit: 'proposals/s' },
    {
      name: 'import.ours_vs_naive',
      value: rate(ms.ours),
      unit: 'proposals/s',
      baseline: 'import.naive_put_loop',
      ratio: ms.naive / ms.ours,
      target: '>= 5x',
    },
    {
      name: 'import.ours_vs_raw_limit',
      value: rate(ms.ours),
      unit: 'proposals/s',
      baseline: 'import.raw_batch_write_limit',
      ratio: ms.raw / ms.ours,
      target: '>= 0.7',
    },
  ];
}
