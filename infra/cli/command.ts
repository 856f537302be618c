// One `cocreate` command: its help block, and `run`, which parses its own arguments and calls the work.
import type { StageAws } from './global-options';
import type { LoadedRound } from './round/round-file';

export interface CliContext {
  /** The repository checkout the CLI runs from. */
  root: string;
  /** The local state folder (COCREATE_STATE_DIR, default .cocreate/). */
  stateDir(): string;
  /** Where cocreate.stage.<name>.json files are kept (COCREATE_STAGE_DIR, default the current folder). */
  stageDir(): string;
  /** For a `--stage NAME` run: that stage's settings and the AWS profile and Region resolved for it. */
  stage?: StageAws;
  /** The round this command runs with: checked by main before the command runs (see round-file.ts). */
  round: LoadedRound;
  /** The value of the global `--round FILE`, when given (main takes it out of the arguments). */
  roundFlag?: string;
}

export interface Command {
  name: string;
  /** Its lines in `cocreate --help`, indented as they appear there. */
  help: string;
  /** Returns the exit code: 0 done, 2 bad usage, 1 failed. */
  run(args: string[], ctx: CliContext): Promise<number>;
  /** The command reads the round file itself (init writes it, doctor reports on it): main does not check it first. */
  ownRoundFile?: boolean;
}

/** Prints a usage problem and returns the exit code for it. */
export function usage(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}
