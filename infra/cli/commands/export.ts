// `cocreate export`: the open-data export of the round, as JSON (default) or CSV, to stdout or a file.
import { writeFileSync } from 'node:fs';
import { buildExport } from '../../../lambdas/export';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { openDataCsv } from '../../../shared/open-data/open-data';
import { openDataTarget } from '../data-target';

export interface ExportOptions {
  format: 'json' | 'csv';
  out?: string;
  stage?: string;
  stateDir: string;
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
      round: DEFAULT_ROUND,
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
