// `cocreate`: the command line of ogp-cocreate. Commands stay thin; the work lives in infra/ and shared/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { runDemo } from '../demo/demo';
import { stackOptionsFromEnv, startStack } from '../local-stack/local-stack';
import { removeStackInfo, writeStackInfo } from '../local-stack/stack-file';
import { runDeploy } from './commands/deploy';
import { runDigestCommand } from './commands/digest';
import { runExport } from './commands/export';
import { runImport } from './commands/import';
import { runOverlaps } from './commands/overlaps';
import { runPublish } from './commands/publish';

const ROOT = join(__dirname, '..', '..');

const HELP = `cocreate — otomasi ko-kreasi OGP untuk masyarakat sipil / OGP co-creation automation for civil society

Penggunaan / Usage: cocreate <perintah/command> [opsi/options]

Perintah / Commands:
  demo [--once]        Jalankan putaran contoh dari awal sampai akhir pada stack lokal.
                       Run the sample round end to end on the embedded stack (--once: exit when the
                       digest is delivered).
  dev [--persist]      Jalankan stack lokal dan tetap melayani; mencetak "ready <api-url>".
                       Start the embedded stack and keep serving; prints "ready <api-url>".
                       --persist keeps DynamoDB data on disk under .cocreate/.
  import FILE.csv [--dry-run] [--json] [--stage NAME]
                       Impor ekspor CSV Google Forms lewat validasi yang sama.
                       Import a Google Forms CSV export through the same validation and ingest path:
                       into a running \`cocreate dev\` stack, else the embedded store on disk in .cocreate/,
                       or a deployed stage with --stage. Re-importing the same file changes nothing.
  export [--format json|csv] [--out FILE] [--stage NAME]
                       Ekspor data terbuka (tanpa data pribadi) / open-data export (no personal data):
                       proposals, decisions, reasoned responses and commitment lineage.
  digest [--out FILE.html] [--send] [--lang id|en] [--stage NAME]
                       Digest status konsolidasi / the consolidated status email: rendered from the data
                       (running stack, else .cocreate/, or --stage) to FILE.html + FILE.txt (text to stdout
                       without --out); --send sends it now through a running \`cocreate dev\` stack.
  deploy --stage NAME [--region R] [--dry-run] [--param k=v ...]
                       Jelaskan rahasia lalu deploy dengan osls (--dry-run: hanya mengemas).
                       Explain the secrets (how to set and rotate them), then deploy with osls
                       (--dry-run packages the CloudFormation template only, offline).
  publish --out DIR [--stage NAME]
                       Terbitkan situs repositori publik / write the public repository site: index,
                       a page per proposal and commitment, the reasoned response (HTML, CSV), the action
                       plan draft (.docx, HTML) and the open data (DIR/data/), no personal data.
  overlaps [--json] [--limit N] [--stage NAME]
                       Usulan yang mirip (juga lintas kelompok kerja) dengan istilah yang sama.
                       Similar proposals (also across working groups) with the terms they share.
  form --json          Cetak spesifikasi formulir / Print the form spec (questions, titles, types, choices).
  help                 Bantuan ini / This help.

Lingkungan / Environment:
  COCREATE_API_PORT (8700), COCREATE_DYNAMODB_PORT (8701), COCREATE_MAIL_PORT (8702),
  COCREATE_STATE_DIR (.cocreate) — local state folder.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(HELP);
      return 0;
    case 'demo': {
      const { values } = parseArgs({ args: rest, options: { once: { type: 'boolean', default: false } } });
      return runDemo({ root: ROOT, once: values.once === true });
    }
    case 'dev': {
      const { values } = parseArgs({ args: rest, options: { persist: { type: 'boolean', default: false } } });
      return runDev(values.persist === true);
    }
    case 'import': {
      const { values, positionals } = parseArgs({
        args: rest,
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
        stateDir: stateDir(),
      });
    }
    case 'export': {
      const { values } = parseArgs({
        args: rest,
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
        stateDir: stateDir(),
        ...(values.out ? { out: values.out } : {}),
        ...(values.stage ? { stage: values.stage } : {}),
      });
    }
    case 'digest': {
      const { values } = parseArgs({
        args: rest,
        options: {
          out: { type: 'string' },
          send: { type: 'boolean', default: false },
          lang: { type: 'string' },
          stage: { type: 'string' },
        },
      });
      if (values.lang !== undefined && values.lang !== 'id' && values.lang !== 'en') {
        process.stderr.write('--lang harus id atau en / --lang must be id or en\n');
        return 2;
      }
      return runDigestCommand({
        stateDir: stateDir(),
        send: values.send === true,
        ...(values.out ? { out: values.out } : {}),
        ...(values.lang ? { lang: values.lang } : {}),
        ...(values.stage ? { stage: values.stage } : {}),
      });
    }
    case 'deploy': {
      const { values } = parseArgs({
        args: rest,
        options: {
          stage: { type: 'string' },
          region: { type: 'string' },
          'dry-run': { type: 'boolean', default: false },
          param: { type: 'string', multiple: true, default: [] },
          package: { type: 'string' },
        },
      });
      if (!values.stage) {
        process.stderr.write('--stage wajib / --stage is required (e.g. --stage prod)\n');
        return 2;
      }
      return runDeploy({
        root: ROOT,
        stage: values.stage,
        dryRun: values['dry-run'] === true,
        params: values.param ?? [],
        ...(values.region ? { region: values.region } : {}),
        ...(values.package ? { packageDir: values.package } : {}),
      });
    }
    case 'publish': {
      const { values } = parseArgs({
        args: rest,
        options: { out: { type: 'string' }, stage: { type: 'string' } },
      });
      if (!values.out) {
        process.stderr.write('--out wajib / --out DIR is required: cocreate publish --out DIR\n');
        return 2;
      }
      return runPublish({
        out: values.out,
        stateDir: stateDir(),
        ...(values.stage ? { stage: values.stage } : {}),
      });
    }
    case 'overlaps': {
      const { values } = parseArgs({
        args: rest,
        options: {
          json: { type: 'boolean', default: false },
          limit: { type: 'string', default: '3' },
          stage: { type: 'string' },
        },
      });
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
        process.stderr.write('--limit harus 1-50 / --limit must be 1-50\n');
        return 2;
      }
      return runOverlaps({
        json: values.json === true,
        limit,
        stateDir: stateDir(),
        ...(values.stage ? { stage: values.stage } : {}),
      });
    }
    case 'form': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } });
      const spec = formSpec(DEFAULT_ROUND);
      if (values.json) process.stdout.write(`${JSON.stringify(spec, null, 2)}\n`);
      else {
        for (const s of spec.sections) {
          process.stdout.write(`\n## ${s.title.id} / ${s.title.en}\n`);
          for (const q of s.questions)
            process.stdout.write(
              `  ${q.required ? '*' : ' '} ${q.id} (${q.type}): ${q.title.id} / ${q.title.en}\n`,
            );
        }
      }
      return 0;
    }
    default:
      process.stderr.write(`Perintah tidak dikenal / Unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}

function stateDir(): string {
  return process.env.COCREATE_STATE_DIR || join(ROOT, '.cocreate');
}

async function runDev(persist: boolean): Promise<number> {
  const opts = stackOptionsFromEnv(process.env, ROOT, { persist });
  mkdirSync(opts.stateDir, { recursive: true });
  const stack = await startStack(opts);
  writeStackInfo(opts.stateDir, stack);
  process.stdout.write(`ready ${stack.apiUrl}\n`);
  process.stdout.write(
    `  DynamoDB (dynalite): ${stack.dynamodbUrl}  table ${stack.tableName}${persist ? ' (on disk)' : ' (in memory)'}\n`,
  );
  process.stdout.write(`  Kotak surat / inbox: ${stack.mailUrl}/\n`);
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

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`cocreate: ${(e as Error).message ?? e}\n`);
      process.exit(1);
    },
  );
}
