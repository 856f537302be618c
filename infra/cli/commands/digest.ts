// `cocreate digest`: renders the secretariat's digest of the data target (a running stack, else the embedded
// store on disk, or --stage) to FILE.html + FILE.txt (or the text to stdout), and with --send asks a running
// local stack to send it now through its gateway's Lambda invoke path.

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { prepareDigests } from '../../../lambdas/services/digest-service';
import { DEFAULT_ROUND, type RoundConfig } from '../../../shared/definitions/round';
import { SECRETARIAT } from '../../../shared/digest/digest-model';
import type { Lang } from '../../../shared/platform/i18n';
import { readStackInfo } from '../../local-stack/stack-file';
import type { Command } from '../command';
import { openDataTarget } from '../data-target';

export interface DigestCommandOptions {
  stateDir: string;
  /** Write the HTML here and the text part next to it (FILE.txt). */
  out?: string;
  /** Send now through the running local stack (the digest Lambda with { force: true }). */
  send: boolean;
  lang?: Lang;
  stage?: string;
  round?: RoundConfig;
  now?: () => Date;
}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** FILE.html -> FILE.txt (any other name gets .txt appended). */
export function textPathFor(out: string): string {
  return /\.html?$/i.test(out) ? out.replace(/\.html?$/i, '.txt') : `${out}.txt`;
}

export async function runDigestCommand(
  opts: DigestCommandOptions,
  io: Io = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  if (opts.out || !opts.send) {
    const code = await render(opts, io);
    if (code !== 0) return code;
  }
  return opts.send ? send(opts, io) : 0;
}

async function render(opts: DigestCommandOptions, io: Io): Promise<number> {
  const round = opts.round ?? DEFAULT_ROUND;
  const target = await openDataTarget({
    stateDir: opts.stateDir,
    ...(opts.stage ? { stage: opts.stage } : {}),
  });
  try {
    const { digests } = await prepareDigests(
      {
        store: target.store,
        negotiations: target.negotiations,
        round,
        to: [],
        now: opts.now ?? (() => new Date()),
      },
      { ...(opts.lang ? { lang: opts.lang } : {}), audiences: [{ audience: SECRETARIAT, to: [] }] },
    );
    const digest = digests[0];
    if (!digest) throw new Error('no digest was built');
    const { email, model } = digest;
    if (opts.out) {
      const textFile = textPathFor(opts.out);
      writeFileSync(opts.out, email.html);
      writeFileSync(textFile, email.text);
      io.stderr.write(
        `Digest ditulis / written: ${opts.out} + ${textFile} (${model.summary.total} usulan/proposals, ${model.summary.commitments} komitmen/commitments; ${target.description})\n`,
      );
    } else {
      io.stdout.write(`${email.subject}\n\n${email.text}`);
    }
    return 0;
  } finally {
    await target.close();
  }
}

const NO_STACK = (stage?: string) =>
  [
    stage
      ? `Digest tidak dapat dikirim ke stage ${stage} dari CLI ini / the CLI cannot send the digest of stage ${stage}.`
      : 'Tidak ada stack lokal yang berjalan untuk mengirim digest / there is no running local stack to send the digest through.',
    '  Lokal / local: start one with `cocreate dev` (or `cocreate demo`) in another terminal, then run',
    '    `cocreate digest --send` again; the email lands in that stack’s local inbox.',
    '  Stage yang sudah di-deploy / a deployed stage: use the "Kirim digest sekarang / Send digest now" menu',
    '    of the review spreadsheet (signed POST /v1/digest), or `npx osls invoke -f digest --stage NAME --data \'{"force":true}\'`.',
    '  Pratinjau tanpa mengirim / preview without sending: `cocreate digest --out digest.html`.',
    '',
  ].join('\n');

async function send(opts: DigestCommandOptions, io: Io): Promise<number> {
  const running = opts.stage ? undefined : readStackInfo(opts.stateDir);
  if (!running) {
    io.stderr.write(NO_STACK(opts.stage));
    return 1;
  }
  const url = `${running.apiUrl}/2015-03-31/functions/digest/invocations`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ force: true, ...(opts.lang ? { lang: opts.lang } : {}) }),
    });
  } catch (e) {
    io.stderr.write(
      `Stack lokal tidak menjawab / the local stack at ${running.apiUrl} did not answer (${(e as Error).message}); is \`cocreate dev\` still running?\n`,
    );
    return 1;
  }
  const body = (await res.json().catch(() => null)) as {
    deliveries?: { audience: string; to: string[]; sent: boolean; error?: string }[];
    error?: { message?: string };
  } | null;
  if (!res.ok || !body || !Array.isArray(body.deliveries)) {
    io.stderr.write(
      `Pengiriman gagal / sending failed: ${url} answered ${res.status} ${JSON.stringify(body?.error ?? body)}\n`,
    );
    return 1;
  }
  for (const d of body.deliveries) {
    io.stdout.write(
      `${d.sent ? 'terkirim / sent' : 'tidak terkirim / not sent'}: ${d.audience} → ${d.to.join(', ')}${d.error ? ` (${d.error})` : ''}\n`,
    );
  }
  io.stdout.write(`Kotak surat lokal / local inbox: ${running.mailUrl}/\n`);
  return body.deliveries.every((d) => d.sent) ? 0 : 1;
}

export const digestCommand: Command = {
  name: 'digest',
  help: `  digest [--out FILE.html] [--send] [--lang id|en] [--stage NAME]
                       Digest status konsolidasi / the consolidated status email: rendered from the data
                       (running stack, else .cocreate/, or --stage) to FILE.html + FILE.txt (text to stdout
                       without --out); --send sends it now through a running \`cocreate dev\` stack.
`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        out: { type: 'string' },
        send: { type: 'boolean', default: false },
        lang: { type: 'string' },
        stage: { type: 'string' },
      },
    });
    if (values.lang !== undefined && values.lang !== 'id' && values.lang !== 'en') {
      process.stderr.write('--lang harus id atau en / --lang must be id or en\n');
      return 2;
    }
    return runDigestCommand({
      stateDir: ctx.stateDir(),
      round: ctx.round.round,
      send: values.send === true,
      ...(values.out ? { out: values.out } : {}),
      ...(values.lang ? { lang: values.lang } : {}),
      ...(values.stage ? { stage: values.stage } : {}),
    });
  },
};
