// `cocreate publish --out DIR`: the public repository site of the round, written to a folder.
import { parseArgs } from 'node:util';
import { FolderSiteWriter } from '../../../lambdas/adapters/folder-site-writer';
import { publishSite } from '../../../lambdas/services/publish-service';
import { DEFAULT_ROUND, type RoundConfig } from '../../../shared/definitions/round';
import type { Command } from '../command';
import { openDataTarget } from '../data-target';

export interface PublishOptions {
  out: string;
  stage?: string;
  stateDir: string;
  /** Default: the built-in sample round (the CLI passes the round file's). */
  round?: RoundConfig;
}

export async function runPublish(
  opts: PublishOptions,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const target = await openDataTarget({
    stateDir: opts.stateDir,
    ...(opts.stage ? { stage: opts.stage } : {}),
  });
  try {
    const outcome = await publishSite(
      {
        store: target.store,
        negotiations: target.negotiations,
        round: opts.round ?? DEFAULT_ROUND,
        writer: new FolderSiteWriter(opts.out),
      },
      new Date(),
    );
    stdout.write(
      `Situs ditulis / site written: ${outcome.location}/index.html (${outcome.files} berkas/files, ${outcome.written} berubah/changed; ${outcome.proposals} usulan/proposals, ${outcome.commitments} komitmen/commitments; dari/from ${target.description})\n`,
    );
    return 0;
  } finally {
    await target.close();
  }
}

export const publishCommand: Command = {
  name: 'publish',
  help: `  publish --out DIR [--stage NAME]
                       Terbitkan situs repositori publik / write the public repository site: index,
                       a page per proposal and commitment, the reasoned response (HTML, CSV), the action
                       plan draft (.docx, HTML) and the open data (DIR/data/), no personal data.
`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { out: { type: 'string' }, stage: { type: 'string' } },
    });
    if (!values.out) {
      process.stderr.write('--out wajib / --out DIR is required: cocreate publish --out DIR\n');
      return 2;
    }
    return runPublish({
      out: values.out,
      stateDir: ctx.stateDir(),
      round: ctx.round.round,
      ...(values.stage ? { stage: values.stage } : {}),
    });
  },
};
