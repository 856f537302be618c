// `cocreate`: the command line of ogp-cocreate. One module per command in commands/; this file only dispatches.
import { join } from 'node:path';
import type { CliContext, Command } from './command';
import { demoCommand } from './commands/demo';
import { deployCommand } from './commands/deploy';
import { devCommand } from './commands/dev';
import { digestCommand } from './commands/digest';
import { exportCommand } from './commands/export';
import { formCommand } from './commands/form';
import { importCommand } from './commands/import';
import { overlapsCommand } from './commands/overlaps';
import { previewCommand } from './commands/preview';
import { publishCommand } from './commands/publish';

const ROOT = join(__dirname, '..', '..');

/** In the order `cocreate --help` lists them. */
const COMMANDS: Command[] = [
  demoCommand,
  devCommand,
  importCommand,
  exportCommand,
  digestCommand,
  deployCommand,
  publishCommand,
  previewCommand,
  overlapsCommand,
  formCommand,
];

const HELP = `cocreate — otomasi ko-kreasi OGP untuk masyarakat sipil / OGP co-creation automation for civil society

Penggunaan / Usage: cocreate <perintah/command> [opsi/options]

Perintah / Commands:
${COMMANDS.map((c) => c.help).join('')}  help                 Bantuan ini / This help.

Lingkungan / Environment:
  COCREATE_API_PORT (8700), COCREATE_DYNAMODB_PORT (8701), COCREATE_MAIL_PORT (8702),
  COCREATE_STATE_DIR (.cocreate) — local state folder.
`;

const context: CliContext = {
  root: ROOT,
  stateDir: () => process.env.COCREATE_STATE_DIR || join(ROOT, '.cocreate'),
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  const found = COMMANDS.find((c) => c.name === command);
  if (!found) {
    process.stderr.write(`Perintah tidak dikenal / Unknown command: ${command}\n\n${HELP}`);
    return 2;
  }
  return found.run(rest, context);
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
