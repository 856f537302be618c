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
  if (!m || m[1] !== roundTag(roundId))
    throw malformed(
      'cursor is not one this export gave (start again without it)',
      'cursor bukan dari ekspor ini (mulai lagi tanpa cursor)',
    );
  return { afterId: m[2] as string, limit };
}

/**
 * The proposals after `afterId` (in id order) that fit in `limit` and `budgetBytes` (at least one, so a
 * page always moves on), and the id to continue after, or null when none are left.
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
  const page: OpenDataProposal[] = [];
  let bytes = 0;
  for (let i = from; i < sorted.length && page.length < limit; i++) {
    const p = sorted[i] as OpenDataProposal;
    const size = sizeOf(p) + 1;
    if (page.length > 0 && bytes + size > budgetBytes) break;
    page.push(p);
    bytes += size;
  }
  const last = page.at(-1);
  const more = last !== undefined && sorted.at(-1)?.id !== last.id;
  return { proposals: page, lastId: more ? (last?.id ?? null) : null };
}

/** One JSON page of the export: the round and commitments on the first page, proposals on every one. */
export function exportJsonPage(
  data: OpenDataExport,
  roundId: string,
  request: { afterId: string | null; limit: number },
): OpenDataExport & { page: PageInfo } {
  const first = request.afterId === null;
  const head = {
    generatedAt: data.generatedAt,
    ...(first && data.round ? { round: data.round } : {}),
    commitments: first ? data.commitments : [],
  };
  const budget = MAX_PAGE_BYTES - utf8Length(JSON.stringify(head)) - 200;
  const { proposals, lastId } = pageOfProposals(data.proposals, request.afterId, request.limit, budget, (p) =>
    utf8Length(JSON.stringify(p)),
  );
  return {
    ...head,
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
