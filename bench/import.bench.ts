// Bulk import of 10,000 proposals (`cocreate import`: CSV file -> validation -> DynamoDB) with a network round trip in front of
// DynamoDB (10 ms, then 2 ms), side by side with a naive loop of one PutItem per proposal and with the
// limit: raw BatchWriteItem of the same items, prepared beforehand, at its best concurrency (4, 8 or 16
// calls in flight, the fastest kept). Then a file where half the rows are revisions of stored proposals.
//
// Each measurement gets a fresh dynalite process (so no variant writes into a store that earlier ones
// have already filled) warmed up with the same writes; the variants run BENCH_IMPORT_RUNS times in
// rotating order and the medians are reported, with the per-run figures in the log: runs on this shared
// machine vary by tens of percent. The naive loop is timed on its first BENCH_NAIVE_N rows (its rate is
// one round trip per row from the first row to the last; 10,000 rows at 10 ms would take two minutes).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { runImport } from '../infra/cli/commands/import';
import { makeDocumentClient } from '../lambdas/adapters/aws-clients';
import { DynamoProposalStore, toItem } from '../lambdas/adapters/dynamodb-proposal-store';
import { ingestMany } from '../lambdas/services/bulk-ingest';
import { allQuestions, formSpec, questionTitle } from '../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../shared/definitions/round';
import { answersToTitles } from '../shared/ingest/answers';
import { submissionsFromCsv } from '../shared/ingest/form-export';
import { evaluateSubmission, planIngest } from '../shared/ingest/ingest';
import type { Answers } from '../shared/ingest/proposal';
import { parseCsv, toCsv } from '../shared/platform/csv';
import { createTable, dynaliteProcess, processCpuMs, type Result, syntheticAnswers, time } from './support';

const N = Number(process.env.BENCH_IMPORT_N ?? 10_000);
const NAIVE_N = Math.min(N, Number(process.env.BENCH_NAIVE_N ?? 1_000));
const RUNS = Math.max(1, Number(process.env.BENCH_IMPORT_RUNS ?? 3));
const LATENCIES_MS = (process.env.BENCH_LATENCIES_MS ?? '10,2').split(',').map(Number);
const RAW_IN_FLIGHT = [4, 8, 16];
const TABLE = 'bench-import';
const WARM_TABLE = 'bench-warm';

type Doc = ReturnType<typeof makeDocumentClient>;
type Variant = 'ours' | 'naive' | 'raw' | 'revised';

const spec = formSpec(DEFAULT_ROUND);
const titles = allQuestions(spec).map(questionTitle);
const now = () => new Date('2022-09-01T00:00:00Z');
const nowIso = now().toISOString();

/** A Forms export of these answers; row i is stamped i seconds after the round opened. */
function exportCsv(answers: Answers[], firstIndex = 0): string {
  return toCsv([
    ['Timestamp', ...titles],
    ...answers.map((a, k) => {
      const byTitle = answersToTitles(spec, a);
      const ts = new Date(Date.UTC(2022, 7, 1) + (firstIndex + k) * 1000).toISOString();
      return [
        ts,
        ...titles.map((t) => {
          const v = byTitle[t];
          return Array.isArray(v) ? v.join(';') : (v ?? '');
        }),
      ];
    }),
  ]);
}

const rowsOf = (csv: string) => submissionsFromCsv(spec, parseCsv(csv), nowIso).rows;
const itemOf = (row: ReturnType<typeof rowsOf>[number]) => {
  const { proposal, issues } = evaluateSubmission(row.submission, spec, DEFAULT_ROUND);
  return toItem(planIngest(undefined, proposal, issues, nowIso).record);
};

/** BatchWriteItem of prepared items with `inFlight` calls at a time, resending unprocessed items. */
async function rawBatchWrite(doc: Doc, items: Record<string, unknown>[], inFlight: number) {
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
  await Promise.all(Array.from({ length: inFlight }, worker));
}

export async function benchImport(log: (s: string) => void): Promise<Result[]> {
  const answers = syntheticAnswers(N);
  const csv = exportCsv(answers);
  // The raw limit writes items prepared beforehand (outside its timing).
  const items = rowsOf(csv).map(itemOf);
  // Revised rows: the first half of the file again (same timestamp and email, so the same responses)
  // with an edited description, plus as many new rows; the first half is stored before the timing.
  const half = Math.floor(N / 2);
  const revisedCsv = exportCsv(
    [
      ...answers.slice(0, half).map((a) => ({ ...a, problem: `${String(a.problem)} (direvisi)` })),
      ...syntheticAnswers(N).slice(half),
    ],
    0,
  );
  const storedBefore = items.slice(0, half);

  // Ours is the command itself (`cocreate import FILE --json`): the file read, decoded, parsed and mapped as
  // the batches are written, into the store the command would open.
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  const files = { new: join(dir, 'new.csv'), revised: join(dir, 'revised.csv') };
  writeFileSync(files.new, csv);
  writeFileSync(files.revised, revisedCsv);
  const ours = async (doc: Doc, file: string, expect: { created: number; revised: number }) => {
    let json = '';
    const out = new Writable({
      write(chunk, _enc, next) {
        json += String(chunk);
        next();
      },
    });
    const store = new DynamoProposalStore(doc, TABLE);
    await runImport(
      {
        file,
        dryRun: false,
        json: true,
        stateDir: dir,
        target: async () => ({ description: 'bench', store, close: async () => {} }),
      },
      out,
    );
    const summary = JSON.parse(json) as { created: number; revised: number };
    if (summary.created !== expect.created || summary.revised !== expect.revised)
      throw new Error(`import: ${JSON.stringify({ created: summary.created, revised: summary.revised })}`);
  };

  /** Wall time, the share of it the DynamoDB server (one thread, plus GC) was busy, and its outcome. */
  const measure = async <T>(
    delayMs: number,
    run: (doc: Doc) => Promise<T>,
    before?: (doc: Doc) => Promise<void>,
  ): Promise<{ ms: number; serverBusy?: number; value: T }> => {
    const db = await dynaliteProcess({ delayMs });
    try {
      await createTable(db.url, WARM_TABLE);
      await createTable(db.url, TABLE);
      const doc = makeDocumentClient({ dynamodbEndpoint: db.url });
      // Warm-up, the same for every variant: a fresh server's first writes (and fresh sockets) are slower.
      const warmRows = rowsOf(csv).slice(0, 500);
      await ingestMany(
        { store: new DynamoProposalStore(doc, WARM_TABLE), spec, round: DEFAULT_ROUND, now },
        warmRows,
      );
      for (const row of warmRows.slice(0, 100))
        await doc.send(new PutCommand({ TableName: WARM_TABLE, Item: { ...itemOf(row), pk: 'WARM' } }));
      await before?.(doc);
      const cpu0 = processCpuMs(db.pid);
      const { ms, value } = await time(() => run(doc));
      const cpu1 = processCpuMs(db.pid);
      doc.destroy();
      return {
        ms,
        value,
        ...(cpu0 !== undefined && cpu1 !== undefined ? { serverBusy: (cpu1 - cpu0) / ms } : {}),
      };
    } finally {
      db.stop();
    }
  };

  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
  };
  const busy = (b?: number) => (b === undefined ? '' : `, server busy ${(b * 100).toFixed(0)} %`);
  const results: Result[] = [];

  for (const delay of LATENCIES_MS) {
    log(`  ${delay} ms before every DynamoDB request`);
    const variants: Record<Exclude<Variant, 'revised'>, () => Promise<number>> = {
      ours: async () => {
        const m = await measure(delay, (doc) => ours(doc, files.new, { created: N, revised: 0 }));
        log(`    ours  ${N} in ${m.ms.toFixed(0)} ms${busy(m.serverBusy)}`);
        return (N / m.ms) * 1000;
      },
      naive: async () => {
        const m = await measure(delay, async (doc) => {
          for (const row of rowsOf(csv).slice(0, NAIVE_N))
            await doc.send(new PutCommand({ TableName: TABLE, Item: itemOf(row) }));
        });
        log(`    naive ${NAIVE_N} in ${m.ms.toFixed(0)} ms${busy(m.serverBusy)}`);
        return (NAIVE_N / m.ms) * 1000;
      },
      raw: async () => {
        let best = 0;
        const seen: string[] = [];
        for (const inFlight of RAW_IN_FLIGHT) {
          const m = await measure(delay, (doc) => rawBatchWrite(doc, items, inFlight));
          seen.push(`${inFlight}: ${m.ms.toFixed(0)} ms${busy(m.serverBusy)}`);
          best = Math.max(best, (N / m.ms) * 1000);
        }
        log(`    raw   ${N}, by calls in flight: ${seen.join('; ')}`);
        return best;
      },
    };
    const runs: Record<'ours' | 'naive' | 'raw', number[]> = { ours: [], naive: [], raw: [] };
    const order = ['ours', 'naive', 'raw'] as const;
    for (let run = 0; run < RUNS; run++)
      for (let k = 0; k < order.length; k++) {
        const v = order[(run + k) % order.length] as (typeof order)[number];
        runs[v].push(await variants[v]());
      }
    const rate = { ours: median(runs.ours), naive: median(runs.naive), raw: median(runs.raw) };
    const perRun = runs.ours.map((o, i) => `${(o / (runs.raw[i] as number)).toFixed(2)}`).join(' ');
    log(
      `    median of ${RUNS} (proposals/s): ours ${rate.ours.toFixed(0)}, naive ${rate.naive.toFixed(0)}, raw ${rate.raw.toFixed(0)}; ours/raw per run ${perRun}`,
    );
    results.push(
      { name: `naive-${delay}ms`, value: rate.naive, unit: 'proposals/s' },
      { name: `raw-${delay}ms`, value: rate.raw, unit: 'proposals/s' },
      {
        name: `import-${delay}ms`,
        value: rate.ours,
        unit: 'proposals/s',
        baseline: `raw-${delay}ms`,
        ratio: rate.ours / rate.raw,
        target: '>= 0.95',
      },
      {
        name: `import-${delay}ms-vs-naive`,
        value: rate.ours,
        unit: 'proposals/s',
        baseline: `naive-${delay}ms`,
        ratio: rate.ours / rate.naive,
      },
    );
    if (delay !== LATENCIES_MS[0]) continue;
    // Half the rows revisions of stored proposals (one conditional write each), half new.
    const revised: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const m = await measure(
        delay,
        (doc) => ours(doc, files.revised, { created: N - half, revised: half }),
        (doc) => rawBatchWrite(doc, storedBefore, 8),
      );
      log(`    half revised: ${N} in ${m.ms.toFixed(0)} ms${busy(m.serverBusy)}`);
      revised.push((N / m.ms) * 1000);
    }
    const r = median(revised);
    results.push({
      name: `import-revised-${delay}ms`,
      value: r,
      unit: 'proposals/s',
      baseline: `import-${delay}ms`,
      ratio: r / rate.ours,
      target: '>= 0.5',
    });
  }
  rmSync(dir, { recursive: true, force: true });
  return results;
}
