// Progress for long work: a one-line bar on terminals (silent off them), and numbered step lines for commands
// whose steps are few and long. Callers pick the stream, so --json stdout is never written to.

/** The stream side progress needs; a fake with `isTTY` and `write` is enough in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

export function progressBar(label: string, stream: ProgressStream = process.stderr) {
  const enabled = stream.isTTY === true;
  let last = -1;
  return {
    update(done: number, total: number) {
      if (!enabled || total === 0) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === last && done !== total) return;
      last = pct;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${pct}% ${done}/${total}`,
      );
      if (done === total) stream.write('\n');
    },
  };
}

/**
 * `[n/m] label` lines, one per step as it starts: plain text that reads the same in a terminal and in a CI
 * log (a step may print its own output, e.g. osls, so a redrawn bar would be torn). `quiet` writes nothing.
 */
export function progressSteps(total: number, stream: ProgressStream, opts: { quiet?: boolean } = {}) {
  let n = 0;
  return {
    step(label: string) {
      n = Math.min(n + 1, total);
      if (!opts.quiet) stream.write(`[${n}/${total}] ${label}\n`);
    },
  };
}
