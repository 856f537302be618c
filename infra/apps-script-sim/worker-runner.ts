// Runs the built Apps Script bundle in a worker thread, so the calling thread stays free to serve HTTP
// (the demo hosts the API on its main thread, and the simulated UrlFetchApp blocks its own thread).
//
// Which code the worker runs, in order of preference:
// 1. `workerScript`, when given: a CommonJS file built from worker-main.ts;
// 2. dist/apps-script-sim/worker.js, when the build produced it;
// 3. otherwise worker-main.ts bundled on the fly with esbuild (a dev dependency) and run as eval code.
// The repository root is found from this module's location, which works both from TypeScript source
// (infra/apps-script-sim/) and from the CLI bundle (dist/cli/).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunPlan, RunSummary } from './run-plan';

export type { CallReport, RunPlan, RunSummary } from './run-plan';

export interface WorkerRunnerOptions {
  /** Path of a CommonJS build of worker-main.ts. */
  workerScript?: string;
  /** Repository root (default: found by walking up from this module to package.json "ogp-cocreate"). */
  root?: string;
  /** Give up (and terminate the worker) after this long. Default 120 s. */
  timeoutMs?: number;
}

export const BUILT_WORKER = join('dist', 'apps-script-sim', 'worker.js');
const WORKER_SOURCE = join('infra', 'apps-script-sim', 'worker-main.ts');

export function findRepoRoot(from: string = __dirname): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ogp-cocreate') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    if (dirname(dir) === dir)
      throw new Error(`apps-script-sim: cannot find the ogp-cocreate checkout above ${from}`);
  }
}

let bundled: string | undefined;

/** worker-main.ts and everything it imports as one CommonJS string (cached per process). */
function bundleWorkerSource(root: string): string {
  if (bundled) return bundled;
  // Required lazily: esbuild is a dev dependency, only needed when no prebuilt worker exists.
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({
    entryPoints: [join(root, WORKER_SOURCE)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  bundled = out.outputFiles[0]?.text ?? '';
  return bundled;
}

function makeWorker(codePath: string, plan: RunPlan, options: WorkerRunnerOptions): Worker {
  const workerData = { codePath: resolve(codePath), plan };
  if (options.workerScript) return new Worker(resolve(options.workerScript), { workerData });
  const root = options.root ?? findRepoRoot();
  const built = join(root, BUILT_WORKER);
  if (existsSync(built)) return new Worker(built, { workerData });
  return new Worker(bundleWorkerSource(root), { eval: true, workerData });
}

/** Runs `plan` against the bundle at codePath in a worker thread and resolves with its summary. */
export function runAppsScriptInWorker(
  codePath: string,
  plan: RunPlan,
  options: WorkerRunnerOptions = {},
): Promise<RunSummary> {
  return new Promise<RunSummary>((resolvePromise, reject) => {
    const worker = makeWorker(codePath, plan, options);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error('apps-script-sim: the Apps Script run timed out'))),
      options.timeoutMs ?? 120_000,
    );
    worker.on('message', (m: { ok: true; summary: RunSummary } | { ok: false; error: string }) =>
      finish(() =>
        m.ok ? resolvePromise(m.summary) : reject(new Error(`apps-script-sim worker: ${m.error}`)),
      ),
    );
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`apps-script-sim worker exited (${code}) without a result`))),
    );
  });
}
