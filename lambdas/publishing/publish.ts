// The public site: when a proposal, review or negotiation changes (the table's stream) and hourly, render
// the round and write what changed to the site bucket (S3, served by CloudFront) or, locally, to a folder.
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { makeDocumentClient, s3Options } from '../adapters/aws-clients';
import { DynamoNegotiationStore } from '../adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../adapters/dynamodb-proposal-store';
import { FolderSiteWriter } from '../adapters/folder-site-writer';
import { S3SiteWriter } from '../adapters/s3-site-writer';
import { lazy, readConfig } from '../config';
import { log } from '../log';
import { type PublishDeps, publishSite } from '../services/publish-service';

export function createPublishHandler(deps: () => PublishDeps, now: () => Date = () => new Date()) {
  // The event (a schedule tick or a batch of changed keys) does not matter: the whole round is rendered
  // and only changed files are written.
  return async (_event?: unknown) => {
    const outcome = await publishSite(deps(), now());
    log.info('publish', { ...outcome });
    return outcome;
  };
}

const production = lazy((): PublishDeps => {
  const config = readConfig();
  if (!config.siteBucket && !config.siteDir) {
    throw new Error('Invalid configuration: SITE_BUCKET (or SITE_DIR locally) must be set');
  }
  const doc = makeDocumentClient(config);
  return {
    store: new DynamoProposalStore(doc, config.tableName),
    negotiations: new DynamoNegotiationStore(doc, config.tableName),
    round: config.round ?? DEFAULT_ROUND,
    writer: config.siteBucket
      ? new S3SiteWriter(config.siteBucket, s3Options(config), config.publicSiteUrl)
      : new FolderSiteWriter(config.siteDir as string),
  };
});

export const handler = createPublishHandler(production);
