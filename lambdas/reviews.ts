// POST /v1/reviews: review edits from the working-group spreadsheet (signed), one result per edit.
import { parseReviewEdits } from '../shared/review/review-api';
import { makeDocumentClient } from './adapters/aws-clients';
import { DynamoProposalStore } from './adapters/dynamodb-proposal-store';
import type { SecretSource } from './adapters/secrets';
import { authenticate, secretSource } from './auth';
import { lazy, readConfig } from './config';
import { json, rawBody, withErrors } from './http';
import type { ReplayGuard } from './ports/replay-guard';
import type { ReviewStore } from './ports/review-store';
import { applyReviewEdits, type ReviewsDeps } from './services/reviews-service';

export interface ReviewsHandlerDeps extends ReviewsDeps {
  store: ReviewStore & ReplayGuard;
  secrets: SecretSource;
  /** Until when v1 signatures are accepted (default: V1_ACCEPTED_UNTIL_DEFAULT). */
  signatureV1Until?: Date;
}

export function createReviewsHandler(deps: () => ReviewsHandlerDeps) {
  return withErrors(async (event) => {
    const d = deps();
    const body = rawBody(event);
    await authenticate(event, body, d.secrets, d.store, d.now(), d.signatureV1Until);
    const { edits } = parseReviewEdits(body);
    return json(200, { results: await applyReviewEdits(d, edits) });
  });
}

const production = lazy((): ReviewsHandlerDeps => {
  const config = readConfig();
  return {
    store: new DynamoProposalStore(makeDocumentClient(config), config.tableName),
    secrets: secretSource(config),
    signatureV1Until: config.signatureV1Until,
    round: config.round,
    now: () => new Date(),
  };
});

export const handler = createReviewsHandler(production);
