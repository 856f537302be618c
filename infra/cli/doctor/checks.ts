// The checks `cocreate doctor` runs everywhere (Node, dist/, the round file) and the API checks both targets share.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MIN_SECRET_LENGTH } from '../../../apps-script/src/config';
import type { RoundConfig } from '../../../shared/definitions/round';
import { FUNCTIONS } from '../../../shared/definitions/routes';
import { EMAIL_ADDRESS } from '../../../shared/platform/email';
import {
  type LoadedRound,
  loadRound,
  RoundFileError,
  type RoundLookup,
  scriptPropertyValue,
} from '../round/round-file';
import { signedPost } from '../signed-client';

export type CheckStatus = 'ok' | 'FAIL' | 'skip' | 'info';

export interface Check {
  status: CheckStatus;
  name: string;
  /** What was found, and when it fails or cannot be checked, what to do. */
  detail: string;
}

export interface DoctorOptions {
  root: string;
  stateDir: string;
  stage?: string;
  /** Where `cocreate deploy --dry-run` / osls put the stage's package (default <root>/.serverless). */
  packageDir?: string;
  /** Where cocreate.stage.<name>.json lives (COCREATE_STAGE_DIR or the current directory; default root). */
  stageDir?: string;
  round?: RoundLookup;
  env?: NodeJS.ProcessEnv;
  /** Milliseconds to wait for the API and the mail sink. */
  timeoutMs?: number;
}

const MIN_NODE = 20;
const NAME_WIDTH = 24;

export function formatCheck(c: Check): string {
  return `${c.status.padEnd(4)}  ${c.name.padEnd(NAME_WIDTH)} ${c.detail}`;
}

export function nodeCheck(): Check {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= MIN_NODE
    ? { status: 'ok', name: 'Node.js', detail: `${process.versions.node} (perlu/needs >= ${MIN_NODE})` }
    : {
        status: 'FAIL',
        name: 'Node.js',
        detail: `${process.versions.node} is older than ${MIN_NODE} → install Node.js ${MIN_NODE} or later (the Lambdas run on 22)`,
      };
}

export function newestSource(dir: string): number {
  let newest = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    newest = Math.max(newest, d.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function bundlesCheck(root: string): Check {
  const dist = join(root, 'dist');
  const needed = [
    'build.json',
    join('apps-script', 'Code.js'),
    join('apps-script', 'appsscript.json'),
    join('cli', 'index.js'),
    ...FUNCTIONS.map((f) => join('lambdas', f.name, 'index.js')),
  ];
  const missing = needed.filter((f) => !existsSync(join(dist, f)));
  if (missing.length)
    return {
      status: 'FAIL',
      name: 'built bundles',
      detail: `missing in dist/: ${missing.join(', ')} → run: npm run build`,
    };
  const builtAt = statSync(join(dist, 'build.json')).mtimeMs;
  const sources = ['shared', 'lambdas', 'apps-script', 'infra'].filter((d) => existsSync(join(root, d)));
  const changed = sources.filter((d) => newestSource(join(root, d)) > builtAt);
  if (changed.length)
    return {
      status: 'FAIL',
      name: 'built bundles',
      detail: `dist/ is older than ${changed.join(', ')}/ → run: npm run build`,
    };
  return {
    status: 'ok',
    name: 'built bundles',
    detail: `dist/: Apps Script, CLI and ${FUNCTIONS.length} Lambdas, newer than the sources`,
  };
}

export function roundCheck(lookup: RoundLookup | undefined): { check: Check; loaded?: LoadedRound } {
  try {
    const loaded = loadRound(lookup);
    return {
      loaded,
      check: {
        status: 'ok',
        name: 'round file',
        detail: `${loaded.round.id}, ${loaded.round.workingGroups.length} working groups — ${loaded.source}`,
      },
    };
  } catch (e) {
    if (!(e instanceof RoundFileError)) throw e;
    return {
      check: {
        status: 'FAIL',
        name: 'round file',
        detail: `${e.file}: ${e.lines.join('; ')} → fix the file (README "Your own round"), or rewrite it: cocreate init --force`,
      },
    };
  }
}

export async function fetchWithin(url: string, ms: number, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
}

export const why = (e: unknown) => {
  const err = e as Error & { cause?: { code?: string } };
  return err.cause?.code ?? (err.name === 'TimeoutError' ? 'timeout' : err.message);
};

/** The secret this side signs with: COCREATE_SIGNING_SECRET (what Apps Script has), else the state folder's. */
export function clientSecret(opts: DoctorOptions): { secret?: string; source: string } {
  const env = opts.env ?? process.env;
  if (env.COCREATE_SIGNING_SECRET)
    return { secret: env.COCREATE_SIGNING_SECRET, source: 'COCREATE_SIGNING_SECRET' };
  const file = join(opts.stateDir, 'signing-secret');
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), source: file };
  return { source: 'none' };
}

export async function apiChecks(apiUrl: string, opts: DoctorOptions, fix: string): Promise<Check[]> {
  const ms = opts.timeoutMs ?? 5000;
  try {
    const res = await fetchWithin(`${apiUrl}/v1/health`, ms);
    if (!res.ok)
      return [
        { status: 'FAIL', name: 'API', detail: `${apiUrl}/v1/health answered ${res.status} → ${fix}` },
        { status: 'skip', name: 'signed request', detail: 'the API is not healthy' },
      ];
  } catch (e) {
    return [
      { status: 'FAIL', name: 'API', detail: `no answer from ${apiUrl} (${why(e)}) → ${fix}` },
      { status: 'skip', name: 'signed request', detail: 'the API is not reachable' },
    ];
  }
  const api: Check = { status: 'ok', name: 'API', detail: `${apiUrl}/v1/health answers` };
  const { secret, source } = clientSecret(opts);
  if (!secret)
    return [
      api,
      {
        status: 'skip',
        name: 'signed request',
        detail: 'no secret to sign with → set COCREATE_SIGNING_SECRET to the value in Script Properties',
      },
    ];
  // An empty batch of review edits: authenticated first, then refused or answered; it changes nothing.
  let status: number;
  try {
    status = (await signedPost(apiUrl, '/v1/reviews', secret, { requestId: randomUUID(), edits: [] })).status;
  } catch (e) {
    return [api, { status: 'FAIL', name: 'signed request', detail: `POST /v1/reviews failed (${why(e)})` }];
  }
  if (status === 401 || status === 403)
    return [
      api,
      {
        status: 'FAIL',
        name: 'signed request',
        detail: `refused (${status}): the secret from ${source} does not match the API's → put the same value in the API's secret (SSM ${opts.stage ? `/ogp-cocreate/${opts.stage}/signing-secret` : `or ${join(opts.stateDir, 'signing-secret')}`}) and in Script Properties COCREATE_SIGNING_SECRET`,
      },
    ];
  const short =
    secret.length < MIN_SECRET_LENGTH
      ? ` (but shorter than ${MIN_SECRET_LENGTH}: Apps Script refuses it)`
      : '';
  return [
    api,
    {
      status: short ? 'FAIL' : 'ok',
      name: 'signed request',
      detail: `accepted (${status}) with the secret from ${source}: both sides match${short}`,
    },
  ];
}

export function scriptProperties(
  apiUrl: string | undefined,
  secretWhere: string,
  round?: LoadedRound,
): Check {
  const props = [
    `COCREATE_API_URL=${apiUrl ?? '<the API URL>'}`,
    `COCREATE_SIGNING_SECRET=<${secretWhere}>`,
    round?.file
      ? `COCREATE_ROUND_CONFIG=${scriptPropertyValue(round.round)}`
      : 'COCREATE_ROUND_CONFIG not needed (sample round)',
  ];
  return {
    status: 'info',
    name: 'Apps Script properties',
    detail: `set in Project Settings > Script Properties, then run setup: ${props.join('  ')}`,
  };
}

export function recipientsCheck(
  round: RoundConfig | undefined,
  from: string | undefined,
  to: string[],
): Check | undefined {
  const bad = [from ?? '', ...to].filter((a) => a && !EMAIL_ADDRESS.test(a));
  if (bad.length)
    return { status: 'FAIL', name: 'digest addresses', detail: `not email addresses: ${bad.join(', ')}` };
  if (!to.length && !round?.digestRecipients?.length)
    return {
      status: 'FAIL',
      name: 'digest addresses',
      detail: 'no digest recipients → add digestRecipients to the round file, or pass --param digestTo=...',
    };
  return undefined;
}
