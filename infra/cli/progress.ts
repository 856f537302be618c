// A one-line progress bar for terminals; silent when stderr is not a TTY (CI logs, pipes, --json).

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
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
