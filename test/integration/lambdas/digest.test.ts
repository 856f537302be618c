// The digest against real local servers: dynalite for the claims and aws-ses-v2-local for the mail.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { runDigestCommand } from '../../../infra/cli/commands/digest';
import { SAMPLE_PROPOSALS } from '../../../infra/demo/sample-round';
import { listEmails, type SentEmail } from '../../../infra/local-stack/mail-inbox';
import { sesOptions } from '../../../lambdas/adapters/aws-clients';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { plainSecret } from '../../../lambdas/adapters/secrets';
import { type Mailer, SesMailer } from '../../../lambdas/adapters/ses-mailer';
import { hmacSha256Hex } from '../../../lambdas/auth';
import { createDigestHandler } from '../../../lambdas/digest';
import { type DigestDeps, DigestSendError, sendDigest } from '../../../lambdas/services/digest-service';
import { ingestSubmission } from '../../../lambdas/services/ingest-service';
import { formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND, type RoundConfig } from '../../../shared/definitions/round';
import { signRequest } from '../../../shared/platform/signing';
import { startDynamo, startMailSink } from '../../support/local-servers';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let mail: Awaited<ReturnType<typeof startMailSink>>;
let store: DynamoProposalStore;
let deps: DigestDeps;

const SECRETARIAT = 'tim@cocreate.example';
const ACB = 'akb@cocreate.example';
const GEDSI = ['gedsi@cocreate.example', 'gedsi2@cocreate.example'];
/** Two working groups have contacts; the others get no digest of their own. */
const ROUND: RoundConfig = {
  ...DEFAULT_ROUND,
  workingGroups: DEFAULT_ROUND.workingGroups.map((g) =>
    g.id === 'anti-corruption-budget'
      ? { ...g, contacts: [ACB] }
      : g.id === 'gedsi'
        ? { ...g, contacts: GEDSI }
        : g,
  ),
};
const WEEK_MS = 7 * 86_400_000;
/** Monday 8 August 2022, 08:00 WIB (when the schedule fires), plus whole weeks. */
const week = (n: number) => () => new Date(Date.parse('2022-08-08T01:00:00Z') + n * WEEK_MS);
// Sample themes 0-2 belong to Anti-Corruption & Budget, 3-4 to Inclusive Public Service, 5-6 to GEDSI.
const ACB_TITLES = SAMPLE_PROPOSALS.slice(0, 3).map((s) => String(s.answers.title));
const GEDSI_TITLES = SAMPLE_PROPOSALS.slice(5, 7).map((s) => String(s.answers.title));
const OTHER_TITLES = SAMPLE_PROPOSALS.slice(3, 5).map((s) => String(s.answers.title));

async function ingest(i: number, now: () => Date) {
  const s = SAMPLE_PROPOSALS[i];
  if (!s) throw new Error(`no sample ${i}`);
  await ingestSubmission(
    { store, spec: formSpec(ROUND), round: ROUND, now },
    { responseId: s.responseId, submittedAt: s.submittedAt, answers: s.answers },
  );
}

/** Emails that arrive while `run` runs. */
async function sentDuring(run: () => Promise<unknown>): Promise<SentEmail[]> {
  const before = (await listEmails(mail.url)).length;
  await run();
  return (await listEmails(mail.url)).slice(before);
}

const to = (emails: SentEmail[], address: string) => emails.filter((e) => e.destination.to.includes(address));

beforeAll(async () => {
  dynamo = await startDynamo();
  mail = await startMailSink(0);
  store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  for (let i = 0; i < 7; i++) await ingest(i, week(0));
  await ingestSubmission(
    { store, spec: formSpec(ROUND), round: ROUND, now: week(0) },
    {
      responseId: 'bad',
      submittedAt: '2022-08-02T00:00:00Z',
      answers: { title: '<script>alert(1)</script>', organisation: '<img src=x onerror=alert(2)>' },
    },
  );
  deps = {
    store,
    mailer: new SesMailer(sesOptions({ sesEndpoint: mail.url })),
    round: ROUND,
    from: 'sekretariat@cocreate.example',
    to: [SECRETARIAT],
    now: week(0),
  };
});
afterAll(async () => {
  await mail.close();
  await dynamo.close();
});

describe('weekly digest through the SES sink', () => {
  it('sends the secretariat and each working group with contacts one digest a week, however often the schedule fires', async () => {
    let first: Awaited<ReturnType<typeof sendDigest>> | undefined;
    const emails = await sentDuring(async () => {
      first = await sendDigest(deps);
    });
    expect(first).toMatchObject({ sent: true, proposals: 8, period: '2022-W32' });
    expect(first?.deliveries.map((d) => [d.audience, d.sent, d.proposals])).toEqual([
      ['secretariat', true, 8],
      ['group:anti-corruption-budget', true, 3],
      ['group:gedsi', true, 2],
    ]);
    expect(emails.map((e) => e.destination.to)).toEqual([[SECRETARIAT], [ACB], GEDSI]);

    const again = await sentDuring(async () => {
      const second = await sendDigest(deps);
      expect(second.sent).toBe(false);
      expect(second.deliveries.every((d) => d.skipped === 'already_sent')).toBe(true);
      await sendDigest({ ...deps, now: () => new Date(week(0)().getTime() + 3 * 86_400_000) }); // same week
    });
    expect(again).toEqual([]);
    const [secretariat] = to(emails, SECRETARIAT);
    expect(secretariat?.subject).toMatch(/^Status usulan komitmen: .* — 8 usulan, 0 komitmen$/);
    expect(secretariat?.body.text).toContain('Total usulan: 8');
    expect(secretariat?.body.text).toContain('Ini digest pertama');
  });

  it('gives each working group only its own proposals', async () => {
    const emails = await listEmails(mail.url);
    const [acb] = to(emails, ACB);
    const [gedsi] = to(emails, GEDSI[0] as string);
    expect(acb?.subject).toMatch(/^\[Anti Korupsi & Anggaran\] Status usulan komitmen/);
    expect(acb?.body.text).toContain('Total usulan: 3');
    for (const t of ACB_TITLES) expect(acb?.body.text).toContain(t);
    for (const t of [...GEDSI_TITLES, ...OTHER_TITLES]) expect(acb?.body.text).not.toContain(t);
    expect(gedsi?.body.text).toContain('Total usulan: 2');
    for (const t of GEDSI_TITLES) expect(gedsi?.body.html).toContain(t);
    for (const t of [...ACB_TITLES, ...OTHER_TITLES]) expect(gedsi?.body.html).not.toContain(t);
    expect(gedsi?.body.html).not.toContain('alert(1)');
  });

  it("stores each send's counts with its claim and reports the changes in the next week's digest", async () => {
    expect(await store.lastDigestSummary(ROUND.id, 'secretariat')).toMatchObject({
      period: '2022-W32',
      sentAt: week(0)().toISOString(),
      summary: { total: 8, invalid: 1, commitments: 0, byStatus: { submitted: 8 } },
    });
    expect(await store.lastDigestSummary(ROUND.id, 'group:gedsi')).toMatchObject({ summary: { total: 2 } });
    expect(await store.lastDigestSummary(ROUND.id, 'group:legal-aid-justice')).toBeUndefined();

    await ingest(7, week(1)); // one more proposal, for Natural Resources, Environment & Energy
    const emails = await sentDuring(() => sendDigest({ ...deps, now: week(1) }));
    expect(emails).toHaveLength(3);
    const [secretariat] = to(emails, SECRETARIAT);
    expect(secretariat?.body.text).toContain(
      'Digest sebelumnya dikirim: 8 Agustus 2022 pukul 08.00 WIB (Minggu 2022-W32)',
    );
    expect(secretariat?.body.text).toContain('- Total usulan: 8 -> 9 (+1)');
    const [acb] = to(emails, ACB);
    expect(acb?.body.text).toContain('- Total usulan: 3 -> 3 (0)');
    expect(await store.lastDigestSummary(ROUND.id, 'secretariat')).toMatchObject({
      period: '2022-W33',
      summary: { total: 9 },
    });
  });

  it('releases the claim of a failed send, so the retried run sends only what is still missing', async () => {
    const ses = deps.mailer;
    const failingForGedsi: Mailer = {
      send: async (email) => {
        if (email.to.includes(GEDSI[0] as string)) throw new Error('SES throttled');
        return ses.send(email);
      },
    };
    const firstTry = await sentDuring(async () => {
      const failed = await sendDigest({ ...deps, mailer: failingForGedsi, now: week(2) }).catch(
        (e: unknown) => e,
      );
      expect(failed).toBeInstanceOf(DigestSendError);
      expect((failed as DigestSendError).message).toContain('group:gedsi: SES throttled');
      expect((failed as DigestSendError).outcome.deliveries.map((d) => d.sent)).toEqual([true, true, false]);
    });
    expect(firstTry.map((e) => e.destination.to)).toEqual([[SECRETARIAT], [ACB]]);

    const retry = await sentDuring(() => sendDigest({ ...deps, now: week(2) }));
    expect(retry.map((e) => e.destination.to)).toEqual([GEDSI]);
    expect(await sentDuring(() => sendDigest({ ...deps, now: week(2) }))).toEqual([]);
  });

  it('sends again on "send now" without using up the weekly claims', async () => {
    const now = await sentDuring(() => sendDigest({ ...deps, now: week(3) }, { force: true, lang: 'en' }));
    expect(now).toHaveLength(3);
    expect(to(now, SECRETARIAT)[0]?.body.text).toContain('Total proposals: 9');
    const weekly = await sentDuring(() => sendDigest({ ...deps, now: week(3) }));
    expect(weekly).toHaveLength(3);
  });

  it('still sends now through the signed POST /v1/digest', async () => {
    const secret = 'rahasia-uji';
    const handler = createDigestHandler(() => ({
      ...deps,
      store,
      now: week(3),
      secrets: plainSecret(secret),
    }));
    const body = JSON.stringify({ lang: 'en' });
    const event = {
      version: '2.0',
      routeKey: 'POST /v1/digest',
      rawPath: '/v1/digest',
      rawQueryString: '',
      headers: signRequest(secret, body, week(3)().getTime() / 1000, hmacSha256Hex, {
        method: 'POST',
        path: '/v1/digest',
      }),
      requestContext: { http: { method: 'POST', path: '/v1/digest' } },
      body,
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    let res: { statusCode?: number; body?: string } | undefined;
    const emails = await sentDuring(async () => {
      res = (await handler(event)) as typeof res;
    });
    expect(res?.statusCode).toBe(200);
    expect(JSON.parse(res?.body ?? '{}')).toMatchObject({ sent: true, proposals: 9 });
    expect(emails).toHaveLength(3);
    expect((await handler(event)) as typeof res).toMatchObject({ statusCode: 401 }); // a replay
  });

  it('escapes user text in the HTML part', async () => {
    const html = to(await listEmails(mail.url), SECRETARIAT).at(-1)?.body.html ?? '';
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('refuses an invalid recipient before calling SES (the sink would accept it)', async () => {
    await expect(sendDigest({ ...deps, to: ['bukan alamat'] }, { force: true })).rejects.toThrow(
      /Invalid email/,
    );
  });
});

describe('cocreate digest', () => {
  let stateDir: string;
  let gateway: Server;
  const invocations: { path: string; body: unknown }[] = [];
  const capture = () => {
    const out = { stdout: '', stderr: '' };
    const sink = (key: 'stdout' | 'stderr') =>
      ({
        write: (s: string) => {
          out[key] += s;
          return true;
        },
      }) as unknown as NodeJS.WritableStream;
    const io = { stdout: sink('stdout'), stderr: sink('stderr') };
    return { out, io };
  };

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'cocreate-digest-'));
    // A stand-in for the running stack's gateway: records the Lambda invocation it is asked for.
    gateway = createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => {
        raw += c;
      });
      req.on('end', () => {
        invocations.push({ path: `${req.method} ${req.url}`, body: JSON.parse(raw || '{}') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            sent: true,
            deliveries: [{ audience: 'secretariat', to: [SECRETARIAT], sent: true }],
          }),
        );
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    await new Promise((r) => gateway.close(r));
    rmSync(stateDir, { recursive: true, force: true });
  });

  const useRunningStack = (dir: string) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'stack.json'),
      JSON.stringify({
        pid: process.pid,
        apiUrl: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
        dynamodbUrl: dynamo.url,
        mailUrl: mail.url,
        tableName: dynamo.tableName,
        startedAt: new Date().toISOString(),
      }),
    );
  };

  it("renders the running stack's digest to FILE.html and FILE.txt", async () => {
    const dir = join(stateDir, 'running');
    useRunningStack(dir);
    const { out, io } = capture();
    const file = join(dir, 'digest.html');
    const code = await runDigestCommand(
      { stateDir: dir, out: file, send: false, lang: 'en', now: week(3) },
      io,
    );
    expect(code).toBe(0);
    expect(out.stderr).toMatch(/written: .*digest\.html \+ .*digest\.txt \(9 usulan\/proposals/);
    expect(readFileSync(file, 'utf8')).toContain('Total proposals: <strong>9</strong>');
    expect(readFileSync(join(dir, 'digest.txt'), 'utf8')).toContain('Total proposals: 9');
    expect(invocations).toEqual([]);
  });

  it("sends now through the running stack's Lambda invoke path", async () => {
    const dir = join(stateDir, 'running');
    const { out, io } = capture();
    expect(await runDigestCommand({ stateDir: dir, send: true, lang: 'en' }, io)).toBe(0);
    expect(invocations).toEqual([
      { path: 'POST /2015-03-31/functions/digest/invocations', body: { force: true, lang: 'en' } },
    ]);
    expect(out.stdout).toContain(`sent: secretariat → ${SECRETARIAT}`);
  });

  it('explains how to send when no stack is running, instead of failing obscurely', async () => {
    const { out, io } = capture();
    expect(await runDigestCommand({ stateDir: join(stateDir, 'none'), send: true }, io)).toBe(1);
    expect(out.stderr).toContain('there is no running local stack to send the digest through');
    expect(out.stderr).toContain('cocreate dev');
    expect(out.stderr).toContain('--stage NAME');
  });

  it('renders from the embedded store on disk when no stack runs', async () => {
    const { out, io } = capture();
    expect(await runDigestCommand({ stateDir: join(stateDir, 'embedded'), send: false }, io)).toBe(0);
    expect(out.stdout).toMatch(/^Status usulan komitmen: .* — 0 usulan, 0 komitmen\n/);
    expect(out.stdout).toContain('Total usulan: 0');
  });
});
