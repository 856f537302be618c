// `cocreate import FILE.csv`: a Google Forms CSV export through the same validation and ingest path.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ingestMany } from '../../../lambdas/services/bulk-ingest';
import { formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND, type RoundConfig } from '../../../shared/definitions/round';
import { openFormsExport } from '../../../shared/ingest/form-export';
import type { Command } from '../command';
import { decodeCsvBytes } from '../csv-decode';
import { type DataTarget, openDataTarget } from '../data-target';
import { progressBar } from '../progress';

export interface ImportOptions {
  file: string;
  dryRun: boolean;
  json: boolean;
  stage?: string;
  stateDir: string;
  /** Where to write (tests); the CLI resolves it from the state folder or the stage. */
  target?: () => Promise<Pick<DataTarget, 'description' | 'store' | 'close'>>;
  /** Default: the built-in sample round (the CLI passes the round file's). */
  round?: RoundConfig;
}

export async function runImport(
  opts: ImportOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(opts.file);
  } catch (e) {
    throw new Error(
      `Berkas tidak dapat dibaca / cannot read file ${opts.file}: ${(e as NodeJS.ErrnoException).code ?? e}`,
    );
  }
  const round = opts.round ?? DEFAULT_ROUND;
  const spec = formSpec(round);
  // Read as the writes go: each batch is parsed, checked and mapped while the batches before it are
  // in flight, so the client's work overlaps the round trips instead of preceding them.
  const mapping = openFormsExport(decodeCsvBytes(bytes), spec, new Date().toISOString());
  if (mapping.refusal) {
    // Nothing in the file can be read as answers: refuse it whole rather than store empty proposals.
    throw new Error(
      `${mapping.refusal.id} / ${mapping.refusal.en} (${opts.file}; ${mapping.delimiter === '\t' ? 'tab' : `"${mapping.delimiter}"`}, ${mapping.encoding})`,
    );
  }
  const badTimestamps: { line: number; value: string }[] = [];
  let read = 0;
  const rows = (function* () {
    for (const row of mapping.rows) {
      read++;
      if (row.badTimestamp) badTimestamps.push({ line: row.line, value: row.badTimestamp });
      yield row;
    }
  })();
  const target = await (
    opts.target ??
    (() => openDataTarget({ stateDir: opts.stateDir, ...(opts.stage ? { stage: opts.stage } : {}) }))
  )();
  try {
    const bar = progressBar(opts.dryRun ? 'Memeriksa / Checking' : 'Mengimpor / Importing');
    // Until the file is read to the end, its row count is estimated from how much of it has been read.
    const estimate = (done: number) => {
      const fraction = mapping.fractionRead();
      return fraction < 1 ? Math.max(done + 1, Math.ceil(read / Math.max(fraction, 1e-9))) : read;
    };
    let settled = 0;
    let summary: Awaited<ReturnType<typeof ingestMany>>;
    try {
      summary = await ingestMany({ store: target.store, spec, round, now: () => new Date() }, rows, {
        dryRun: opts.dryRun,
        onProgress: (done) => {
          settled = done;
          if (!opts.json) bar.update(done, estimate(done));
        },
      });
    } catch (e) {
      // The store went away (or refused a write) part way: read the rest of the file (nothing more is
      // written) to say how far it got of how many, and that a re-run is safe.
      for (const _ of rows);
      throw new Error(
        `Impor terhenti: ${settled} dari ${read} baris sudah tersimpan; menjalankan ulang aman (baris yang sudah tersimpan tidak berubah) / ` +
          `Import stopped: ${settled} of ${read} rows were written; running it again is safe (rows already written stay unchanged). ` +
          `(${target.description}: ${(e as Error)?.message ?? e})`,
      );
    }
    const refusedIssues = mapping.refused.map((r) => ({
      line: r.line,
      id: '',
      code: r.code,
      field: '',
      message: r.message,
    }));
    const result = {
      ...summary,
      rows: summary.rows + mapping.refused.length,
      refused: mapping.refused.length,
      issues: [...refusedIssues, ...summary.issues].sort((a, b) => a.line - b.line),
      encoding: mapping.encoding,
      delimiter: mapping.delimiter,
      notes: mapping.notes,
      dryRun: opts.dryRun,
      target: target.description,
      unknownColumns: mapping.unknownColumns,
      missingQuestions: mapping.missingQuestions,
      badTimestamps,
    };
    // Rows left out of the file make the import incomplete: a non-zero exit says so to scripts too.
    const code = mapping.refused.length ? 1 : 0;
    if (opts.json) {
      out.write(`${JSON.stringify(result, null, 2)}\n`);
      return code;
    }
    const lines = [
      `${opts.dryRun ? 'Uji coba (tidak ada yang ditulis) / Dry run (nothing written)' : 'Impor selesai / Import done'}: ${target.description}`,
      ...mapping.notes.map((n) => `  ${n.id} / ${n.en}`),
      `  Baris / rows: ${result.rows}`,
      `  Diterima / accepted: ${summary.accepted}`,
      `  Tidak valid / invalid: ${summary.invalid}`,
      `  Duplikat / duplicates: ${summary.duplicates}`,
      `  Baru / created: ${summary.created}, direvisi / revised: ${summary.revised}, tanpa perubahan / unchanged: ${summary.unchanged}`,
    ];
    if (mapping.refused.length)
      lines.push(`  Tidak diimpor / not imported: ${mapping.refused.length} (lihat di bawah / see below)`);
    if (mapping.unknownColumns.length)
      lines.push(`  Kolom tidak dikenal / unknown columns: ${mapping.unknownColumns.join('; ')}`);
    for (const i of result.issues.slice(0, 20))
      lines.push(`  baris/line ${i.line}: ${i.message.id} / ${i.message.en}`);
    if (result.issues.length > 20)
      lines.push(`  … ${result.issues.length - 20} lagi / more (--json for all)`);
    out.write(`${lines.join('\n')}\n`);
    return code;
  } finally {
    await target.close();
  }
}

export const importCommand: Command = {
  name: 'import',
  help: `  import FILE.csv [--dry-run] [--json] [--stage NAME]
                       Impor ekspor CSV Google Forms lewat validasi yang sama.
                       Import a Google Forms CSV export through the same validation and ingest path:
                       into a running \`cocreate dev\` stack, else the embedded store on disk in .cocreate/,
                       or a deployed stage with --stage. Re-importing the same file changes nothing.
`,
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        stage: { type: 'string' },
      },
    });
    const file = positionals[0];
    if (!file) {
      process.stderr.write('Berkas CSV wajib / a CSV file is required: cocreate import FILE.csv\n');
      return 2;
    }
    return runImport({
      file,
      dryRun: values['dry-run'] === true,
      json: values.json === true,
      ...(values.stage ? { stage: values.stage } : {}),
      stateDir: ctx.stateDir(),
      round: ctx.round.round,
    });
  },
};
