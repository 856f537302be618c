// Lambda cold start: each bundle's size, and in a fresh Node process the time to load it and to serve
// a first request (against dynalite for the functions that read or write the table).
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLE_PROPOSALS } from '../infra/demo/sample-round';
import { FUNCTIONS } from '../shared/definitions/routes';
import { signRequest } from '../shared/platform/signing';
import { createTable, dynaliteProcess, type Result, ROOT } from './support';

const SECRET = 'b'.repeat(64);

function firstEvent(name: string, run = 0): unknown | undefined {
  const now = Math.floor(Date.now() / 1000);
  const signed = (path: string, body: unknown) => {
    const raw = JSON.stringify(body);
    const headers = signRequest(SECRET, raw, now, (k, m) => createHmac('sha256', k).update(m).digest('hex'), {
      method: 'POST',
      path,
    });
    return {
      rawPath: path,
      headers,
      body: raw,
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path } },
    };
  };
  const get = (path: string) => ({
    rawPath: path,
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path } },
  });
  const sample = SAMPLE_PROPOSALS[0];
  switch (name) {
    case 'health':
      return get('/v1/health');
    case 'export':
      return get('/v1/export/proposals.json');
    case 'ingest':
      return signed('/v1/proposals', {
        responseId: `cold-${run}`,
        submittedAt: sample?.submittedAt,
        answers: sample?.answers,
      });
    case 'reviews':
      return signed('/v1/reviews', {
        edits: [
          {
            proposalId: 'p_0000000000000000',
            expectedVersion: 1,
            actor: `bench-${run}`,
            changes: [{ field: 'reviewer', to: 'x' }],
          },
        ],
      });
    default:
      return undefined; // scheduled functions: load time only
  }
}

const PROBE = `
const c0 = process.cpuUsage();
const t0 = process.hrtime.bigint();
const mod = require(process.argv[1]);
const t1 = process.hrtime.bigint();
const c1 = process.cpuUsage(c0);
const event = process.argv[2] ? JSON.parse(process.argv[2]) : undefined;
(event ? mod.handler(event) : Promise.resolve({ statusCode: 0 })).then((res) => {
  const t2 = process.hrtime.bigint();
  const c2 = process.cpuUsage(c0);
  const ms = (c) => (c.user + c.system) / 1000;
  console.log(JSON.stringify({
    load: Number(t1 - t0) / 1e6,
    first: event ? Number(t2 - t1) / 1e6 : null,
    loadCpu: ms(c1),
    firstCpu: event ? ms(c2) - ms(c1) : null,
    status: res && res.statusCode,
  }));
});`;

/** Fresh processes per function; the median is reported (this machine is shared: single runs vary a lot). */
const RUNS = Math.max(1, Number(process.env.BENCH_COLD_RUNS ?? 5));

interface Probe {
  load: number;
  first: number | null;
  loadCpu: number;
  firstCpu: number | null;
  status: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

export async function benchColdStart(log: (s: string) => void): Promise<Result[]> {
  const db = await dynaliteProcess();
  const results: Result[] = [];
  try {
    await createTable(db.url, 'cocreate-bench');
    const env = {
      ...process.env,
      TABLE_NAME: 'cocreate-bench',
      DYNAMODB_ENDPOINT: db.url,
      SIGNING_SECRET: SECRET,
      AWS_REGION: 'ap-southeast-3',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    for (const fn of FUNCTIONS) {
      const bundle = join(ROOT, 'dist', 'lambdas', fn.name, 'index.js');
      const bytes = statSync(bundle).size;
      const runs: Probe[] = [];
      for (let r = 0; r < RUNS; r++) {
        // A new event each run: the same signature twice would be refused as a replay.
        const event = firstEvent(fn.name, r);
        runs.push(
          JSON.parse(
            execFileSync(
              process.execPath,
              [
                // BENCH_CPU_PROF=dir: a V8 CPU profile of each probe, to see where a cold start goes.
                ...(process.env.BENCH_CPU_PROF
                  ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
                  : []),
                '-e',
                PROBE,
                bundle,
                event ? JSON.stringify(event) : '',
              ],
              {
                env,
                encoding: 'utf8',
              },
            ),
          ) as Probe,
        );
      }
      const load = median(runs.map((x) => x.load));
      const loadCpu = median(runs.map((x) => x.loadCpu));
      const withFirst = runs[0]?.first !== null;
      const first = withFirst ? median(runs.map((x) => x.first as number)) : undefined;
      const firstCpu = withFirst ? median(runs.map((x) => x.firstCpu as number)) : undefined;
      const total = withFirst ? median(runs.map((x) => x.load + (x.first as number))) : load;
      log(
        `  ${fn.name}: ${(bytes / 1024).toFixed(1)} KB, load ${load.toFixed(1)} ms (CPU ${loadCpu.toFixed(0)} ms)` +
          (first === undefined
            ? ''
            : `, first request ${first.toFixed(1)} ms (CPU ${firstCpu?.toFixed(0)} ms, HTTP ${runs[0]?.status})`) +
          `; median of ${RUNS}, totals ${runs.map((x) => (x.load + (x.first ?? 0)).toFixed(0)).join(' ')} ms`,
      );
      results.push({
        name: `cold_start.${fn.name}.bundle_size`,
        value: Math.round(bytes / 1024),
        unit: 'KB',
        target: '< 300 KB',
      });
      results.push({ name: `cold_start.${fn.name}.load`, value: Number(load.toFixed(1)), unit: 'ms' });
      if (first !== undefined)
        results.push({
          name: `cold_start.${fn.name}.first_request`,
          value: Number(first.toFixed(1)),
          unit: 'ms',
        });
      results.push({
        name: `cold-start-${fn.name}-total`,
        value: Number(total.toFixed(1)),
        unit: 'ms',
        ...(fn.name === 'ingest' ? { target: '<= 150 ms' } : {}),
      });
    }
  } finally {
    db.stop();
  }
  return results;
}
