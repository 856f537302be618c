// Worker-thread entry of runAppsScriptInWorker: runs one plan and posts its summary to the parent.
// Bundled by esbuild (at build time into dist/apps-script-sim/worker.js, or on the fly by worker-runner.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { type RunPlan, runPlan } from './run-plan';

interface WorkerInput {
  codePath: string;
  plan: RunPlan;
}

if (parentPort && workerData && typeof (workerData as WorkerInput).codePath === 'string') {
  const { codePath, plan } = workerData as WorkerInput;
  try {
    parentPort.postMessage({ ok: true, summary: runPlan(codePath, plan) });
  } catch (e) {
    parentPort.postMessage({ ok: false, error: String((e as Error)?.stack ?? e) });
  }
}
