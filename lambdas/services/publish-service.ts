// Publish use case: read the round once, build the public model, render every file of the site (pages,
// reports, action plan .docx, open data) and hand them to a site writer (a folder locally, S3 deployed).
// The pages carry the time of the last data change, not the time of the run, so an unchanged round renders
// byte-identical files and the writer skips them: a scheduled run publishes exactly what changed.
import { openDataCsv, openDataExport } from '../../shared/open-data/open-data';
import { stableHash } from '../../shared/platform/hash';
import { actionPlanBlocks } from '../../shared/publishing/action-plan';
import { renderSite } from '../../shared/publishing/site';
import { actionPlanDocx } from '../adapters/action-plan-docx';
import type { SiteFiles, SiteWriter } from '../ports/site-writer';
import { loadPublicRound, type PublicRoundDeps } from './public-round-service';

export { loadPublicRound } from './public-round-service';

export interface PublishDeps extends PublicRoundDeps {
  writer: SiteWriter;
}

export interface PublishOutcome {
  location: string;
  files: number;
  written: number;
  proposals: number;
  commitments: number;
}

/** Every file of the site, rendered (no writing). */
export async function buildSiteFiles(deps: PublicRoundDeps, fallbackTime: string) {
  const { model, joined, commitments, negotiations } = await loadPublicRound(deps, fallbackTime);
  const data = openDataExport(joined, commitments, model.generatedAt, deps.round, negotiations);
  const files: SiteFiles = renderSite(model, {
    json: `${JSON.stringify(data, null, 2)}\n`,
    csv: openDataCsv(data),
  });
  const blocks = actionPlanBlocks(model);
  files.set('action-plan.docx', await actionPlanDocx(blocks, model.round.name.id));
  // The .docx records when it was made, so its bytes change every run: its version is its content.
  const versions = new Map([['action-plan.docx', `blocks:${stableHash(JSON.stringify(blocks))}`]]);
  return { model, files, versions };
}

export async function publishSite(deps: PublishDeps, now: Date): Promise<PublishOutcome> {
  const { model, files, versions } = await buildSiteFiles(deps, now.toISOString());
  const { written } = await deps.writer.write(files, versions);
  return {
    location: deps.writer.location,
    files: files.size,
    written,
    proposals: model.proposals.length,
    commitments: model.commitments.length,
  };
}
