// The embedded stack: dynalite (DynamoDB), aws-ses-v2-local (SES with a web inbox) and the local gateway
// serving the built Lambda bundles. Everything binds to 127.0.0.1; nothing needs a cloud account.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RoundConfig } from '../../shared/definitions/round';
import { tableName } from '../../shared/definitions/table';
import { type Gateway, startGateway } from './gateway';
import { ensureTable } from './tables';

export interface StackOptions {
  /** 0 picks a free port (tests). */
  apiPort: number;
  dynamodbPort: number;
  mailPort: number;
  /** Keep DynamoDB data on disk under stateDir/dynamodb instead of in memory. */
  persist: boolean;
  stateDir: string;
  distDir: string;
  stage?: string;
  digestFrom?: string;
  digestTo?: string[];
  /** The round the Lambdas run with (COCREATE_ROUND_CONFIG); absent: the sample round. */
  round?: RoundConfig;
}

export interface Stack {
  apiUrl: string;
  dynamodbUrl: string;
  mailUrl: string;
  tableName: string;
  signingSecret: string;
  /** Environment the Lambda bundles read (also what a child process needs to reach this stack). */
  env: Record<string, string>;
  gateway: Gateway;
  dynamodb: DynamoDBClient;
  stop(): Promise<void>;
}

export const DEFAULT_PORTS = { api: 8700, dynamodb: 8701, mail: 8702 };

export function stackOptionsFromEnv(
  env: NodeJS.ProcessEnv,
  root: string,
  overrides: Partial<StackOptions> = {},
): StackOptions {
  const port = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`${name} must be a port number (0-65535), got "${v}"`);
    return n;
  };
  return {
    apiPort: port('COCREATE_API_PORT', DEFAULT_PORTS.api),
    dynamodbPort: port('COCREATE_DYNAMODB_PORT', DEFAULT_PORTS.dynamodb),
    mailPort: port('COCREATE_MAIL_PORT', DEFAULT_PORTS.mail),
    persist: false,
    stateDir: env.COCREATE_STATE_DIR || join(root, '.cocreate'),
    distDir: join(root, 'dist'),
    ...overrides,
  };
}

/** The local signing secret, made once per state folder (never committed: .cocreate/ is git-ignored). */
export function localSigningSecret(stateDir: string): string {
  mkdirSync(stateDir, { recursive: true });
  const file = join(stateDir, 'signing-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Resolves to true if the port can be bound on 127.0.0.1 right now. */
export function portFree(port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export async function startDynalite(
  port: number,
  path?: string,
): Promise<{ url: string; close(): Promise<void> }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require('dynalite') as (o: object) => Server;
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(path ? { path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${actual}`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function startMailSink(port: number): Promise<{ url: string; close(): Promise<void> }> {
  if (!(await portFree(port)))
    throw new Error(`Port ${port} for the mail sink is in use (set COCREATE_MAIL_PORT)`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ses = require('aws-ses-v2-local') as {
    default: (c: { host: string; port: number }) => Promise<Server>;
  };
  const server = await ses.default({ host: '127.0.0.1', port });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const stage = opts.stage ?? 'local';
  for (const [name, port] of [
    ['COCREATE_API_PORT', opts.apiPort],
    ['COCREATE_DYNAMODB_PORT', opts.dynamodbPort],
  ] as const) {
    if (!(await portFree(port)))
      throw new Error(`Port ${port} is in use: is another stack running? (set ${name})`);
  }
  if (!existsSync(join(opts.distDir, 'lambdas')))
    throw new Error(`No Lambda bundles in ${opts.distDir}: run npm run build`);
  const dbPath = opts.persist ? join(opts.stateDir, 'dynamodb') : undefined;
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const db = await startDynalite(opts.dynamodbPort, dbPath);
  const mail = await startMailSink(opts.mailPort);
  const table = tableName(stage);
  const signingSecret = localSigningSecret(opts.stateDir);
  const env: Record<string, string> = {
    STAGE: stage,
    TABLE_NAME: table,
    DYNAMODB_ENDPOINT: db.url,
    SES_ENDPOINT: mail.url,
    SIGNING_SECRET: signingSecret,
    DIGEST_FROM: opts.digestFrom ?? 'sekretariat@cocreate.example',
    DIGEST_TO: (opts.digestTo ?? opts.round?.digestRecipients ?? ['sekretariat@cocreate.example']).join(','),
    ...(opts.round ? { COCREATE_ROUND_CONFIG: JSON.stringify(opts.round) } : {}),
    AWS_REGION: process.env.AWS_REGION ?? 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  // The bundles run in this process, like warm Lambda containers, and read their config from the env.
  Object.assign(process.env, env);
  const dynamodb = new DynamoDBClient({
    endpoint: db.url,
    region: env.AWS_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(dynamodb, table);
  // The public site: the publish Lambda writes it to a folder, which the gateway serves under /site/.
  const siteDir = join(opts.stateDir, 'site');
  const gateway = await startGateway({ port: opts.apiPort, distDir: opts.distDir, siteDir });
  env.SITE_DIR = siteDir;
  env.PUBLIC_SITE_URL = `${gateway.url}/site`;
  Object.assign(process.env, { SITE_DIR: env.SITE_DIR, PUBLIC_SITE_URL: env.PUBLIC_SITE_URL });
  return {
    apiUrl: gateway.url,
    dynamodbUrl: db.url,
    mailUrl: mail.url,
    tableName: table,
    signingSecret,
    env,
    gateway,
    dynamodb,
    stop: async () => {
      dynamodb.destroy();
      await gateway.close();
      await mail.close();
      await db.close();
    },
  };
}
