// `cocreate`: the command line of ogp-cocreate. One module per command in commands/; this file only dispatches.
import { join } from 'node:path';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import type { CliContext, Command } from './command';
import { demoCommand } from './commands/demo';
import { deployCommand } from './commands/deploy';
import { devCommand } from './commands/dev';
import { digestCommand } from './commands/digest';
import { exportCommand } from './commands/export';
import { formCommand } from './commands/form';
import { importCommand } from './commands/import';
import { negotiationCommand } from './commands/negotiation';
import { overlapsCommand } from './commands/overlaps';
import { previewCommand } from './commands/preview';
import { publishCommand } from './commands/publish';
import { stageCommand } from './commands/stage';
import { doctorCommand } from './doctor/doctor-command';
import { stageAws, wantsHelp } from './global-options';
import { initCommand } from './round/init-command';
import { loadRound, RoundFileError } from './round/round-file';

const ROOT = join(__dirname, '..', '..');

/** In the order `cocreate --help` lists them. */
const COMMANDS: Command[] = [
  initCommand,
  doctorCommand,
  demoCommand,
  devCommand,
  importCommand,
  exportCommand,
  digestCommand,
  deployCommand,
  stageCommand,
  publishCommand,
  previewCommand,
  negotiationCommand,
  overlapsCommand,
  formCommand,
];

/** Options main() handles for every command that takes --stage (see global-options.ts). */
const STAGE_OPTIONS = `Dengan --stage NAME / With --stage NAME (every command that takes it):
  --aws-profile P      Profil AWS CLI / AWS CLI profile (default: awsProfile of the stage, else AWS_PROFILE).
  --region R           Region AWS / AWS Region (default: region of the stage, else AWS_REGION, else
                       ap-southeast-3, Jakarta).
`;

const HELP = `cocreate — otomasi ko-kreasi OGP untuk masyarakat sipil / OGP co-creation automation for civil society

Penggunaan / Usage: cocreate <perintah/command> [opsi/options]

Perintah / Commands:
${COMMANDS.map((c) => c.help).join('')}  help [COMMAND]       Bantuan ini / This help; \`cocreate COMMAND --help\` for one command.

${STAGE_OPTIONS}
Putaran / Round (every command): --round FILE, else $COCREATE_ROUND_FILE, else ./cocreate.round.json,
  else the built-in sample round; a wrong file is refused before anything runs (cocreate init writes one).

Lingkungan / Environment:
  COCREATE_API_PORT (8700), COCREATE_DYNAMODB_PORT (8701), COCREATE_MAIL_PORT (8702),
  COCREATE_STATE_DIR (.cocreate) — local state folder.
  COCREATE_STAGE_DIR (the current folder) — where cocreate.stage.NAME.json files are kept.
`;

const context: CliContext = {
  root: ROOT,
  stateDir: () => process.env.COCREATE_STATE_DIR || join(ROOT, '.cocreate'),
  stageDir: () => process.env.COCREATE_STAGE_DIR || process.cwd(),
  round: { round: DEFAULT_ROUND, source: 'putaran contoh bawaan / built-in sample round' },
};

/** Takes the global `--round FILE` (or `--round=FILE`) out of the arguments, wherever it is. */
export function splitRoundFlag(argv: readonly string[]): { args: string[]; round?: string; error?: string } {
  const args: string[] = [];
  let round: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (a === '--round') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--'))
        return { args, error: '--round perlu nama berkas / --round needs a file name: --round FILE' };
      round = next;
      i++;
    } else if (a.startsWith('--round=')) round = a.slice('--round='.length);
    else args.push(a);
  }
  return { args, ...(round !== undefined ? { round } : {}) };
}

/** `cocreate COMMAND --help` and `cocreate help COMMAND`: that command's block of the help. */
function commandHelp(command: Command): number {
  process.stdout.write(
    `Penggunaan / Usage: cocreate ${command.help.trimStart()}${command.help.includes('--stage') ? `\n${STAGE_OPTIONS}` : ''}`,
  );
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const split = splitRoundFlag(argv);
  if (split.error) {
    process.stderr.write(`${split.error}\n`);
    return 2;
  }
  const [command, ...rest] = split.args;
  const asked = command === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
  if (asked) return commandHelp(asked);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return 0;
  }
  const found = COMMANDS.find((c) => c.name === command);
  if (!found) {
    process.stderr.write(`Perintah tidak dikenal / Unknown command: ${command}\n\n${HELP}`);
    return 2;
  }
  if (wantsHelp(rest)) return commandHelp(found);
  const ctx: CliContext = { ...context, ...(split.round !== undefined ? { roundFlag: split.round } : {}) };
  if (!found.ownRoundFile && found !== stageCommand) {
    try {
      ctx.round = loadRound({ ...(split.round !== undefined ? { flag: split.round } : {}) });
    } catch (e) {
      if (!(e instanceof RoundFileError)) throw e;
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
  }
  if (found === stageCommand) return found.run(rest, ctx);
  let stage: ReturnType<typeof stageAws>;
  try {
    stage = stageAws(rest, context.stageDir());
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  // The SDK clients and osls that a --stage command starts read these: the stage's account and Region.
  if (stage.stage && stage.region) process.env.AWS_REGION = stage.region;
  if (stage.stage && stage.profile) process.env.AWS_PROFILE = stage.profile;
  return found.run(stage.args, { ...ctx, ...(stage.stage ? { stage } : {}) });
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
