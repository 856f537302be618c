// Bench plumbing: results, a dynalite server in its own process (so the client and the server do not
// share one thread), and synthetic proposals.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SAMPLE_PROPOSALS } from '../infra/demo/sample-round';
import { ensureTable } from '../infra/local-stack/tables';
import type { Answers } from '../shared/ingest/proposal';

export interface Result {
  name: string;
  value: number;
  unit: string;
  baseline?: string;
  /** This throughput over the baseline's (higher is better). */
  ratio?: number;
  target?: string;
}

export const ROOT = join(__dirname, '..');

/**
 * Holds every request `delayMs` before dynalite handles it: a network round trip of that length, added
 * inside dynalite's own process rather than by a proxy hop, whose CPU would compete with the server and
 * the client for this machine's two cores. Keep-alive sockets, as the SDK's client uses them.
 */
const DELAYED_DYNALITE = `
const [, mod, port, delay] = process.argv;
const server = require(mod)({ createTableMs: 0 });
const [handle] = server.listeners('request');
server.removeAllListeners('request');
const ms = Number(delay);
server.on('request', (req, res) => (ms > 0 ? setTimeout(() => handle(req, res), ms) : handle(req, res)));
server.keepAliveTimeout = 60000;
server.listen(Number(port), '127.0.0.1');
`;

export async function dynaliteProcess(
  opts: { delayMs?: number } = {},
): Promise<{ url: string; pid: number; stop(): void }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child: ChildProcess = spawn(
    process.execPath,
    ['-e', DELAYED_DYNALITE, join(ROOT, 'node_modules', 'dynalite'), String(port), String(opts.delayMs ?? 0)],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url, { method: 'POST' });
      return { url, pid: child.pid as number, stop: () => child.kill() };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill();
  throw new Error('dynalite did not start');
}

/** CPU time (user + system, ms) a process has used so far, or undefined where /proc is missing. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks (USER_HZ = 100)
  } catch {
    return undefined;
  }
}

export async function createTable(url: string, name: string): Promise<void> {
  const raw = new DynamoDBClient({
    endpoint: url,
    region: 'local',
    credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
  });
  await ensureTable(raw, name);
  raw.destroy();
}

/** n distinct valid proposals' answers built from the sample round. */
export function syntheticAnswers(n: number): Answers[] {
  return Array.from({ length: n }, (_, i) => {
    const base = SAMPLE_PROPOSALS[i % SAMPLE_PROPOSALS.length]?.answers as Answers;
    return {
      ...base,
      title: `${String(base.title)} (${i})`,
      organisation: `Organisasi Bench ${i} (fiktif)`,
      email: `bench${i}@oms.example`,
    };
  });
}

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}
