// GET /v1/export/proposals.json|.csv and action-plan.json: the open-data export (OGP repository
// requirement), no personal data, in pages under Lambda's 6 MB response limit (README: the paging contract).

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
import { loadRoundSlice, type SliceStore } from './services/export-slice';
import { loadPublicRound } from './services/public-round-service';

export interface ExportDeps {
  store: Pick<ReviewStore, 'loadRound'> & SliceStore;
  negotiations: Pick<NegotiationStore, 'listNegotiations' | 'getNegotiations'>;
  round: RoundConfig;
  now: () => Date;
}

/**
 * The export document of a round (shared by the HTTP handler and `cocreate export`). Without `page`, the
 * whole round. With `page`, only its slice is read (loadRoundSlice: the first `limit` + 1 proposals after
 * `afterId`, in id order, and their merge trees), on the first page as on every other: the document holds
 * those proposals and every commitment of those trees (exportJsonPage keeps, on each page, those whose
 * primary proposal is on it, so each commitment comes once).
 */
export async function buildExport(deps: ExportDeps, page?: { afterId: string | null; limit: number }) {
  if (!page) {
    const [{ proposals, reviews }, negotiations] = await Promise.all([
      deps.store.loadRound(deps.round.id),
      deps.negotiations.listNegotiations(deps.round.id),
    ]);
    const joined = joinReviews(proposals, reviews);
    return openDataExport(joined, commitmentsOf(joined), deps.now().toISOString(), deps.round, negotiations);
  }
  const slice = await loadRoundSlice(deps.store, deps.round.id, page.afterId, page.limit + 1);
  const negotiations = await deps.negotiations.getNegotiations(
    deps.round.id,
    slice.commitments.map((c) => c.id),
  );
  return openDataExport(
    slice.related,
    slice.commitments,
    deps.now().toISOString(),
    deps.round,
    negotiations,
    {
      proposalIds: new Set(slice.page.map((p) => p.id)),
    },
  );
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
