// The BUILT Apps Script bundle (dist/apps-script/Code.js) run in a V8 context with simulated services,
// talking to a real HTTP server in another thread (the simulated UrlFetchApp blocks its own thread).

import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { CapturedRequest } from '../../infra/apps-script-sim/capture-server';
import { type FormSubmitEventArgs, formSubmitEvent } from '../../infra/apps-script-sim/events';
import { runAppsScriptInWorker } from '../../infra/apps-script-sim/worker-runner';
import { allQuestions, formSpec, questionTitle } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { parseSubmission } from '../../shared/ingest/ingest';
import { verifyRequest } from '../../shared/platform/signing';
import { CODE, ensureBuilt, hmac, useBuiltAppsScript, verifySigned } from '../support/built-apps-script';

const root = join(__dirname, '..', '..');
const MANIFEST = join(root, 'dist', 'apps-script', 'appsscript.json');
const SECRET = 'e2e-signing-secret-0123456789abcdef';
/** The globals main.ts exposes (triggers and menu items). */
const GLOBALS = [
  'buildActionPlanDoc',
  'onAgencyResponse',
  'onFormSubmit',
  'onOpen',
  'onReviewEdit',
  'refreshNegotiations',
  'retryOutbox',
  'sendDigestNow',
  'setup',
];

const spec = formSpec(DEFAULT_ROUND);
const title = (id: string) => {
  const q = allQuestions(spec).find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return questionTitle(q);
};

function submission(responseId: string): FormSubmitEventArgs {
  return {
    responseId,
    timestamp: '2026-11-26T03:15:00Z',
    shape: 'form',
    answersByTitle: {
      [title('organisation')]: 'Yayasan Keterbukaan',
      [title('email')]: 'ana@example.org',
      [title('title')]: 'Anggaran desa terbuka — Rp 150.000.000',
      [title('ogp_values')]: ['Transparansi / Transparency'],
    },
  };
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const verified = (req: CapturedRequest | undefined) => verifySigned(req, SECRET);

beforeAll(ensureBuilt);

describe('the built Apps Script bundle', () => {
  const built = useBuiltAppsScript(SECRET);

  const outbox = () => Object.keys(built.sim.properties()).filter((k) => k.startsWith('outbox:'));
  const sent = async (responseId: string) =>
    (await built.server.requests()).filter((r) => JSON.parse(r.body || '{}').responseId === responseId);

  it('declares exactly the trigger and menu functions as globals, and leaks nothing else', () => {
    expect(Object.keys(built.app.functions).sort()).toEqual(GLOBALS);
    expect(built.app.globalNames()).toEqual(['CocreateApp', ...GLOBALS]);
  });

  it('adds the bilingual OGP Cocreate menu when the form opens', () => {
    built.app.call('onOpen');
    expect(built.sim.menus).toEqual([
      {
        title: 'OGP Cocreate',
        items: [
          { caption: expect.stringMatching(/^Siapkan .* \/ Set up/), functionName: 'setup' },
          { caption: expect.stringMatching(/^Kirim ulang .* \/ Retry/), functionName: 'retryOutbox' },
          {
            caption: expect.stringMatching(/^Kirim ringkasan .* \/ Send the status digest/),
            functionName: 'sendDigestNow',
          },
          {
            caption: expect.stringMatching(/^Buat draf rencana aksi .* \/ Make the action plan draft/),
            functionName: 'buildActionPlanDoc',
          },
          {
            caption: 'Perbarui tab negosiasi K/L / Refresh the negotiation tab',
            functionName: 'refreshNegotiations',
          },
        ],
      },
    ]);
  });

  it('posts each submission once, signed so that the API verifier accepts it', async () => {
    const result = built.app.call('onFormSubmit', formSubmitEvent(submission('resp-signed')));
    expect(result).toMatchObject({ responseId: 'resp-signed', outcome: 'delivered', status: 201 });
    const [req, ...more] = await sent('resp-signed');
    expect(more).toEqual([]);
    expect(req).toMatchObject({ method: 'POST', path: '/v1/proposals' });
    expect(req?.headers['content-type']).toMatch(/^application\/json/);
    expect(verified(req)).toMatchObject({ ok: true });
    const body = parseSubmission(req?.body ?? '');
    expect(body).toMatchObject({
      responseId: 'resp-signed',
      submittedAt: '2026-11-26T03:15:00.000Z',
      source: 'form',
    });
    expect(body.answers).toEqual({
      organisation: 'Yayasan Keterbukaan',
      email: 'ana@example.org',
      title: 'Anggaran desa terbuka — Rp 150.000.000',
      ogp_values: ['Transparansi / Transparency'],
    });
    expect(built.sim.calls.count('Utilities.computeHmacSha256Signature')).toBe(1);
  });

  it('keeps a submission the API answers 503 in the outbox, and retryOutbox delivers it exactly once', async () => {
    await built.server.respondWith({ status: 503, body: 'maintenance' });
    expect(built.app.call('onFormSubmit', formSubmitEvent(submission('resp-503')))).toMatchObject({
      outcome: 'queued',
      status: 503,
    });
    expect(outbox()).toEqual(['outbox:resp-503']);
    expect(built.app.call('retryOutbox')).toMatchObject({ ran: true, delivered: 1, stillQueued: 0 });
    expect(outbox()).toEqual([]);
    expect(built.app.call('retryOutbox')).toMatchObject({ attempted: 0 });
    const attempts = await sent('resp-503');
    expect(attempts.map((r) => r.status)).toEqual([503, 201]);
    expect(attempts.map(verified).every((v) => v.ok)).toBe(true);
  });

  it('keeps a submission in the outbox while the API is unreachable and sends it once it is back', async () => {
    const props = built.sim.globals.PropertiesService as {
      getScriptProperties(): { setProperty(k: string, v: string): void };
    };
    props.getScriptProperties().setProperty('COCREATE_API_URL', `http://127.0.0.1:${await closedPort()}`);
    expect(built.app.call('onFormSubmit', formSubmitEvent(submission('resp-down')))).toMatchObject({
      outcome: 'queued',
    });
    expect(built.sim.logs.some((l) => /Address unavailable/.test(l.message))).toBe(true);
    props.getScriptProperties().setProperty('COCREATE_API_URL', built.server.url);
    expect(built.app.call('retryOutbox')).toMatchObject({ delivered: 1, stillQueued: 0 });
    expect((await sent('resp-down')).map((r) => r.status)).toEqual([201]);
  });

  it('on its time-driven trigger, waits out the backoff before resending', async () => {
    await built.server.respondWith({ status: 500 });
    built.app.call('onFormSubmit', formSubmitEvent(submission('resp-backoff')));
    const scheduled = { triggerUid: 'clock-1' };
    expect(built.app.call('retryOutbox', scheduled)).toMatchObject({ attempted: 0, stillQueued: 1 });
    built.sim.clock.advance(61_000);
    expect(built.app.call('retryOutbox', scheduled)).toMatchObject({
      attempted: 1,
      delivered: 1,
      stillQueued: 0,
    });
    expect((await sent('resp-backoff')).map((r) => r.status)).toEqual([500, 201]);
  });

  it('does not resend a submission the API stored as invalid (422)', async () => {
    await built.server.respondWith({ status: 422, body: '{"error":{"code":"invalid_proposal"}}' });
    expect(built.app.call('onFormSubmit', formSubmitEvent(submission('resp-422')))).toMatchObject({
      outcome: 'invalid',
    });
    expect(outbox()).toEqual([]);
  });

  it('leaves exactly one trigger of each kind however often setup runs', () => {
    built.app.call('setup');
    const message = built.app.call('setup') as string;
    expect(message.split('\n')[0]).toBe('Penyiapan selesai. / Setup complete.');
    expect(built.sim.triggers().map((t) => [t.handler, t.eventType, t.sourceId, t.everyMinutes])).toEqual([
      ['onFormSubmit', 'ON_FORM_SUBMIT', 'sim-form-1', undefined],
      ['retryOutbox', 'CLOCK', null, 10],
      ['onReviewEdit', 'ON_EDIT', built.sim.properties().COCREATE_SPREADSHEET_ID, undefined],
    ]);
  });

  it('refuses to set up without a usable configuration, and says why in both languages', () => {
    const props = built.sim.globals.PropertiesService as {
      getScriptProperties(): { setProperty(k: string, v: string): void };
    };
    props.getScriptProperties().setProperty('COCREATE_API_URL', 'http://api.example.org');
    expect(() => built.app.call('setup')).toThrow(/harus https .* \/ .*must be https/);
    expect(built.sim.triggers()).toEqual([]);
  });
});

describe('the manifest', () => {
  const manifest = () => JSON.parse(readFileSync(MANIFEST, 'utf8'));

  it('runs on V8 in Asia/Jakarta and logs exceptions to Cloud Logging', () => {
    expect(manifest()).toMatchObject({
      timeZone: 'Asia/Jakarta',
      runtimeVersion: 'V8',
      exceptionLogging: 'STACKDRIVER',
    });
  });

  it('asks for exactly the scopes of the services the bundle calls', () => {
    const code = readFileSync(CODE, 'utf8');
    const scopeOf: Record<string, string> = {
      'FormApp.': 'https://www.googleapis.com/auth/forms',
      'FormApp.getUi': 'https://www.googleapis.com/auth/script.container.ui',
      'UrlFetchApp.': 'https://www.googleapis.com/auth/script.external_request',
      'ScriptApp.': 'https://www.googleapis.com/auth/script.scriptapp',
      'SpreadsheetApp.': 'https://www.googleapis.com/auth/spreadsheets',
      'MailApp.': 'https://www.googleapis.com/auth/script.send_mail',
      'Session.getActiveUser': 'https://www.googleapis.com/auth/userinfo.email',
      'DocumentApp.': 'https://www.googleapis.com/auth/documents',
    };
    const needed = Object.entries(scopeOf)
      .filter(([use]) => code.includes(use))
      .map(([, scope]) => scope);
    expect([...manifest().oauthScopes].sort()).toEqual(needed.sort());
    expect(needed).toHaveLength(8);
  });
});

describe('runAppsScriptInWorker', () => {
  it('runs the bundle off this thread, so an API served on this thread can answer it', async () => {
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const api = createHttpServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(201, { 'content-type': 'application/json' }).end('{"result":"create"}');
      });
    });
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    const { port } = api.address() as { port: number };
    try {
      const summary = await runAppsScriptInWorker(CODE, {
        properties: { COCREATE_API_URL: `http://127.0.0.1:${port}`, COCREATE_SIGNING_SECRET: SECRET },
        calls: ['setup'],
        events: [submission('resp-w1'), submission('resp-w2')],
        after: ['retryOutbox'],
      });
      expect(summary.calls.map((c) => [c.name, c.ok])).toEqual([
        ['setup', true],
        ['onFormSubmit', true],
        ['onFormSubmit', true],
        ['retryOutbox', true],
      ]);
      expect(summary.calls[1]).toMatchObject({ responseId: 'resp-w1', result: { outcome: 'delivered' } });
      expect(summary).toMatchObject({ outboxSize: 0, failedSize: 0 });
      expect(summary.triggers).toHaveLength(3);
      expect(summary.counts['UrlFetchApp.fetch']).toBe(2);
      expect(summary.globals).toEqual(['CocreateApp', ...GLOBALS]);
      expect(received.map((r) => JSON.parse(r.body).responseId)).toEqual(['resp-w1', 'resp-w2']);
      for (const r of received) {
        const headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
        expect(
          verifyRequest({
            headers,
            rawBody: r.body,
            nowSeconds: Date.now() / 1000,
            secrets: [SECRET],
            hmac,
            target: { method: 'POST', path: '/v1/proposals' },
            v1AcceptedUntil: 0, // only a v2 signature (method and path covered) passes
          }).ok,
        ).toBe(true);
      }
    } finally {
      await new Promise((resolve) => api.close(resolve));
    }
  });

  it('reports a call that throws without stopping the run', async () => {
    const summary = await runAppsScriptInWorker(CODE, { properties: {}, calls: ['setup', 'onOpen'] });
    expect(summary.calls[0]).toMatchObject({
      name: 'setup',
      ok: false,
      error: expect.stringContaining('COCREATE_API_URL'),
    });
    expect(summary.calls[1]).toMatchObject({ name: 'onOpen', ok: true });
  });
});
