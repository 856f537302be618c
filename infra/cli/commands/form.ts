// `cocreate form`: the bilingual form spec, as JSON (--json) or as a readable list.
import { parseArgs } from 'node:util';
import { formSpec } from '../../../shared/definitions/form-spec';
import type { Command } from '../command';

export const formCommand: Command = {
  name: 'form',
  help: `  form --json          Cetak spesifikasi formulir / Print the form spec (questions, titles, types, choices).
`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
    const spec = formSpec(ctx.round.round);
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
  },
};
