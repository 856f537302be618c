// The HTTP API and the functions behind it: read by serverless.yml, the local gateway, the build and tests.

export type FunctionName =
  | 'ingest'
  | 'reviews'
  | 'negotiations'
  | 'export'
  | 'health'
  | 'digest'
  | 'reconcile'
  | 'publish'
  | 'notify';

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  function: FunctionName;
  /** signed: HMAC headers required (see signing.ts). public: open, never returns personal data. */
  auth: 'signed' | 'public';
}

export const ROUTES: readonly Route[] = [
  { method: 'POST', path: '/v1/proposals', function: 'ingest', auth: 'signed' },
  { method: 'POST', path: '/v1/reviews', function: 'reviews', auth: 'signed' },
  { method: 'POST', path: '/v1/negotiations', function: 'negotiations', auth: 'signed' },
  { method: 'GET', path: '/v1/export/proposals.json', function: 'export', auth: 'public' },
  { method: 'GET', path: '/v1/export/proposals.csv', function: 'export', auth: 'public' },
  /** The action plan draft as document blocks (Apps Script builds the Google Doc from them). */
  { method: 'GET', path: '/v1/export/action-plan.json', function: 'export', auth: 'public' },
  { method: 'POST', path: '/v1/digest', function: 'digest', auth: 'signed' },
  { method: 'GET', path: '/v1/health', function: 'health', auth: 'public' },
];

/** What each function may touch: turned into least-privilege IAM statements in serverless.yml. */
export interface FunctionDefinition {
  name: FunctionName;
  description: string;
  /** DynamoDB actions on the table (and its indexes when `indexes` is true). */
  dynamodb: string[];
  indexes?: boolean;
  ses?: boolean;
  /** Reads the signing secret from SSM Parameter Store. */
  signingSecret?: boolean;
  /** Reads the Google service-account key from SSM Parameter Store. */
  googleCredentials?: boolean;
  /** Scheduled functions: a rate() or cron() expression. */
  schedule?: string;
  /** Writes the public site to its S3 bucket (PutObject, and GetObject of its manifest only). */
  site?: boolean;
  /** Links pages of the public site (its CloudFront address in PUBLIC_SITE_URL). */
  siteUrl?: boolean;
  /** The handler's source when it is not lambdas/<name>.ts (a feature folder of handlers). */
  source?: string;
  /**
   * Also runs when these items of the table change (DynamoDB stream, keys only, filtered by sort-key
   * prefix). Only for a function that never writes those items itself, so it cannot trigger itself.
   */
  onTableChange?: readonly string[];
  timeoutSeconds: number;
  memoryMb: number;
}

export const FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'ingest',
    description: 'Verifies, validates and stores a proposal from the Google Form',
    // Query: the likely-duplicate check reads the organisation index (gsi2).
    dynamodb: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
    indexes: true,
    signingSecret: true,
    timeoutSeconds: 10,
    memoryMb: 256,
  },
  {
    name: 'reviews',
    description: 'Applies review edits from the working-group spreadsheet with optimistic concurrency',
    dynamodb: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:BatchGetItem'],
    signingSecret: true,
    timeoutSeconds: 20,
    memoryMb: 256,
  },
  {
    name: 'negotiations',
    description:
      'Applies negotiation edits and agency answers (one item per commitment) with optimistic concurrency',
    // Query: starting a commitment's negotiation reads the round's proposals and reviews (consolidation);
    // BatchWriteItem: focal points.
    dynamodb: [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:BatchGetItem',
      'dynamodb:Query',
      'dynamodb:BatchWriteItem',
    ],
    signingSecret: true,
    timeoutSeconds: 20,
    memoryMb: 256,
  },
  {
    name: 'export',
    description: 'Open-data export of proposals, decisions and commitment lineage (no personal data)',
    // Query: a page of proposals, the round (the action plan), the merge index (gsi2); BatchGetItem: the
    // page's reviews, its merge trees and their negotiations.
    dynamodb: ['dynamodb:Query', 'dynamodb:BatchGetItem'],
    indexes: true,
    timeoutSeconds: 20,
    memoryMb: 512,
  },
  {
    name: 'health',
    description: 'Liveness check',
    dynamodb: [],
    timeoutSeconds: 3,
    memoryMb: 128,
  },
  {
    name: 'digest',
    description: 'Emails the secretariat the consolidated status of the round, and agencies their reminders',
    // GetItem: the CSO text of a commitment never negotiated (its primary proposal).
    dynamodb: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    // Query on the narrow summary index (gsi3).
    indexes: true,
    ses: true,
    signingSecret: true,
    schedule: 'cron(0 1 ? * MON *)',
    // HTTP API integrations time out at 30 s, and the digest is also served on POST /v1/digest.
    timeoutSeconds: 29,
    memoryMb: 512,
  },
  {
    name: 'reconcile',
    description:
      'Pulls the review spreadsheet (Sheets API) and the form (Forms API) and applies what push missed',
    // BatchGetItem: the missed edits read their reviews and negotiations (getReviews, getNegotiations) as
    // POST /v1/reviews and /v1/negotiations do.
    dynamodb: [
      'dynamodb:Query',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
    ],
    googleCredentials: true,
    schedule: 'rate(15 minutes)',
    timeoutSeconds: 300,
    memoryMb: 512,
  },
  {
    name: 'publish',
    source: 'lambdas/publishing/publish.ts',
    description: 'Publishes the public repository site (pages, reports, action plan, open data) to S3',
    // Query: the round (proposals, reviews) and its negotiations, each one partition.
    dynamodb: ['dynamodb:Query'],
    site: true,
    siteUrl: true,
    // A decision, a proposal or a negotiation changed: publish within a minute (batched). It writes only
    // to S3, never to the table.
    onTableChange: ['PROPOSAL#', 'REVIEW#', 'NEGOTIATION#'],
    // And on a schedule, in case a stream batch failed; only files whose bytes changed are written.
    schedule: 'rate(1 hour)',
    timeoutSeconds: 120,
    memoryMb: 1024,
  },
  {
    name: 'notify',
    source: 'lambdas/publishing/notify.ts',
    description: 'Emails each proposer once when its proposal is decided and when its negotiation ends',
    // Query: the round, negotiations and the ledger's claimed keys; PutItem/DeleteItem: the once-only
    // ledger (claim, release).
    dynamodb: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    ses: true,
    siteUrl: true,
    schedule: 'rate(15 minutes)',
    timeoutSeconds: 120,
    memoryMb: 512,
  },
];

/** Matches a request to a route; the path must match exactly (no trailing slash games). */
export function matchRoute(method: string, path: string): Route | undefined {
  return ROUTES.find((r) => r.method === method.toUpperCase() && r.path === path);
}
