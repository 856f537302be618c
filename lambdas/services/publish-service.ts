// Publish use case: read the round once, build the public model, render every file of the site (pages,
// reports, action plan .docx, open data) and hand them to a site writer (a folder locally, S3 deployed).
// The pages carry the time of the last data change, not the time of the run, so an unchanged round renders
// byte-identical files and the writer skips them: a scheduled run publishes exactly what changed.
import type { Commitment } from '../../shared/consolidation/consolidation';
import { commitmentsOf, joinReviews, type ReviewedProposal } from '../../shared/consolidation/round-view';
import type { RoundConfig } from '../../shared/definitions/round';
import type { CsoSource } from '../../shared/negotiation/commitment-text';
import type { NegotiationState } from '../../shared/negotiation/negotiation';
import { negotiationForExport } from '../../shared/negotiation/negotiation-export';
import { roundNegotiations } from '../../shared/negotiation/round-negotiations';
import { openDataCsv, openDataExport } from '../../shared/open-data/open-data';
import { actionPlanBlocks } from '../../shared/publishing/action-plan';
import { negotiationView } from '../../shared/publishing/negotiation-view';
import {
  buildPublicRound,
  type CommitmentNegotiation,
  type PublicRound,
} from '../../shared/publishing/public-round';
import { renderSite } from '../../shared/publishing/site';
import { actionPlanDocx } from '../adapters/action-plan-docx';
import type { NegotiationStore } from '../ports/negotiation-store';
import type { ReviewStore } from '../ports/review-store';
import type { SiteFiles, SiteWriter } from '../ports/site-writer';

export interface PublishDeps {
  store: Pick<ReviewStore, 'loadRound'>;
  round: RoundConfig;
  writer: SiteWriter;
  /** With it, every commitment shows its negotiation with government (status, agreed text). */
  negotiations?: Pick<NegotiationStore, 'listNegotiations'>;
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
  deps: Pick<PublishDeps, 'store' | 'round' | 'negotiations'>,
  fallbackTime: string,
): Promise<{
  model: PublicRound;
  joined: ReviewedProposal[];
  commitments: Commitment[];
  negotiations?: ReadonlyMap<string, NegotiationState>;
}> {
  const { proposals, reviews } = await deps.store.loadRound(deps.round.id);
  const joined = joinReviews(proposals, reviews);
  // A review changes a proposal's public state without touching the proposal record: count its audit too.
  let latest = lastChange(joined, fallbackTime);
  for (const r of reviews.values()) for (const a of r.audit) if (a.at > latest) latest = a.at;
  const commitments = commitmentsOf(joined);
  const stored = deps.negotiations ? await deps.negotiations.listNegotiations(deps.round.id) : undefined;
  let negotiation: Map<string, CommitmentNegotiation> | undefined;
  if (stored) {
    for (const n of stored.values()) if (n.updatedAt > latest) latest = n.updatedAt;
    const sources = new Map<string, CsoSource>(joined.map((p) => [p.id, p]));
    // Texts are redacted when the public model is built (one redactor for the whole round).
    negotiation = new Map(
      roundNegotiations(commitments, sources, stored).map((n) => [
        n.commitmentId,
        negotiationView(negotiationForExport(n)),
      ]),
    );
  }
  const model = buildPublicRound({
    proposals: joined,
    commitments,
    round: deps.round,
    generatedAt: latest,
    ...(negotiation ? { negotiation } : {}),
  });
  return { model, joined, commitments, ...(stored ? { negotiations: stored } : {}) };
}

/** Every file of the site, rendered (no writing). */
export async function buildSiteFiles(
  deps: Pick<PublishDeps, 'store' | 'round' | 'negotiations'>,
  fallbackTime: string,
) {
  const { model, joined, commitments, negotiations } = await loadPublicRound(deps, fallbackTime);
  const data = openDataExport(joined, commitments, model.generatedAt, deps.round, negotiations);
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
