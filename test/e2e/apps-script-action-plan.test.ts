// The action plan draft as a Google Doc, through the built Apps Script bundle in the simulation: the
// blocks come from the export handler (GET /v1/export/action-plan.json, served here by the capture server
// with what the handler answered), DocumentApp is the in-memory fake.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type CaptureServer, startCaptureServer } from '../../infra/apps-script-sim/capture-server';
import { loadAppsScript } from '../../infra/apps-script-sim/load';
import {
  type AppsScriptSim,
  createAppsScriptServices,
  MAX_EXECUTION_MS,
} from '../../infra/apps-script-sim/services';
import { MemoryProposalStore } from '../../lambdas/adapters/memory-proposal-store';
import { createExportHandler } from '../../lambdas/export';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import type { DocBlock } from '../../shared/publishing/action-plan';
import { initialReviewState } from '../../shared/review/review';
import { CODE, ensureBuilt } from '../support/built-apps-script';
import { reviewedSampleRound, sampleContacts } from '../support/reviewed-sample-round';

const DOCS = 'https://www.googleapis.com/auth/documents';
let server: CaptureServer;
let plan = '';
const sims: AppsScriptSim[] = [];

/** The export handler's answer for the reviewed sample round. */
async function actionPlanBody(): Promise<string> {
  const store = new MemoryProposalStore();
  for (const p of reviewedSampleRound().proposals) {
    const { reasonedResponse, mergeTarget, ...stored } = p;
    await store.save({ ...stored, status: 'submitted' });
    await store.saveReview(
      DEFAULT_ROUND.id,
      {
        ...initialReviewState(p.id, { status: p.status, version: 2 }),
        reasonedResponse: reasonedResponse ?? '',
        mergeTarget: mergeTarget ?? null,
      },
      1,
    );
  }
  const handler = createExportHandler(() => ({
    store,
    negotiations: { listNegotiations: async () => new Map() },
    round: DEFAULT_ROUND,
    now: () => new Date('2022-09-01T00:00:00Z'),
  }));
  const res = (await handler({
    rawPath: '/v1/export/action-plan.json',
    requestContext: { http: { method: 'GET' } },
    headers: {},
  } as unknown as APIGatewayProxyEventV2)) as { statusCode: number; body: string };
  expect(res.statusCode).toBe(200);
  return res.body;
}

function fresh(options: Parameters<typeof createAppsScriptServices>[0] = {}) {
  const sim = createAppsScriptServices({
    properties: { COCREATE_API_URL: server.url, COCREATE_SIGNING_SECRET: 's'.repeat(32) },
    fetchTimeoutMs: 5_000,
    ...options,
  });
  sims.push(sim);
  return { sim, app: loadAppsScript(CODE, sim) };
}

const textOf = (sim: AppsScriptSim) => (sim.documents()[0]?.body ?? []).map((e) => e.text).join('\n');

beforeAll(async () => {
  ensureBuilt();
  server = await startCaptureServer();
  plan = await actionPlanBody();
});
afterAll(async () => {
  for (const s of sims) await s.close();
  await server.close();
});

describe('the action plan draft as a Google Doc', () => {
  it('is written from the menu into one document in the user’s Drive, every commitment with its milestones', async () => {
    const { sim, app } = fresh();
    expect(sim.menus).toEqual([]);
    app.call('onOpen');
    expect(sim.menus[0]?.items.map((i) => i.functionName)).toContain('buildActionPlanDoc');
    await server.setDefault({ status: 200, body: plan });
    const result = app.call('buildActionPlanDoc') as {
      ok: boolean;
      done: boolean;
      url: string;
      total: number;
    };
    expect(result).toMatchObject({ ok: true, done: true });
    const docs = sim.documents();
    expect(docs).toHaveLength(1);
    expect(docs[0]?.url).toBe(result.url);
    expect(docs[0]?.saves).toBe(1);
    const blocks = (JSON.parse(plan) as { blocks: DocBlock[] }).blocks;
    const text = textOf(sim);
    for (const b of blocks) {
      if (b.kind === 'heading') expect(text).toContain(b.text);
      if (b.kind === 'table') for (const row of b.rows) expect(text).toContain(row.join('\t'));
    }
    const headings = docs[0]?.body.filter((e) => e.heading === 'HEADING2') ?? [];
    expect(headings).toHaveLength(16);
    expect(docs[0]?.body.filter((e) => e.type === 'TABLE')).toHaveLength(16);
    for (const c of sampleContacts()) expect(text).not.toContain(c);
    // Progress is cleared once done; the bilingual result is shown to the person who asked.
    expect(sim.properties().COCREATE_ACTION_PLAN_DOC).toBeUndefined();
    expect(sim.alerts.at(-1)?.message).toMatch(
      /^Draf rencana aksi dibuat di Google Drive Anda: .* \/ The action plan draft is in your Google Drive/,
    );
    // One call per paragraph, list item or table: no call per cell.
    expect(sim.calls.count('Body.appendTable')).toBe(16);
    expect(sim.calls.count('DocumentApp.create')).toBe(1);
  });

  it('stops inside the 6-minute limit and carries on in the same document on the next run', async () => {
    // Slow Docs: 3 s a call, so the whole plan would take far longer than one execution may.
    const { sim, app } = fresh({ documentCallMs: 3_000 });
    await server.setDefault({ status: 200, body: plan });
    const runs: { done: boolean; written: number }[] = [];
    for (let i = 0; i < 30; i++) {
      const r = app.call('buildActionPlanDoc') as { ok: boolean; done: boolean; written: number };
      expect(r.ok).toBe(true);
      runs.push(r);
      if (r.done) break;
    }
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.at(-1)?.done).toBe(true);
    expect(sim.executions.every((e) => e.ms < MAX_EXECUTION_MS)).toBe(true);
    expect(sim.documents()).toHaveLength(1);
    expect(sim.calls.count('DocumentApp.create')).toBe(1);
    // Each block exactly once, in order: the same text as a single run produces.
    const single = fresh();
    single.app.call('buildActionPlanDoc');
    expect(textOf(sim)).toBe(textOf(single.sim));
  });

  it('asks for Google Docs access when the user has not granted it, and touches no document', async () => {
    const all = [
      'forms',
      'script.container.ui',
      'script.external_request',
      'script.scriptapp',
      'script.send_mail',
      'spreadsheets',
      'userinfo.email',
    ].map((s) => `https://www.googleapis.com/auth/${s}`);
    const { sim, app } = fresh({ grantedScopes: all });
    await server.setDefault({ status: 200, body: plan });
    const r = app.call('buildActionPlanDoc') as { ok: boolean; message: string };
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Izinkan akses Google Dokumen/);
    expect(sim.calls.count('DocumentApp.create')).toBe(0);
    expect(sim.documents()).toEqual([]);
    expect(all).not.toContain(DOCS);
  });

  it('says so, and creates nothing, when the server does not answer with a plan', async () => {
    const { sim, app } = fresh();
    await server.setDefault({ status: 503, body: 'down' });
    const r = app.call('buildActionPlanDoc') as { ok: boolean; message: string };
    expect(r).toMatchObject({ ok: false });
    expect(r.message).toMatch(/HTTP 503/);
    expect(sim.documents()).toEqual([]);
  });
});
