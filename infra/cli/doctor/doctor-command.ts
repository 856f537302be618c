// `cocreate doctor`: one line per check of the setup, each saying what to do when it fails; exits 1 when
// something is wrong. Against the running embedded stack, or (--stage) what can be read offline of a stage.
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { bundlesCheck, type Check, type DoctorOptions, formatCheck, nodeCheck, roundCheck } from './checks';
import { localChecks } from './local-checks';
import { stageChecks } from './stage-checks';

export type { Check, DoctorOptions } from './checks';

export async function runDoctor(
  opts: DoctorOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const checks: Check[] = [];
  const report = (c: Check) => {
    checks.push(c);
    out.write(`${formatCheck(c)}\n`);
  };
  out.write(
    opts.stage
      ? `cocreate doctor --stage ${opts.stage} (offline: what the package and settings tell; AWS and Google are not reached)\n`
      : `cocreate doctor: embedded stack (state ${opts.stateDir})\n`,
  );
  report(nodeCheck());
  report(bundlesCheck(opts.root));
  const round = roundCheck(opts.round);
  report(round.check);
  const run = opts.stage ? stageChecks : localChecks;
  for await (const c of run(opts, round.loaded)) report(c);
  const failed = checks.filter((c) => c.status === 'FAIL');
  out.write(
    failed.length
      ? `\n${failed.length} pemeriksaan gagal / check(s) failed: ${failed.map((c) => c.name).join(', ')}\n`
      : '\nSemua pemeriksaan lulus / all checks passed (skip: cannot be checked here, see its line)\n',
  );
  return failed.length ? 1 : 0;
}

export const doctorCommand: Command = {
  name: 'doctor',
  help: `  doctor [--stage NAME] [--package DIR]
                       Periksa penyiapan, satu baris per pemeriksaan dengan langkah perbaikannya.
                       Check the setup, one line per check with what to do when it fails: Node, the
                       built bundles, the round file, the API, a signed request, mail, Google, the Script
                       Properties. --stage reads the stage's package and settings
                       (cocreate stage) offline. Exit 1 when something fails.
`,
  ownRoundFile: true,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { stage: { type: 'string' }, package: { type: 'string' } },
    });
    return runDoctor({
      root: ctx.root,
      stateDir: ctx.stateDir(),
      stageDir: ctx.stageDir(),
      ...(values.stage ? { stage: values.stage } : {}),
      ...(values.package ? { packageDir: values.package } : {}),
      ...(ctx.roundFlag !== undefined ? { round: { flag: ctx.roundFlag } } : {}),
    });
  },
};
