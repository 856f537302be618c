// What every subcommand gets without declaring it: `--help` (main prints its help block), and for a
// `--stage` command the AWS profile and Region (flag, else the stage file, else the environment, else Jakarta).
import { awsTarget, readStageSettings, type StageSettings } from './stage-settings';

/** True when the arguments ask for help (`--help`/`-h` anywhere, before a `--` separator). */
export function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

export interface StageAws {
  /** The arguments without --aws-profile and --region, for the command's own parser. */
  args: string[];
  stage?: string;
  settings: StageSettings;
  region?: string;
  profile?: string;
}

const optionValue = (args: string[], at: number, name: string): [string, number] => {
  const arg = args[at] as string;
  if (arg.startsWith(`--${name}=`)) return [arg.slice(name.length + 3), 0];
  const next = args[at + 1];
  if (next === undefined || next.startsWith('--'))
    throw new Error(`--${name} perlu nilai / --${name} needs a value`);
  return [next, 1];
};

/**
 * Takes --aws-profile and --region out of a command's arguments and resolves them for its --stage, so the
 * AWS SDK clients and osls that the command starts use that account and Region. Refuses them without --stage.
 */
export function stageAws(args: string[], dir: string, env: NodeJS.ProcessEnv = process.env): StageAws {
  const rest: string[] = [];
  const flags: { region?: string; awsProfile?: string } = {};
  let stage: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const name = ['aws-profile', 'region', 'stage'].find(
      (n) => arg === `--${n}` || arg.startsWith(`--${n}=`),
    );
    if (!name) {
      rest.push(arg);
      continue;
    }
    const [value, skip] = optionValue(args, i, name);
    if (name === 'stage') {
      stage = value;
      rest.push(arg, ...(skip ? [value] : []));
    } else if (name === 'region') flags.region = value;
    else flags.awsProfile = value;
    i += skip;
  }
  if (!stage) {
    if (flags.region || flags.awsProfile)
      throw new Error(
        '--aws-profile dan --region hanya bersama --stage / --aws-profile and --region only go with --stage NAME',
      );
    return { args: rest, settings: {} };
  }
  const settings = readStageSettings(dir, stage);
  return { args: rest, stage, settings, ...awsTarget(flags, settings, env) };
}
