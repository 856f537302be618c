// `cocreate demo`: the sample round end to end on the embedded stack — the built Apps Script bundle
// submits the proposals (through the simulated Apps Script services), the ingest Lambda stores them in
// dynalite, and the digest Lambda emails the status to the local inbox.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDocumentClient } from '../../lambdas/adapters/aws-clients';
import { DynamoProposalStore } from '../../lambdas/adapters/dynamodb-proposal-store';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import type { RunSummary } from '../apps-script-sim/run-plan';
import { portFree, type Stack, stackOptionsFromEnv, startStack } from '../local-stack/local-stack';
import { listEmails } from '../local-stack/mail-inbox';
import { removeStackInfo, writeStackInfo } from '../local-stack/stack-file';
import { runSampleRound } from '../preview/preview';
import { writePreview } from '../preview/write-preview';
import { negotiateSampleRound } from './demo-negotiation';
import { reviewSampleRound } from './demo-review';
import { SAMPLE_PROPOSALS } from './sample-round';

export interface DemoOptions {
  root: string;
  once: boolean;
  out?: NodeJS.WritableStream;
}

export async function runDemo(opts: DemoOptions): Promise<number> {
  const out = opts.out ?? process.stdout;
  const say = (line: string) => out.write(`${line}\n`);
  const stackOpts = stackOptionsFromEnv(process.env, opts.root);
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
    const sim = await submitSamples(stack, opts.root, say);
    const preview = writePreview(join(stackOpts.stateDir, 'preview'), sim);
    await checkStored(stack, say);
    say('4/5 Kelompok kerja meninjau dan mengonsolidasi / Working groups review and consolidate …');
    const reviewed = await reviewSampleRound(
      stack.apiUrl,
      stack.signingSecret,
      DEFAULT_ROUND,
      SAMPLE_PROPOSALS,
    );
    const consolidated = (await (await fetch(`${stack.apiUrl}/v1/export/proposals.json`)).json()) as {
      commitments: unknown[];
    };
    say(
      `    ${reviewed.accepted} diterima / accepted, ${reviewed.merged} digabung / merged → ${consolidated.commitments.length} komitmen / commitments (${stack.apiUrl}/v1/export/proposals.json)`,
    );
    await negotiateDemo(stack, stackOpts.stateDir, say);
    const digestFile = await deliverDigest(stack, stackOpts.stateDir, say);
    const site = await publishDemoSite(stack);
    say('');
    say(`Kotak surat lokal / local inbox:  ${stack.mailUrl}/`);
    say(`Digest (HTML):                    ${digestFile}`);
    say(`Situs publik / public site:       ${site}`);
    if (!opts.once) say(`                                  ${stack.apiUrl}/site/`);
    say(`Pratinjau formulir / form preview: ${preview.form}`);
    say(`Pratinjau spreadsheet / sheets:   ${preview.review}, ${preview.intake}`);
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

/** The negotiation step, then the export checked: every commitment in negotiation with at least one agency. */
async function negotiateDemo(stack: Stack, stateDir: string, say: (s: string) => void) {
  say(
    '    Negosiasi dengan K/L / Negotiation with ministries and agencies (posisi ilustrasi / illustrative positions) …',
  );
  await negotiateSampleRound(stack.apiUrl, stack.signingSecret, DEFAULT_ROUND, SAMPLE_PROPOSALS);
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

async function submitSamples(stack: Stack, root: string, say: (s: string) => void): Promise<RunSummary> {
  say(
    `2/5 Mengirim ${SAMPLE_PROPOSALS.length} usulan lewat bundel Apps Script / Submitting ${SAMPLE_PROPOSALS.length} proposals through the built Apps Script bundle …`,
  );
  const summary = await runSampleRound(root, stack);
  const failed = summary.calls.filter((c) => !c.ok);
  for (const c of failed) say(`    ! ${c.name} ${c.responseId ?? ''}: ${c.error}`);
  const delivered = summary.calls.filter((c) => c.name === 'onFormSubmit' && c.ok).length;
  say(`    ${delivered}/${SAMPLE_PROPOSALS.length} terkirim / delivered; outbox ${summary.outboxSize}`);
  if (failed.length || summary.outboxSize || summary.failedSize) {
    throw new Error('Sebagian usulan tidak terkirim / some proposals were not delivered');
  }
  return summary;
}

async function checkStored(stack: Stack, say: (s: string) => void) {
  const doc = makeDocumentClient({ dynamodbEndpoint: stack.dynamodbUrl });
  try {
    const proposals = await new DynamoProposalStore(doc, stack.tableName).listRound(DEFAULT_ROUND.id);
    const valid = proposals.filter((p) => p.valid).length;
    say(
      `3/5 Tersimpan di DynamoDB / Stored in DynamoDB: ${proposals.length} usulan/proposals (${valid} valid, ${proposals.length - valid} perlu tindak lanjut/need follow-up)`,
    );
    if (proposals.length !== SAMPLE_PROPOSALS.length) {
      throw new Error(`Expected ${SAMPLE_PROPOSALS.length} proposals in DynamoDB, found ${proposals.length}`);
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
