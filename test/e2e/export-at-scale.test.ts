// A 10,000-proposal round with 2,500 commitments through the local gateway (which refuses, as Lambda
// does, any answer over 6 MB) and the built export bundle: every page of every export route answers 200,
// and the pages together hold every proposal and every commitment exactly once, with no contact data.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import { type Stack, startStack } from '../../infra/local-stack/local-stack';
import { makeDocumentClient } from '../../lambdas/adapters/aws-clients';
import { DynamoProposalStore } from '../../lambdas/adapters/dynamodb-proposal-store';
import { parseCsv } from '../../shared/platform/csv';
import type { DocBlock } from '../../shared/publishing/action-plan';
import { copiedId, copiedRound, type Decision, saveDecisions } from '../support/copied-round';

const ROUND_SIZE = 10_000;
const root = join(__dirname, '..', '..');
const dist = join(root, 'dist');
let stack: Stack;
let stateDir: string;
const contacts = SAMPLE_PROPOSALS.flatMap((s) => [s.answers.email, s.answers.phone])
  .map(String)
  .filter((c) => c.length >= 5);
const id = copiedId;

beforeAll(async () => {
  if (!existsSync(join(dist, 'lambdas', 'export', 'index.js')))
    execFileSync(process.execPath, [join(root, 'infra', 'build', 'build.mjs'), '--quiet'], { cwd: root });
  stateDir = mkdtempSync(join(tmpdir(), 'cocreate-scale-'));
  stack = await startStack({
    apiPort: 0,
    dynamodbPort: 0,
    mailPort: 0,
    persist: false,
    stateDir,
    distDir: dist,
  });
  const doc = makeDocumentClient({ dynamodbEndpoint: stack.dynamodbUrl });
  const store = new DynamoProposalStore(doc, stack.tableName);
  await store.putMany(copiedRound(ROUND_SIZE));
  // Every 4th accepted (2,500 commitments), the next merged into it; every 40th of those merged into a
  // commitment far along the round instead, so merge trees cross pages.
  const decisions: Decision[] = [];
  for (let i = 0; i < ROUND_SIZE; i += 4) {
    decisions.push({ id: id(i), status: 'accepted', target: null });
    const far = i % 160 === 0 ? id((i + 5_000) % ROUND_SIZE) : id(i);
    decisions.push({ id: id(i + 1), status: 'merged', target: far });
  }
  await saveDecisions(store, decisions);
  doc.destroy();
}, 300_000);
// Each test reads the whole round page by page (about 30 s on a busy machine, the action plan more):
// the timeouts leave room for the 2 cores being shared.
afterAll(async () => {
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

/** Every page of a route, following its cursor; each must answer 200 (the gateway answers 500 over 6 MB). */
async function allPages(path: string, nextOf: (res: Response, body: string) => string | null) {
  const bodies: string[] = [];
  let cursor: string | null = null;
  do {
    const res: Response = await fetch(
      `${stack.apiUrl}${path}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    const body = await res.text();
    expect(res.status).toBe(200);
    for (const c of contacts) expect(body).not.toContain(c);
    bodies.push(body);
    cursor = nextOf(res, body);
  } while (cursor && bodies.length < 100);
  return bodies;
}

describe('the public export of a 10,000-proposal round with 2,500 commitments, through the local gateway', () => {
  it('proposals.json: every page 200, every proposal and every commitment exactly once, with all its sources', async () => {
    const pages = (
      await allPages(
        '/v1/export/proposals.json',
        (_, b) => (JSON.parse(b) as { page: { next: string | null } }).page.next,
      )
    ).map(
      (b) =>
        JSON.parse(b) as {
          proposals: { id: string; commitmentIds: string[] }[];
          commitments: { id: string; sourceProposalIds: string[] }[];
        },
    );
    expect(pages.length).toBeGreaterThan(2);
    const proposals = pages.flatMap((p) => p.proposals.map((x) => x.id));
    expect(proposals).toHaveLength(ROUND_SIZE);
    expect(new Set(proposals).size).toBe(ROUND_SIZE);
    const commitments = pages.flatMap((p) => p.commitments);
    expect(commitments).toHaveLength(2_500);
    expect(new Set(commitments.map((c) => c.id)).size).toBe(2_500);
    // A tree across pages: proposal 1 is merged into proposal 5,000's commitment, which has 3 sources.
    const far = commitments.find((c) => c.sourceProposalIds[0] === id(5_000));
    expect(far?.sourceProposalIds).toEqual([id(5_000), id(1), id(5_001)]);
    const one = pages.flatMap((p) => p.proposals).find((p) => p.id === id(1));
    expect(one?.commitmentIds).toEqual([far?.id]);
  }, 240_000);

  it('proposals.csv: every page 200 (X-Next-Cursor), every proposal exactly once', async () => {
    const pages = await allPages('/v1/export/proposals.csv', (res) => res.headers.get('x-next-cursor'));
    expect(pages.length).toBeGreaterThan(2);
    const ids = pages.flatMap((b) =>
      parseCsv(b)
        .slice(1)
        .map((r) => r[0] as string),
    );
    expect(ids).toHaveLength(ROUND_SIZE);
    expect(new Set(ids).size).toBe(ROUND_SIZE);
  }, 240_000);

  it('action-plan.json: every page 200, every commitment section exactly once', async () => {
    const pages = await allPages(
      '/v1/export/action-plan.json',
      (_, b) => (JSON.parse(b) as { page: { next: string | null } }).page.next,
    );
    expect(pages.length).toBeGreaterThan(1);
    const headings = pages
      .flatMap((b) => (JSON.parse(b) as { blocks: DocBlock[] }).blocks)
      .filter((b) => b.kind === 'heading' && b.level === 2)
      .map((b) => (b as { text: string }).text);
    expect(headings).toHaveLength(2_500);
    expect(new Set(headings).size).toBe(2_500);
  }, 240_000);
});
