// One `cocreate` command: its help block, and `run`, which parses its own arguments and calls the work.

export interface CliContext {
  /** The repository checkout the CLI runs from. */
  root: string;
  /** The local state folder (COCREATE_STATE_DIR, default .cocreate/). */
  stateDir(): string;
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
