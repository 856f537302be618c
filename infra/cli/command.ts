// One `cocreate` command: its help block, and `run`, which parses its own arguments and calls the work.
import type { StageAws } from './global-options';

export interface CliContext {
  /** The repository checkout the CLI runs from. */
  root: string;
  /** The local state folder (COCREATE_STATE_DIR, default .cocreate/). */
  stateDir(): string;
  /** Where cocreate.stage.<name>.json files are kept (COCREATE_STAGE_DIR, default the current folder). */
  stageDir(): string;
  /** For a `--stage NAME` run: that stage's settings and the AWS profile and Region resolved for it. */
  stage?: StageAws;
}

export interface Command {
  name: string;
  /** Its lines in `cocreate --help`, indented as they appear there. */
  help: string;
  /** Returns the exit code: 0 done, 2 bad usage, 1 failed. */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** Prints a usage problem and returns the exit code for it. */
export function usage(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}
