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

function firstEvent(name: string): unknown | undefined {
  const now = Math.floor(Date.now() / 1000);
  const signed = (path: string, body: unknown) => {
    const raw = JSON.stringify(body);
    const headers = signRequest(SECRET, raw, now, (k, m) => createHmac('sha256', k).update(m).digest('hex'));
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
        responseId: 'cold-1',
        submittedAt: sample?.submittedAt,
        answers: sample?.answers,
      });
    case 'reviews':
      return signed('/v1/reviews', {
        edits: [
          {
            proposalId: 'p_0000000000000000',
            expectedVersion: 1,
            actor: 'bench',
            changes: [{ field: 'reviewer', to: 'x' }],
          },
        ],
      });
    default:
      return undefined; // scheduled functions: load time only
  }
}

const PROBE = `
const t0 = process.hrtime.bigint();
const mod = require(process.argv[1]);
const t1 = process.hrtime.bigint();
const event = process.argv[2] ? JSON.parse(process.argv[2]) : undefined;
(event ? mod.handler(event) : Promise.resolve({ statusCode: 0 })).then((res) => {
  const t2 = process.hrtime.bigint();
  console.log(JSON.stringify({ load: Number(t1 - t0) / 1e6, first: event ? Number(t2 - t1) / 1e6 : null, status: res && res.statusCode }));
});`;

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
      const event = firstEvent(fn.name);
      const out = JSON.parse(
        execFileSync(process.execPath, ['-e', PROBE, bundle, event ? JSON.stringify(event) : ''], {
          env,
          encoding: 'utf8',
        }),
      ) as { load: number; first: number | null; status: number };
      log(
        `  ${fn.name}: ${(bytes / 1024).toFixed(1)} KB, load ${out.load.toFixed(1)} ms${out.first === null ? '' : `, first request ${out.first.toFixed(1)} ms (HTTP ${out.status})`}`,
      );
      results.push({
        name: `cold_start.${fn.name}.bundle_size`,
        value: Math.round(bytes / 1024),
        unit: 'KB',
        target: '< 300 KB',
      });
      results.push({ name: `cold_start.${fn.name}.load`, value: Number(out.load.toFixed(1)), unit: 'ms' });
      if (out.first !== null)
        results.push({
          name: `cold_start.${fn.name}.first_request`,
          value: Number(out.first.toFixed(1)),
          unit: 'ms',
        });
    }
  } finally {
    db.stop();
  }
  return results;
}
