// The HTTP API and the functions behind it: read by serverless.yml, the local gateway, the build and tests.

export type FunctionName = 'ingest' | 'health' | 'digest';

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  function: FunctionName;
  /** signed: HMAC headers required (see signing.ts). public: open, never returns personal data. */
  auth: 'signed' | 'public';
}

export const ROUTES: readonly Route[] = [
  { method: 'POST', path: '/v1/proposals', function: 'ingest', auth: 'signed' },
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
  /** Scheduled functions: a rate() or cron() expression. */
  schedule?: string;
  timeoutSeconds: number;
  memoryMb: number;
}

export const FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'ingest',
    description: 'Verifies, validates and stores a proposal from the Google Form',
    dynamodb: ['dynamodb:GetItem', 'dynamodb:PutItem'],
    signingSecret: true,
    timeoutSeconds: 10,
    memoryMb: 256,
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
    description: 'Emails the secretariat the consolidated status of the round',
    dynamodb: ['dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
    ses: true,
    schedule: 'cron(0 1 ? * MON *)',
    timeoutSeconds: 60,
    memoryMb: 512,
  },
];

/** Matches a request to a route; the path must match exactly (no trailing slash games). */
export function matchRoute(method: string, path: string): Route | undefined {
  return ROUTES.find((r) => r.method === method.toUpperCase() && r.path === path);
}
