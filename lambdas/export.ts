// GET /v1/export/proposals.json|.csv: the open-data export (OGP repository requirement), no personal data,
// in pages under Lambda's 6 MB response limit (README: the paging contract).

import { consolidateRound } from '../shared/consolidation/consolidate-round';
import type { ConsolidationProposal } from '../shared/consolidation/consolidation';
import { commitmentsOf, joinReviews } from '../shared/consolidation/round-view';
import type { RoundConfig } from '../shared/definitions/round';
import { openDataCsv, openDataExport } from '../shared/open-data/open-data';
import {
  DEFAULT_PAGE_LIMIT,
  exportCsvPage,
  exportJsonPage,
  readPageRequest,
} from '../shared/open-data/paging';
import { actionPlanPage } from '../shared/publishing/action-plan';
import { makeDocumentClient } from './adapters/aws-clients';
import { DynamoNegotiationStore } from './adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from './adapters/dynamodb-proposal-store';
import { lazy, readConfig } from './config';
import { json, withErrors } from './http';
import type { NegotiationStore } from './ports/negotiation-store';
import type { ReviewStore } from './ports/review-store';
import { loadPublicRound } from './services/public-round-service';

export interface ExportDeps {
  store: Pick<ReviewStore, 'loadRound' | 'proposalPage' | 'getReviews' | 'existingProposalIds'>;
  negotiations: Pick<NegotiationStore, 'listNegotiations'>;
  round: RoundConfig;
  now: () => Date;
}

/**
 * The export document of a round (shared by the HTTP handler and `cocreate export`). With `page`, only
 * the proposals a page can hold are rendered (the first `limit` after `afterId`, in id order), and the
 * commitments only on the first page: a page of a 10,000-proposal round costs a page, not the round.
 */
export async function buildExport(deps: ExportDeps, page?: { afterId: string | null; limit: number }) {
  if (page && page.afterId !== null) return laterPage(deps, { afterId: page.afterId, limit: page.limit });
  const [{ proposals, reviews }, negotiations] = await Promise.all([
    deps.store.loadRound(deps.round.id),
    deps.negotiations.listNegotiations(deps.round.id),
  ]);
  const joined = joinReviews(proposals, reviews);
  const only = page
    ? {
        proposalIds: new Set(
          joined
            .map((p) => p.id)
            .filter((id) => page.afterId === null || id > page.afterId)
            .sort()
            // One more than a page holds, so the page knows whether another follows.
            .slice(0, page.limit + 1),
        ),
        commitments: page.afterId === null,
      }
    : undefined;
  return openDataExport(
    joined,
    commitmentsOf(joined),
    deps.now().toISOString(),
    deps.round,
    negotiations,
    only,
  );
}

/** Merge targets of these proposals not read yet. */
const unreadTargets = (ps: readonly ConsolidationProposal[], read: ReadonlySet<string>) => [
  ...new Set(
    ps.flatMap((p) =>
      p.status === 'merged' && p.mergeTarget && !read.has(p.mergeTarget) ? [p.mergeTarget] : [],
    ),
  ),
];

/**
 * A page after the first: only its proposals are read (limit + 1, from the cursor's id on), with their
 * reviews and the merge chains they start (statuses and targets only), so each proposal's
 * `commitmentIds` are those the whole round gives. A proposal nobody reviewed is never accepted or
 * merged (only reviews decide), so a chain target without a review ends the chain.
 */
async function laterPage(deps: ExportDeps, page: { afterId: string; limit: number }) {
  const { store, round } = deps;
  const proposals = await store.proposalPage(round.id, page.afterId, page.limit + 1);
  const ids = proposals.map((p) => p.id);
  const joined = joinReviews(proposals, await store.getReviews(round.id, ids));
  const chain: ConsolidationProposal[] = [...joined];
  const read = new Set(ids);
  // Every id is read once, so a cycle ends the loop as a missing target does.
  for (let frontier = unreadTargets(joined, read); frontier.length; ) {
    for (const id of frontier) read.add(id);
    const [reviews, exist] = await Promise.all([
      store.getReviews(round.id, frontier),
      store.existingProposalIds(round.id, frontier),
    ]);
    const found = frontier
      .filter((id) => exist.has(id))
      .map((id): ConsolidationProposal => {
        const r = reviews.get(id);
        return {
          id,
          title: '',
          workingGroupId: '',
          organisation: '',
          submittedAt: '',
          status: r?.status ?? 'submitted',
          mergeTarget: r?.mergeTarget ?? null,
        };
      });
    chain.push(...found);
    frontier = unreadTargets(found, read);
  }
  return openDataExport(joined, consolidateRound(chain), deps.now().toISOString(), round, undefined, {
    proposalIds: new Set(ids),
    commitments: false,
  });
}

export function createExportHandler(deps: () => ExportDeps) {
  return withErrors(async (event) => {
    if (event.rawPath.endsWith('/action-plan.json')) {
      const d = deps();
      const request = readPageRequest(event.queryStringParameters, d.round.id);
      // Commitment numbers and source entries are ranks in the whole round: every page reads the round.
      const { model } = await loadPublicRound(d, d.now().toISOString());
      return json(200, actionPlanPage(model, d.round.id, request), {
        'access-control-allow-origin': '*',
        'cache-control': 'public, max-age=300',
      });
    }
    const d = deps();
    // Read the paging request first: a bad cursor is a 400 before any read of the round.
    const request = readPageRequest(event.queryStringParameters, d.round.id);
    const data = await buildExport(d, request);
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' };
    if (event.rawPath.endsWith('.csv')) {
      const page = exportCsvPage(data, d.round.id, request);
      const next: Record<string, string> = page.next
        ? {
            'x-next-cursor': page.next,
            link: `<${event.rawPath}?cursor=${encodeURIComponent(page.next)}${request.limit !== DEFAULT_PAGE_LIMIT ? `&limit=${request.limit}` : ''}>; rel="next"`,
            'access-control-expose-headers': 'x-next-cursor, link',
          }
        : {};
      return {
        statusCode: 200,
        headers: {
          ...headers,
          ...next,
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="proposals.csv"',
        },
        body: openDataCsv(page.data),
      };
    }
    return json(200, exportJsonPage(data, d.round.id, request), headers);
  });
}

const production = lazy((): ExportDeps => {
  const config = readConfig();
  const doc = makeDocumentClient(config);
  return {
    store: new DynamoProposalStore(doc, config.tableName),
    negotiations: new DynamoNegotiationStore(doc, config.tableName),
    round: config.round,
    now: () => new Date(),
  };
});

export const handler = createExportHandler(production);
