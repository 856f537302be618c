// GET /v1/export/proposals.json|.csv: the open-data export (OGP repository requirement), no personal data.

import { commitmentsOf, joinReviews } from '../shared/consolidation/round-view';
import type { RoundConfig } from '../shared/definitions/round';
import { openDataCsv, openDataExport } from '../shared/open-data/open-data';
import { bilingual } from '../shared/platform/i18n';
import { actionPlanBlocks } from '../shared/publishing/action-plan';
import { makeDocumentClient } from './adapters/aws-clients';
import { DynamoNegotiationStore } from './adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from './adapters/dynamodb-proposal-store';
import { lazy, readConfig } from './config';
import { json, withErrors } from './http';
import type { NegotiationStore } from './ports/negotiation-store';
import type { ReviewStore } from './ports/review-store';
import { loadPublicRound } from './services/public-round-service';

export interface ExportDeps {
  store: Pick<ReviewStore, 'loadRound'>;
  negotiations: Pick<NegotiationStore, 'listNegotiations'>;
  round: RoundConfig;
  now: () => Date;
}

/** The export document of a round (shared by the HTTP handler and `cocreate export`). */
export async function buildExport(deps: ExportDeps) {
  const [{ proposals, reviews }, negotiations] = await Promise.all([
    deps.store.loadRound(deps.round.id),
    deps.negotiations.listNegotiations(deps.round.id),
  ]);
  const joined = joinReviews(proposals, reviews);
  return openDataExport(joined, commitmentsOf(joined), deps.now().toISOString(), deps.round, negotiations);
}

export function createExportHandler(deps: () => ExportDeps) {
  return withErrors(async (event) => {
    if (event.rawPath.endsWith('/action-plan.json')) {
      const d = deps();
      const { model } = await loadPublicRound(d, d.now().toISOString());
      return json(
        200,
        {
          title: bilingual(model.round.name),
          generatedAt: model.generatedAt,
          blocks: actionPlanBlocks(model),
        },
        { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' },
      );
    }
    const data = await buildExport(deps());
    const headers = { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=300' };
    if (event.rawPath.endsWith('.csv')) {
      return {
        statusCode: 200,
        headers: {
          ...headers,
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="proposals.csv"',
        },
        body: openDataCsv(data),
      };
    }
    return json(200, data, headers);
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
