// Pages of the public export, each under Lambda's 6 MB response limit: proposals in id order, cut by
// count and by bytes, with an opaque cursor naming the last id of the page and the round it belongs to.

import { DomainError } from '../platform/errors';
import { stableHash } from '../platform/hash';
import { utf8Length } from '../platform/utf8';
import type { OpenDataExport, OpenDataProposal } from './open-data';

/** Lambda refuses responses over 6 MB; a page stays under 5 MB of body, leaving room for headers. */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
export const DEFAULT_PAGE_LIMIT = 1000;
export const MAX_PAGE_LIMIT = 1000;

export interface PageRequest {
  cursor?: string;
  limit?: number;
}

export interface PageInfo {
  limit: number;
  /** Cursor of the next page, null on the last one. */
  next: string | null;
}

const roundTag = (roundId: string) => stableHash(`export|${roundId}`).slice(0, 8);

export function encodeCursor(roundId: string, afterId: string): string {
  return `${roundTag(roundId)}.${afterId}`;
}

const malformed = (en: string, id: string) => new DomainError('malformed', { id, en });

/** The 400 for a cursor this export did not give, or one naming an item the export no longer holds. */
export const unknownCursor = () =>
  malformed(
    'cursor is not one this export gave (start again without it)',
    'cursor bukan dari ekspor ini (mulai lagi tanpa cursor)',
  );

/** Reads `?cursor=` and `?limit=`; throws a malformed DomainError (400) for anything else. */
export function readPageRequest(
  query: Record<string, string | undefined> | undefined,
  roundId: string,
): { afterId: string | null; limit: number } {
  const limitRaw = query?.limit;
  const limit = limitRaw === undefined ? DEFAULT_PAGE_LIMIT : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT)
    throw malformed(
      `limit must be a whole number from 1 to ${MAX_PAGE_LIMIT}`,
      `limit harus bilangan bulat 1-${MAX_PAGE_LIMIT}`,
    );
  const cursor = query?.cursor;
  if (cursor === undefined || cursor === '') return { afterId: null, limit };
  const m = /^([0-9a-f]{8})\.([\w-]{1,100})$/.exec(cursor);
  if (!m || m[1] !== roundTag(roundId)) throw unknownCursor();
  return { afterId: m[2] as string, limit };
}

/**
 * The items of one page: from index `from` of `ordered`, as many as fit in `limit` and `budgetBytes`
 * (at least one, so a page always moves on), and whether any are left after them. Every paged export
 * (proposals, the action plan's commitments) cuts its pages here.
 */
export function pageFrom<T>(
  ordered: readonly T[],
  from: number,
  limit: number,
  budgetBytes: number,
  sizeOf: (item: T) => number,
): { items: T[]; more: boolean } {
  const items: T[] = [];
  let bytes = 0;
  for (let i = from; i < ordered.length && items.length < limit; i++) {
    const item = ordered[i] as T;
    const size = sizeOf(item) + 1;
    if (items.length > 0 && bytes + size > budgetBytes) break;
    items.push(item);
    bytes += size;
  }
  return { items, more: from + items.length < ordered.length };
}

/**
 * The proposals after `afterId` (in id order) that fit in `limit` and `budgetBytes`, and the id to
 * continue after, or null when none are left.
 */
export function pageOfProposals(
  proposals: readonly OpenDataProposal[],
  afterId: string | null,
  limit: number,
  budgetBytes: number,
  sizeOf: (p: OpenDataProposal) => number,
): { proposals: OpenDataProposal[]; lastId: string | null } {
  const sorted = [...proposals].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const from = afterId === null ? 0 : sorted.findIndex((p) => p.id > afterId);
  if (from < 0) return { proposals: [], lastId: null };
  const { items, more } = pageFrom(sorted, from, limit, budgetBytes, sizeOf);
  return { proposals: items, lastId: more ? (items.at(-1)?.id ?? null) : null };
}

/**
 * One JSON page of the export: the round on the first page; on every page its proposals and the
 * commitments whose primary proposal (the first source) is one of them, so each commitment comes once
 * over the pages, with the proposal it starts from. A commitment counts in the budget of its primary.
 */
export function exportJsonPage(
  data: OpenDataExport,
  roundId: string,
  request: { afterId: string | null; limit: number },
): OpenDataExport & { page: PageInfo } {
  const first = request.afterId === null;
  const head = { generatedAt: data.generatedAt, ...(first && data.round ? { round: data.round } : {}) };
  const rooted = new Map<string, number>();
  for (const c of data.commitments) {
    const primary = c.sourceProposalIds[0] ?? '';
    rooted.set(primary, (rooted.get(primary) ?? 0) + utf8Length(JSON.stringify(c)) + 1);
  }
  const budget = MAX_PAGE_BYTES - utf8Length(JSON.stringify(head)) - 200;
  const { proposals, lastId } = pageOfProposals(
    data.proposals,
    request.afterId,
    request.limit,
    budget,
    (p) => utf8Length(JSON.stringify(p)) + (rooted.get(p.id) ?? 0),
  );
  const onPage = new Set(proposals.map((p) => p.id));
  return {
    ...head,
    commitments: data.commitments.filter((c) => onPage.has(c.sourceProposalIds[0] ?? '')),
    proposals,
    page: { limit: request.limit, next: lastId === null ? null : encodeCursor(roundId, lastId) },
  };
}

/**
 * The proposals of one CSV page (the caller writes them with openDataCsv). A CSV row is never longer
 * than the proposal's JSON plus its commitments' titles (quotes double in both), so that bounds it.
 */
export function exportCsvPage(
  data: OpenDataExport,
  roundId: string,
  request: { afterId: string | null; limit: number },
): { data: OpenDataExport; next: string | null } {
  const titles = new Map(data.commitments.map((c) => [c.id, utf8Length(c.title)]));
  const { proposals, lastId } = pageOfProposals(
    data.proposals,
    request.afterId,
    request.limit,
    MAX_PAGE_BYTES - 4096,
    (p) =>
      utf8Length(JSON.stringify(p)) + p.commitmentIds.reduce((n, id) => n + (titles.get(id) ?? 0) + 2, 64),
  );
  return { data: { ...data, proposals }, next: lastId === null ? null : encodeCursor(roundId, lastId) };
}
