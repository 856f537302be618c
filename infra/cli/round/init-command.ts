// `cocreate init`: writes cocreate.round.json, the sample round with every field spelled out, to edit.
import { existsSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { ROUND_FILE_NAME, sampleRoundFile } from './round-file';

export interface InitOptions {
  /** Where to write (default ./cocreate.round.json). */
  file?: string;
  force: boolean;
  cwd?: string;
}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export function runInit(
  opts: InitOptions,
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): number {
  const cwd = opts.cwd ?? process.cwd();
  const file = opts.file
    ? isAbsolute(opts.file)
      ? opts.file
      : resolve(cwd, opts.file)
    : join(cwd, ROUND_FILE_NAME);
  if (existsSync(file) && !opts.force) {
    io.stderr.write(
      `${file} sudah ada; tidak ditimpa (pakai --force untuk menimpa) / already exists; not overwritten (--force overwrites it)\n`,
    );
    return 1;
  }
  writeFileSync(file, `${JSON.stringify(sampleRoundFile(), null, 2)}\n`);
  io.stdout.write(
    [
      `Ditulis / written: ${file} (putaran contoh / the sample round, to edit)`,
      '  Ubah / edit: id, name (id + en), periodStart/periodEnd, submissionDeadline, deadlines, workingGroups,',
      '  digestRecipients, languages, timeZone, reviewSlaDays — README "Your own round" explains each field.',
      'Berikutnya / next:',
      '  cocreate doctor                 memeriksa berkas ini / checks this file (and the rest of the setup)',
      '  cocreate form                   formulir untuk putaran ini / the form for this round',
      '  cocreate import FILE.csv        impor ekspor Google Forms / import a Google Forms export',
      '  cocreate deploy --stage NAME    membawa putaran ini ke Lambda dan Apps Script / takes this round to Lambda and Apps Script',
      '',
    ].join('\n'),
  );
  return 0;
}

export const initCommand: Command = {
  name: 'init',
  help: `  init [--force]       Tulis cocreate.round.json (putaran contoh, untuk diubah).
                       Write cocreate.round.json: the sample round with every field, to edit
                       (--round FILE writes there; --force overwrites). README: "Your own round".
`,
  ownRoundFile: true,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { force: { type: 'boolean', default: false } } });
    return runInit({ force: values.force === true, ...(ctx.roundFlag ? { file: ctx.roundFlag } : {}) });
  },
};
