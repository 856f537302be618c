// `cocreate demo`: the sample round end to end on the embedded stack — the built Apps Script bundle
// submits the proposals (through the simulated Apps Script services), the ingest Lambda stores them in
// dynalite, and the digest Lambda emails the status to the local inbox. The round stays on disk in the
// state folder, where every other command finds it after the demo stops.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDocumentClient } from '../../lambdas/adapters/aws-clients';
import { DynamoProposalStore } from '../../lambdas/adapters/dynamodb-proposal-store';
import { DEFAULT_ROUND, type RoundConfig } from '../../shared/definitions/round';
import type { RunSummary } from '../apps-script-sim/run-plan';
import { progressBar } from '../cli/progress';
import type { LoadedRound } from '../cli/round/round-file';
import { portFree, type Stack, stackOptionsFromEnv, startStack } from '../local-stack/local-stack';
import { listEmails } from '../local-stack/mail-inbox';
import { removeStackInfo, writeStackInfo } from '../local-stack/stack-file';
import { runSampleRound } from '../preview/preview';
import { writePreview } from '../preview/write-preview';
import { negotiateSampleRound } from './demo-negotiation';
import { reviewSampleRound } from './demo-review';
import { type SampleProposal, sampleProposalsFor } from './sample-round';

export interface DemoOptions {
  root: string;
  once: boolean;
  /** Start over: drop the stored round first. */
  fresh?: boolean;
  round?: LoadedRound;
  out?: NodeJS.WritableStream;
}

export async function runDemo(opts: DemoOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  const say = (line: string) => out.write(`${line}\n`);
  const round = opts.round?.round ?? DEFAULT_ROUND;
  const samples = sampleProposalsFor(round);
  const stackOpts = stackOptionsFromEnv(process.env, opts.root, { persist: true, round });
  // With --once nobody needs fixed ports: take free ones if the defaults are busy (a dev stack may run).
  if (opts.once) {
    for (const [key, env] of [
      ['apiPort', 'COCREATE_API_PORT'],
      ['dynamodbPort', 'COCREATE_DYNAMODB_PORT'],
      ['mailPort', 'COCREATE_MAIL_PORT'],
    ] as const) {
      if (!process.env[env] && !(await portFree(stackOpts[key]))) stackOpts[key] = 0;
    }
  }
  if (opts.fresh) rmSync(join(stackOpts.stateDir, 'dynamodb'), { recursive: true, force: true });
  mkdirSync(stackOpts.stateDir, { recursive: true });
  // The Lambdas run in this process: keep their info log lines out of the demo's own output.
  process.env.LOG_LEVEL ??= 'warn';
  say('1/5 Memulai stack lokal / Starting the embedded stack …');
  const stack = await startStack(stackOpts);
  if (!opts.once) {
    writeStackInfo(stackOpts.stateDir, stack);
  }
  try {
    say(`    API ${stack.apiUrl} · DynamoDB ${stack.dynamodbUrl} · inbox ${stack.mailUrl}/`);
    say(`    Putaran / round: ${round.id} (${opts.round?.source ?? 'sample round'})`);
    const previewDir = join(stackOpts.stateDir, 'preview');
    const stored = await storedCount(stack, round);
    let preview: ReturnType<typeof writePreview> | undefined;
    if (stored > 0) {
      say(
        `2-4/5 Putaran ini sudah tersimpan (${stored} usulan) di / This round is already stored (${stored} proposals) in ${join(stackOpts.stateDir, 'dynamodb')}`,
      );
      say('    dipakai apa adanya / used as it is; `cocreate demo --fresh` memulai dari awal / starts over.');
    } else {
      const sim = await submitSamples(stack, opts.root, round, samples, say);
      preview = writePreview(previewDir, sim);
      await checkStored(stack, round, samples.length, say);
      say('4/5 Kelompok kerja meninjau dan mengonsolidasi / Working groups review and consolidate …');
      const reviewed = await reviewSampleRound(stack.apiUrl, stack.signingSecret, round, samples);
      const consolidated = (await (await fetch(`${stack.apiUrl}/v1/export/proposals.json`)).json()) as {
        commitments: unknown[];
      };
      say(
        `    ${reviewed.accepted} diterima / accepted, ${reviewed.merged} digabung / merged → ${consolidated.commitments.length} komitmen / commitments (${stack.apiUrl}/v1/export/proposals.json)`,
      );
      await negotiateDemo(stack, stackOpts.stateDir, round, samples, say);
    }
    const digestFile = await deliverDigest(stack, stackOpts.stateDir, say);
    const site = await publishDemoSite(stack);
    say('');
    say(`Kotak surat lokal / local inbox:  ${stack.mailUrl}/`);
    say(`Digest (HTML):                    ${digestFile}`);
    say(`Situs publik / public site:       ${site}`);
    if (!opts.once) say(`                                  ${stack.apiUrl}/site/`);
    if (preview) {
      say(`Pratinjau formulir / form preview: ${preview.form}`);
      say(`Pratinjau spreadsheet / sheets:   ${preview.review}, ${preview.intake}`);
    } else
      say(`Pratinjau / previews:             ${previewDir}/ (dari putaran pertama / from the first run)`);
    say(
      `Data putaran / round data:        ${join(stackOpts.stateDir, 'dynamodb')} (tetap setelah demo / kept after the demo)`,
    );
    say('');
    say('Coba berikutnya / try next:');
    for (const [cmd, what] of NEXT_STEPS) say(`  ${cmd.padEnd(40)} ${what}`);
    if (opts.once) return 0;
    say('Stack tetap berjalan; tekan Ctrl+C untuk berhenti / The stack keeps running; press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    return 0;
  } finally {
    if (!opts.once) removeStackInfo(stackOpts.stateDir);
    await stack.stop();
  }
}

/** What to try once the demo's round is on disk (each reads it there, or from the running demo). */
export const NEXT_STEPS: [command: string, what: string][] = [
  ['npx cocreate export --format json', 'data terbuka tanpa data pribadi / open data, no personal data'],
  ['npx cocreate digest --out digest.html', 'pratinjau digest / preview the status email'],
  ['npx cocreate preview --out preview', 'pratinjau formulir dan spreadsheet / form and sheet previews'],
  ['npx cocreate overlaps', 'usulan yang mirip / similar proposals'],
  ['npx cocreate doctor', 'periksa penyiapan / check the setup'],
  ['npx cocreate demo --fresh', 'mulai dari awal / start over'],
];

async function storedCount(stack: Stack, round: RoundConfig): Promise<number> {
  const doc = makeDocumentClient({ dynamodbEndpoint: stack.dynamodbUrl });
  try {
    return (await new DynamoProposalStore(doc, stack.tableName).listRound(round.id)).length;
  } finally {
    doc.destroy();
  }
}

/** The negotiation step, then the export checked: every commitment in negotiation with at least one agency. */
async function negotiateDemo(
  stack: Stack,
  stateDir: string,
  round: RoundConfig,
  samples: readonly SampleProposal[],
  say: (s: string) => void,
) {
  say(
    '    Negosiasi dengan K/L / Negotiation with ministries and agencies (posisi ilustrasi / illustrative positions) …',
  );
  await negotiateSampleRound(stack.apiUrl, stack.signingSecret, round, samples);
  const raw = await (await fetch(`${stack.apiUrl}/v1/export/proposals.json`)).text();
  writeFileSync(join(stateDir, 'demo-export.json'), raw);
  const commitments = (
    JSON.parse(raw) as { commitments: { negotiation?: { status: string; agencies: unknown[] } }[] }
  ).commitments;
  const withAgency = commitments.filter((c) => (c.negotiation?.agencies.length ?? 0) > 0).length;
  const counts = new Map<string, number>();
  for (const c of commitments)
    counts.set(c.negotiation?.status ?? '-', (counts.get(c.negotiation?.status ?? '-') ?? 0) + 1);
  say(
    `    ${withAgency}/${commitments.length} komitmen dalam negosiasi dengan instansi / commitments in negotiation with an agency: ${[...counts].map(([s, n]) => `${s} ${n}`).join(', ')}`,
  );
  say(
    '    Semua posisi instansi di data contoh adalah ilustrasi, bukan pernyataan instansi / all agency positions in the sample are illustrative, not statements by the agencies.',
  );
  if (withAgency !== commitments.length)
    throw new Error('Sebagian komitmen tanpa instansi / some commitments have no agency in the export');
}

async function submitSamples(
  stack: Stack,
  root: string,
  round: RoundConfig,
  samples: readonly SampleProposal[],
  say: (s: string) => void,
): Promise<RunSummary> {
  say(
    `2/5 Mengirim ${samples.length} usulan lewat bundel Apps Script / Submitting ${samples.length} proposals through the built Apps Script bundle …`,
  );
  // The bundle runs in a worker: progress is what the API has stored so far (a bar on terminals only).
  const bar = progressBar('    Tersimpan / stored');
  let polling = false;
  const poll = setInterval(() => {
    if (polling) return;
    polling = true;
    storedCount(stack, round)
      .then((n) => bar.update(Math.min(n, samples.length - 1), samples.length))
      .catch(() => undefined)
      .finally(() => {
        polling = false;
      });
  }, 250);
  let summary: RunSummary;
  try {
    summary = await runSampleRound(root, stack, round, samples);
  } finally {
    clearInterval(poll);
  }
  bar.update(samples.length, samples.length);
  const failed = summary.calls.filter((c) => !c.ok);
  for (const c of failed) say(`    ! ${c.name} ${c.responseId ?? ''}: ${c.error}`);
  const delivered = summary.calls.filter((c) => c.name === 'onFormSubmit' && c.ok).length;
  say(`    ${delivered}/${samples.length} terkirim / delivered; outbox ${summary.outboxSize}`);
  if (failed.length || summary.outboxSize || summary.failedSize) {
    throw new Error('Sebagian usulan tidak terkirim / some proposals were not delivered');
  }
  return summary;
}

async function checkStored(stack: Stack, round: RoundConfig, expected: number, say: (s: string) => void) {
  const doc = makeDocumentClient({ dynamodbEndpoint: stack.dynamodbUrl });
  try {
    const proposals = await new DynamoProposalStore(doc, stack.tableName).listRound(round.id);
    const valid = proposals.filter((p) => p.valid).length;
    say(
      `3/5 Tersimpan di DynamoDB / Stored in DynamoDB: ${proposals.length} usulan/proposals (${valid} valid, ${proposals.length - valid} perlu tindak lanjut/need follow-up)`,
    );
    if (proposals.length !== expected) {
      throw new Error(`Expected ${expected} proposals in DynamoDB, found ${proposals.length}`);
    }
  } finally {
    doc.destroy();
  }
}

async function deliverDigest(stack: Stack, stateDir: string, say: (s: string) => void): Promise<string> {
  say('5/5 Mengirim digest ke kotak surat lokal / Sending the digest to the local inbox …');
  const before = (await listEmails(stack.mailUrl)).length;
  await stack.gateway.invoke('digest', { force: true });
  for (let i = 0; i < 50; i++) {
    const emails = await listEmails(stack.mailUrl);
    // Agency reminders go out in the same run: the digest is the secretariat's email.
    const digest = emails.slice(before).find((e) => !e.subject.startsWith('Menunggu posisi'));
    if (digest) {
      const file = join(stateDir, 'demo-digest.html');
      writeFileSync(file, digest.body.html ?? '');
      say(`    Terkirim / delivered: "${digest.subject}" → ${digest.destination.to.join(', ')}`);
      return file;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Digest tidak sampai di kotak surat / the digest did not reach the inbox');
}

/** The public repository site of the demo round: the publish Lambda writes it to the state folder. */
async function publishDemoSite(stack: Stack): Promise<string> {
  const outcome = (await stack.gateway.invoke('publish', {})) as { location: string; files: number };
  return join(outcome.location, 'index.html');
}
