// The public export of a 10,000-proposal round, page by page: every page under Lambda's 6 MB response
// limit, every proposal exactly once, and a small round still whole in one answer.
import { describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MemoryProposalStore } from '../../../lambdas/adapters/memory-proposal-store';
import { createExportHandler } from '../../../lambdas/export';
import { loadPublicRound } from '../../../lambdas/services/public-round-service';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { parseCsv } from '../../../shared/platform/csv';
import { actionPlanBlocks, type DocBlock } from '../../../shared/publishing/action-plan';
import { initialReviewState } from '../../../shared/review/review';
import { copiedRound } from '../../support/copied-round';

const LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;

/** A round of `n` proposals; every `acceptEvery`-th is accepted (a commitment of its own). */
function round(n: number, acceptEvery = 0) {
  const store = new MemoryProposalStore();
  const records = copiedRound(n, 'data '.repeat(300));
  void store.putMany(records);
  if (acceptEvery)
    for (const r of records.filter((_, i) => i % acceptEvery === 0))
      void store.saveReview(
        DEFAULT_ROUND.id,
        { ...initialReviewState(r.id, { status: 'accepted', version: 2 }), reasonedResponse: 'Diterima.' },
        1,
      );
  const handler = createExportHandler(() => ({
    store,
    negotiations: { listNegotiations: async () => new Map(), getNegotiations: async () => new Map() },
    round: DEFAULT_ROUND,
    now: () => new Date('2023-09-01T00:00:00Z'),
  }));
  const get = async (path: string, query: Record<string, string> = {}) => {
    const res = await handler({
      rawPath: path,
      ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
      headers: {},
      requestContext: { http: { method: 'GET', path } },
    } as unknown as APIGatewayProxyEventV2);
    return { status: res.statusCode, headers: res.headers ?? {}, body: res.body ?? '' };
  };
  return { get, store };
}

describe('GET /v1/export/proposals.json|.csv in pages', () => {
  it('gives a small round whole, in one answer, as before', async () => {
    const { get } = round(22);
    const res = await get('/v1/export/proposals.json');
    const data = JSON.parse(res.body);
    expect(data.proposals).toHaveLength(22);
    expect(data.page).toEqual({ limit: 1000, next: null });
    expect(data.round.id).toBe(DEFAULT_ROUND.id);
  });

  it('pages a 10,000-proposal round under 6 MB an answer, each proposal exactly once', async () => {
    const { get } = round(10_000);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get('/v1/export/proposals.json', cursor ? { cursor } : {});
      expect(res.status).toBe(200);
      expect(Buffer.byteLength(res.body)).toBeLessThan(LAMBDA_RESPONSE_LIMIT);
      const data = JSON.parse(res.body);
      seen.push(...data.proposals.map((p: { id: string }) => p.id));
      cursor = data.page.next;
      pages++;
    } while (cursor && pages < 100);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen).size).toBe(10_000);
  });

  it('pages the CSV too, with the next cursor in X-Next-Cursor and a Link header', async () => {
    const { get } = round(45);
    const csvIds: string[] = [];
    let csvCursor: string | undefined;
    do {
      const res = await get(
        '/v1/export/proposals.csv',
        csvCursor ? { cursor: csvCursor, limit: '10' } : { limit: '10' },
      );
      expect(Buffer.byteLength(res.body)).toBeLessThan(LAMBDA_RESPONSE_LIMIT);
      csvIds.push(
        ...parseCsv(res.body)
          .slice(1)
          .map((r) => r[0] as string),
      );
      csvCursor = res.headers['x-next-cursor'] as string | undefined;
      if (csvCursor) expect(String(res.headers.link)).toContain('rel="next"');
    } while (csvCursor);
    expect(csvIds).toHaveLength(45);
    expect(new Set(csvIds).size).toBe(45);
  });

  it('refuses a mangled cursor or a bad limit with 400, never a 500', async () => {
    const { get } = round(3);
    for (const query of [
      { cursor: 'nope' } as Record<string, string>,
      { cursor: '00000000.p_1' },
      { limit: '0' },
      { limit: 'x' },
    ]) {
      const res = await get('/v1/export/proposals.json', query);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).error.code).toBe('malformed');
    }
    const first = JSON.parse((await get('/v1/export/proposals.json', { limit: '2' })).body);
    expect(first.proposals).toHaveLength(2);
    const second = JSON.parse(
      (await get('/v1/export/proposals.json', { limit: '2', cursor: first.page.next })).body,
    );
    expect(second.proposals).toHaveLength(1);
    expect(second.commitments).toEqual([]);
    expect(second.page.next).toBeNull();
  });
});

describe('GET /v1/export/action-plan.json in pages', () => {
  it('gives a small plan whole, in one answer, with page.next null', async () => {
    const { get } = round(22, 2);
    const data = JSON.parse((await get('/v1/export/action-plan.json')).body);
    expect(data.page).toEqual({ limit: 1000, next: null });
    expect(data.blocks.filter((b: DocBlock) => b.kind === 'heading' && b.level === 2)).toHaveLength(11);
    expect(typeof data.title).toBe('string');
  });

  it('pages 2,000 commitments under 6 MB an answer; the pages together are the whole plan, each commitment once', async () => {
    const { get, store } = round(4_000, 2);
    const blocks: DocBlock[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await get('/v1/export/action-plan.json', cursor ? { cursor } : {});
      expect(res.status).toBe(200);
      expect(Buffer.byteLength(res.body)).toBeLessThan(LAMBDA_RESPONSE_LIMIT);
      const data = JSON.parse(res.body);
      blocks.push(...data.blocks);
      cursor = data.page.next;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBeGreaterThan(1);
    const { model } = await loadPublicRound(
      { store, round: DEFAULT_ROUND, negotiations: { listNegotiations: async () => new Map() } },
      '2023-09-01T00:00:00.000Z',
    );
    expect(blocks).toEqual(actionPlanBlocks(model));
    const headings = blocks.filter((b) => b.kind === 'heading' && b.level === 2);
    expect(headings).toHaveLength(2_000);
  });

  it('pages by ?limit= commitments, and refuses a cursor for a commitment the plan no longer holds with 400', async () => {
    const { get, store } = round(10, 2);
    const first = JSON.parse((await get('/v1/export/action-plan.json', { limit: '2' })).body);
    expect(first.blocks.filter((b: DocBlock) => b.kind === 'heading' && b.level === 2)).toHaveLength(2);
    expect(first.page.next).toEqual(expect.any(String));
    const second = JSON.parse(
      (await get('/v1/export/action-plan.json', { limit: '2', cursor: first.page.next })).body,
    );
    // Title and introduction on the first page only.
    expect(second.blocks[0]).toMatchObject({ kind: 'heading', level: 2 });
    // Every decision undone (back to review): the commitment the cursor names is gone.
    for (const r of [...store.reviews.values()]) store.reviews.delete(`${DEFAULT_ROUND.id}|${r.proposalId}`);
    const stale = await get('/v1/export/action-plan.json', { cursor: first.page.next });
    expect(stale.status).toBe(400);
    expect(JSON.parse(stale.body).error.code).toBe('malformed');
  });
});
