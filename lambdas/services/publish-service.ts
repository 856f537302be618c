// Publish use case: read the round once, build the public model, render every file of the site (pages,
// reports, action plan .docx, open data) and hand them to a site writer (a folder locally, S3 deployed).
// The pages carry the time of the last data change, not the time of the run, so an unchanged round renders
// byte-identical files and the writer skips them: a scheduled run publishes exactly what changed.
import type { Commitment } from '../../shared/consolidation/consolidation';
import { commitmentsOf, joinReviews, type ReviewedProposal } from '../../shared/consolidation/round-view';
import type { RoundConfig } from '../../shared/definitions/round';
import { openDataCsv, openDataExport } from '../../shared/open-data/open-data';
import { actionPlanBlocks } from '../../shared/publishing/action-plan';
import {
  buildPublicRound,
  type CommitmentNegotiation,
  type PublicRound,
} from '../../shared/publishing/public-round';
import { renderSite } from '../../shared/publishing/site';
import { actionPlanDocx } from '../adapters/action-plan-docx';
import type { ReviewStore } from '../ports/review-store';
import type { SiteFiles, SiteWriter } from '../ports/site-writer';

export interface PublishDeps {
  store: Pick<ReviewStore, 'loadRound'>;
  round: RoundConfig;
  writer: SiteWriter;
  /** Negotiation outcomes by commitment id, once negotiation records them. */
  negotiation?: (
    round: RoundConfig,
    commitments: readonly Commitment[],
  ) => Promise<ReadonlyMap<string, CommitmentNegotiation>>;
}

export interface PublishOutcome {
  location: string;
  files: number;
  written: number;
  proposals: number;
  commitments: number;
}

/** The last time anything in the round changed (a proposal or a review). */
export function lastChange(proposals: readonly ReviewedProposal[], fallback: string): string {
  let latest = '';
  for (const p of proposals) if (p.updatedAt > latest) latest = p.updatedAt;
  return latest || fallback;
}

export async function loadPublicRound(
  deps: Pick<PublishDeps, 'store' | 'round' | 'negotiation'>,
  fallbackTime: string,
): Promise<{ model: PublicRound; joined: ReviewedProposal[]; commitments: Commitment[] }> {
  const { proposals, reviews } = await deps.store.loadRound(deps.round.id);
  const joined = joinReviews(proposals, reviews);
  // A review changes a proposal's public state without touching the proposal record: count its audit too.
  let latest = lastChange(joined, fallbackTime);
  for (const r of reviews.values()) for (const a of r.audit) if (a.at > latest) latest = a.at;
  const commitments = commitmentsOf(joined);
  const negotiation = deps.negotiation ? await deps.negotiation(deps.round, commitments) : undefined;
  const model = buildPublicRound({
    proposals: joined,
    commitments,
    round: deps.round,
    generatedAt: latest,
    ...(negotiation ? { negotiation } : {}),
  });
  return { model, joined, commitments };
}

/** Every file of the site, rendered (no writing). */
export async function buildSiteFiles(
  deps: Pick<PublishDeps, 'store' | 'round' | 'negotiation'>,
  fallbackTime: string,
) {
  const { model, joined, commitments } = await loadPublicRound(deps, fallbackTime);
  const data = openDataExport(joined, commitments, model.generatedAt, deps.round);
  const files: SiteFiles = renderSite(model, {
    json: `${JSON.stringify(data, null, 2)}\n`,
    csv: openDataCsv(data),
  });
  files.set('action-plan.docx', await actionPlanDocx(actionPlanBlocks(model), model.round.name.id));
  return { model, files };
}

export async function publishSite(deps: PublishDeps, now: Date): Promise<PublishOutcome> {
  const { model, files } = await buildSiteFiles(deps, now.toISOString());
  const { written } = await deps.writer.write(files);
  return {
    location: deps.writer.location,
    files: files.size,
    written,
    proposals: model.proposals.length,
    commitments: model.commitments.length,
  };
}
