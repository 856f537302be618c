// `cocreate export`: the open-data export of the round, as JSON (default) or CSV, to stdout or a file.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildExport } from '../../../lambdas/export';
import { DEFAULT_ROUND, type RoundConfig } from '../../../shared/definitions/round';
import { openDataCsv } from '../../../shared/open-data/open-data';
import type { Command } from '../command';
import { openDataTarget } from '../data-target';

export interface ExportOptions {
  format: 'json' | 'csv';
  out?: string;
  stage?: string;
  stateDir: string;
  /** Default: the built-in sample round (the CLI passes the round file's). */
  round?: RoundConfig;
}

export async function runExport(
  opts: ExportOptions,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const target = await openDataTarget({
    stateDir: opts.stateDir,
    ...(opts.stage ? { stage: opts.stage } : {}),
  });
  try {
    const data = await buildExport({
      store: target.store,
      negotiations: target.negotiations,
      round: opts.round ?? DEFAULT_ROUND,
      now: () => new Date(),
    });
    const text = opts.format === 'csv' ? openDataCsv(data) : `${JSON.stringify(data, null, 2)}\n`;
    if (opts.out) {
      writeFileSync(opts.out, text);
      process.stderr.write(
        `Ekspor ditulis / export written: ${opts.out} (${data.proposals.length} usulan/proposals, ${data.commitments.length} komitmen/commitments)\n`,
      );
    } else stdout.write(text);
    return 0;
  } finally {
    await target.close();
  }
}

export const exportCommand: Command = {
  name: 'export',
  help: `  export [--format json|csv] [--out FILE] [--stage NAME]
                       Ekspor data terbuka (tanpa data pribadi) / open-data export (no personal data):
                       proposals, decisions, reasoned responses and commitment lineage.
`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        format: { type: 'string', default: 'json' },
        out: { type: 'string' },
        stage: { type: 'string' },
      },
    });
    if (values.format !== 'json' && values.format !== 'csv') {
      process.stderr.write('--format harus json atau csv / --format must be json or csv\n');
      return 2;
    }
    return runExport({
      format: values.format,
      stateDir: ctx.stateDir(),
      round: ctx.round.round,
      ...(values.out ? { out: values.out } : {}),
      ...(values.stage ? { stage: values.stage } : {}),
    });
  },
};
