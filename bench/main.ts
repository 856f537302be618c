// Benchmarks (numbers, not pass/fail): `npm run bench`, `npm run bench -- --json` (one JSON object a
// line: name, value, unit, and where it applies baseline and ratio), `-- --only import,overlap`.
import { cpus, loadavg, totalmem } from 'node:os';
import { progressSteps } from '../infra/cli/progress';
import { benchAppsScriptCalls } from './apps-script-calls.bench';
import { benchColdStart } from './cold-start.bench';
import { benchDigest } from './digest.bench';
import { benchDigestQuery } from './digest-query.bench';
import { benchImport } from './import.bench';
import { chooseCases, onlyArgument, UnknownCaseError } from './only';
import { benchOutage } from './outage.bench';
import { benchOverlap } from './overlap.bench';
import { benchRoundCost } from './round-cost.bench';
import type { Result } from './support';

const CASES: Record<string, (log: (s: string) => void) => Promise<Result[]>> = {
  import: benchImport,
  cold_start: benchColdStart,
  digest: benchDigestQuery,
  digest_render: async () => benchDigest(),
  overlap: benchOverlap,
  apps_script: benchAppsScriptCalls,
  outage: benchOutage,
  round_cost: benchRoundCost,
};

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  // Refused before anything starts: a wrong name must not look like a run that measured nothing.
  const chosen = chooseCases(CASES, onlyArgument(args));
  // With --json, stdout holds only the JSON lines; the human log goes to stderr.
  const log = (s: string) => (json ? process.stderr : process.stdout).write(`${s}\n`);
  log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  // The machine may be shared: the load before and after each case says how much the figures can be trusted.
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ');
  log(`Load average (1 / 5 / 15 min) at the start: ${load()}`);
  const all: Result[] = [];
  // "[n/m] case" on the human log (stderr under --json): which case runs, and how many are left.
  const steps = progressSteps(chosen.length, { write: (s: string) => log(`\n${s.trimEnd()}`) });
  for (const [name, run] of chosen) {
    steps.step(name);
    const results = await run(log);
    log(`  (load average after ${name}: ${load()})`);
    all.push(...results);
    if (json) for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
  }
  if (!json) {
    log('\nResults');
    for (const r of all) {
      const ratio = r.ratio === undefined ? '' : `  ratio ${r.ratio.toFixed(2)} vs ${r.baseline}`;
      log(
        `  ${r.name.padEnd(40)} ${String(Math.round(r.value * 10) / 10).padStart(10)} ${r.unit}${ratio}${r.target ? `  (target ${r.target})` : ''}`,
      );
    }
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    if (e instanceof UnknownCaseError) {
      console.error(e.message);
      process.exit(2);
    }
    console.error(e);
    process.exit(1);
  },
);
