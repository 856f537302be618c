// `cocreate dev`: the embedded stack, serving until Ctrl+C; `.cocreate/stack.json` tells other commands where it is.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stackOptionsFromEnv, startStack } from '../../local-stack/local-stack';
import { removeStackInfo, writeStackInfo } from '../../local-stack/stack-file';
import type { Command } from '../command';
import type { LoadedRound } from '../round/round-file';

export const devCommand: Command = {
  name: 'dev',
  help: `  dev [--persist]      Jalankan stack lokal dan tetap melayani; mencetak "ready <api-url>".
                       Start the embedded stack and keep serving; prints "ready <api-url>".
                       --persist keeps DynamoDB data on disk under .cocreate/.
`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { persist: { type: 'boolean', default: false } } });
    return runDev(ctx.root, values.persist === true, ctx.round);
  },
};

async function runDev(root: string, persist: boolean, loaded: LoadedRound): Promise<number> {
  const opts = stackOptionsFromEnv(process.env, root, { persist, round: loaded.round });
  mkdirSync(opts.stateDir, { recursive: true });
  const stack = await startStack(opts);
  writeStackInfo(opts.stateDir, stack);
  process.stdout.write(`ready ${stack.apiUrl}\n`);
  process.stdout.write(
    `  DynamoDB (dynalite): ${stack.dynamodbUrl}  table ${stack.tableName}${persist ? ' (on disk)' : ' (in memory)'}\n`,
  );
  process.stdout.write(`  Kotak surat / inbox: ${stack.mailUrl}/\n`);
  process.stdout.write(`  Putaran / round: ${loaded.round.id} — ${loaded.source}\n`);
  process.stdout.write('  Tekan Ctrl+C untuk berhenti / press Ctrl+C to stop\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  removeStackInfo(opts.stateDir);
  await stack.stop();
  return 0;
}
