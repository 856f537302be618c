// The action plan draft as a Google Doc, through the built Apps Script bundle in the simulation: the
// blocks come from the export handler (GET /v1/export/action-plan.json, served here by the capture server
// with what the handler answered), DocumentApp is the in-memory fake.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
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
import { CODE, ensureBuilt } from '../support/built-apps-script';
import { sampleContacts, storeReviewedSampleRound } from '../support/reviewed-sample-round';

const DOCS = 'https://www.googleapis.com/auth/documents';
let server: CaptureServer;
let plan = '';
let get: (q?: Record<string, string>) => Promise<string>;
const sims: AppsScriptSim[] = [];

/** The export handler of the reviewed sample round. */
async function actionPlanHandler() {
  const store = new MemoryProposalStore();
  await storeReviewedSampleRound(store);
  const handler = createExportHandler(() => ({
    store,
    negotiations: { listNegotiations: async () => new Map(), getNegotiations: async () => new Map() },
    round: DEFAULT_ROUND,
    now: () => new Date('2022-09-01T00:00:00Z'),
  }));
  return async (query?: Record<string, string>) => {
    const res = (await handler({
      rawPath: '/v1/export/action-plan.json',
      requestContext: { http: { method: 'GET' } },
      headers: {},
      ...(query ? { queryStringParameters: query } : {}),
    } as unknown as APIGatewayProxyEventV2)) as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    return res.body;
  };
}

/**
 * The handler's pages at `limit` commitments a page, keyed by the path the script asks for (the script
 * sends no limit; the server's default would give the sample round in one page).
 */
async function pagesByPath(get: (q?: Record<string, string>) => Promise<string>, limit: number) {
  const paths: Record<string, { status: number; body: string }> = {};
  let cursor: string | null = null;
  do {
    const body: string = await get({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    paths[`/v1/export/action-plan.json${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`] = {
      status: 200,
      body,
    };
    cursor = (JSON.parse(body) as { page: { next: string | null } }).page.next;
  } while (cursor);
  return paths;
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
  get = await actionPlanHandler();
  plan = await get();
});
afterEach(async () => {
  await server.setPaths({});
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

  it('reads a paged plan page by page, and a run cut by the time limit carries on at the same block of the same page', async () => {
    const paths = await pagesByPath(get, 3);
    const cursors = Object.keys(paths).filter((p) => p.includes('?cursor='));
    expect(cursors.length).toBe(5); // 16 commitments, 3 a page
    await server.setPaths(paths);
    // 3 s a Docs call: every run ends inside a page or between two, never with the plan done.
    const { sim, app } = fresh({ documentCallMs: 3_000 });
    const runs: { ok: boolean; done: boolean; written: number }[] = [];
    const kept: { cursor: string | null; next: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const r = app.call('buildActionPlanDoc') as { ok: boolean; done: boolean; written: number };
      expect(r.ok).toBe(true);
      runs.push(r);
      if (r.done) break;
      kept.push(JSON.parse(sim.properties().COCREATE_ACTION_PLAN_DOC as string));
    }
    expect(runs.at(-1)?.done).toBe(true);
    // Runs stopped inside pages (a block index past 0) and on later pages (a cursor).
    expect(kept.some((k) => k.cursor !== null && k.next > 0)).toBe(true);
    expect(sim.executions.every((e) => e.ms < MAX_EXECUTION_MS)).toBe(true);
    expect(sim.calls.count('DocumentApp.create')).toBe(1);
    const asked = (await server.requests()).map((r) => r.path);
    for (const c of cursors) expect(asked).toContain(c);
    // Every commitment exactly once, in order: the same document as the plan in one answer gives.
    const single = fresh();
    await server.setPaths({});
    await server.setDefault({ status: 200, body: plan });
    single.app.call('buildActionPlanDoc');
    expect(textOf(sim)).toBe(textOf(single.sim));
    const headings = (sim.documents()[0]?.body ?? [])
      .filter((e) => e.heading === 'HEADING2')
      .map((e) => e.text);
    expect(headings).toHaveLength(16);
    expect(new Set(headings).size).toBe(16);
    expect(runs.at(-1)?.written).toBe((JSON.parse(plan) as { blocks: unknown[] }).blocks.length);
  });

  it('starts a new document from the first page when the plan changed since the last run', async () => {
    const paths = await pagesByPath(get, 3);
    await server.setPaths(paths);
    const { sim, app } = fresh({ documentCallMs: 3_000 });
    const first = app.call('buildActionPlanDoc') as { done: boolean };
    expect(first.done).toBe(false);
    // A decision later: every page now carries a newer generatedAt (the cursors still name commitments).
    const newer: typeof paths = {};
    for (const [path, res] of Object.entries(paths))
      newer[path] = { ...res, body: res.body.replaceAll('"generatedAt":"', '"generatedAt":"9') };
    await server.setPaths(newer);
    for (let i = 0; i < 40; i++) if ((app.call('buildActionPlanDoc') as { done: boolean }).done) break;
    const docs = sim.documents();
    expect(docs).toHaveLength(2);
    const headings = (docs[1]?.body ?? []).filter((e) => e.heading === 'HEADING2');
    expect(headings).toHaveLength(16);
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
