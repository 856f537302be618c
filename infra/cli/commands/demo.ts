// `cocreate demo`: the sample round end to end on the embedded stack (the work is in infra/demo/).
import { parseArgs } from 'node:util';
import { runDemo } from '../../demo/demo';
import type { Command } from '../command';

export const demoCommand: Command = {
  name: 'demo',
  help: `  demo [--once] [--fresh]
                       Jalankan putaran contoh dari awal sampai akhir pada stack lokal.
                       Run the sample round end to end on the embedded stack (--once: exit when the
                       digest is delivered). The round stays on disk in .cocreate/ for every other
                       command; a second run reuses it, --fresh starts over.
`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { once: { type: 'boolean', default: false }, fresh: { type: 'boolean', default: false } },
    });
    return runDemo({
      root: ctx.root,
      once: values.once === true,
      fresh: values.fresh === true,
      round: ctx.round,
    });
  },
};
