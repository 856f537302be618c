// `cocreate import FILE.csv`: a Google Forms CSV export through the same validation and ingest path.
import { readFileSync } from 'node:fs';
import { ingestMany } from '../../../lambdas/services/bulk-ingest';
import { formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { submissionsFromCsv } from '../../../shared/ingest/form-export';
import { parseCsv } from '../../../shared/platform/csv';
import { openDataTarget } from '../data-target';
import { progressBar } from '../progress';

export interface ImportOptions {
  file: string;
  dryRun: boolean;
  json: boolean;
  stage?: string;
  stateDir: string;
}

export async function runImport(
  opts: ImportOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  let text: string;
  try {
    text = readFileSync(opts.file, 'utf8');
  } catch (e) {
    throw new Error(
      `Berkas tidak dapat dibaca / cannot read file ${opts.file}: ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
  const round = DEFAULT_ROUND;
  const spec = formSpec(round);
  const mapping = submissionsFromCsv(spec, parseCsv(text), new Date().toISOString());
  const target = await openDataTarget({
    stateDir: opts.stateDir,
    ...(opts.stage ? { stage: opts.stage } : {}),
  });
  try {
    const bar = progressBar(opts.dryRun ? 'Memeriksa / Checking' : 'Mengimpor / Importing');
    const summary = await ingestMany(
      { store: target.store, spec, round, now: () => new Date() },
      mapping.rows,
      {
        dryRun: opts.dryRun,
        onProgress: (done, total) => (opts.json ? undefined : bar.update(done, total)),
      },
    );
    const result = {
      ...summary,
      dryRun: opts.dryRun,
      target: target.description,
      unknownColumns: mapping.unknownColumns,
      missingQuestions: mapping.missingQuestions,
      badTimestamps: mapping.rows
        .filter((r) => r.badTimestamp)
        .map((r) => ({ line: r.line, value: r.badTimestamp })),
    };
    if (opts.json) {
      out.write(`${JSON.stringify(result, null, 2)}\n`);
      return 0;
    }
    const lines = [
      `${opts.dryRun ? 'Uji coba (tidak ada yang ditulis) / Dry run (nothing written)' : 'Impor selesai / Import done'}: ${target.description}`,
      `  Baris / rows: ${summary.rows}`,
      `  Diterima / accepted: ${summary.accepted}`,
      `  Tidak valid / invalid: ${summary.invalid}`,
      `  Duplikat / duplicates: ${summary.duplicates}`,
      `  Baru / created: ${summary.created}, direvisi / revised: ${summary.revised}, tanpa perubahan / unchanged: ${summary.unchanged}`,
    ];
    if (mapping.unknownColumns.length)
      lines.push(`  Kolom tidak dikenal / unknown columns: ${mapping.unknownColumns.join('; ')}`);
    for (const i of summary.issues.slice(0, 20))
      lines.push(`  baris/line ${i.line}: ${i.message.id} / ${i.message.en}`);
    if (summary.issues.length > 20)
      lines.push(`  … ${summary.issues.length - 20} lagi / more (--json for all)`);
    out.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await target.close();
  }
}
