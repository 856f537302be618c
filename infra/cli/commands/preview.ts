// `cocreate preview --out DIR`: what setup builds on Google, as static HTML pages.
import { parseArgs } from 'node:util';
import { runPreview } from '../../preview/preview';
import { type Command, usage } from '../command';

export const previewCommand: Command = {
  name: 'preview',
  help: `  preview --out DIR    Pratinjau formulir dan spreadsheet yang dibangun setup / preview what setup builds:
                       DIR/form.html (as a respondent sees it), DIR/review-spreadsheet.html (what working
                       groups open) and DIR/intake-spreadsheet.html (secretariat only), after the sample round.
`,
  async run(args, ctx) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
    if (!values.out) return usage('--out wajib / --out DIR is required: cocreate preview --out DIR');
    return runPreview({ root: ctx.root, out: values.out, stateDir: ctx.stateDir() });
  },
};
