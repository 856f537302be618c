// `cocreate doctor`: one line per check of the setup, each saying what to do when it fails; exits 1 when
// something is wrong. Against the running embedded stack, or (--stage) what can be read offline of a stage.
import { createPrivateKey, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MIN_SECRET_LENGTH } from '../../../apps-script/src/config';
import { parseServiceAccountKey } from '../../../lambdas/adapters/google/google-auth';
import type { RoundConfig } from '../../../shared/definitions/round';
import { FUNCTIONS } from '../../../shared/definitions/routes';
import { EMAIL_ADDRESS } from '../../../shared/platform/email';
import { listEmails } from '../../local-stack/mail-inbox';
import { readStackInfo } from '../../local-stack/stack-file';
import type { Command } from '../command';
import {
  type LoadedRound,
  loadRound,
  RoundFileError,
  type RoundLookup,
  scriptPropertyValue,
} from '../round-file';
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

export async function runDoctor(
  opts: DoctorOptions,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  const checks: Check[] = [];
  const report = (c: Check) => {
    checks.push(c);
    out.write(`${formatCheck(c)}\n`);
  };
  out.write(
    opts.stage
      ? `cocreate doctor --stage ${opts.stage} (offline: what the package and settings tell; AWS and Google are not reached)\n`
      : `cocreate doctor: embedded stack (state ${opts.stateDir})\n`,
  );
  report(nodeCheck());
  report(bundlesCheck(opts.root));
  const round = roundCheck(opts.round);
  report(round.check);
  const run = opts.stage ? stageChecks : localChecks;
  for await (const c of run(opts, round.loaded)) report(c);
  const failed = checks.filter((c) => c.status === 'FAIL');
  out.write(
    failed.length
      ? `\n${failed.length} pemeriksaan gagal / check(s) failed: ${failed.map((c) => c.name).join(', ')}\n`
      : '\nSemua pemeriksaan lulus / all checks passed (skip: cannot be checked here, see its line)\n',
  );
  return failed.length ? 1 : 0;
}

function nodeCheck(): Check {
  const major = Number(process.versions.node.split('.')[0]);
  return major >= MIN_NODE
    ? { status: 'ok', name: 'Node.js', detail: `${process.versions.node} (perlu/needs >= ${MIN_NODE})` }
    : {
        status: 'FAIL',
        name: 'Node.js',
        detail: `${process.versions.node} is older than ${MIN_NODE} → install Node.js ${MIN_NODE} or later (the Lambdas run on 22)`,
      };
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    newest = Math.max(newest, d.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function bundlesCheck(root: string): Check {
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

function roundCheck(lookup: RoundLookup | undefined): { check: Check; loaded?: LoadedRound } {
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

async function fetchWithin(url: string, ms: number, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(ms) });
}

const why = (e: unknown) => {
  const err = e as Error & { cause?: { code?: string } };
  return err.cause?.code ?? (err.name === 'TimeoutError' ? 'timeout' : err.message);
};

/** The secret this side signs with: COCREATE_SIGNING_SECRET (what Apps Script has), else the state folder's. */
function clientSecret(opts: DoctorOptions): { secret?: string; source: string } {
  const env = opts.env ?? process.env;
  if (env.COCREATE_SIGNING_SECRET)
    return { secret: env.COCREATE_SIGNING_SECRET, source: 'COCREATE_SIGNING_SECRET' };
  const file = join(opts.stateDir, 'signing-secret');
  if (existsSync(file)) return { secret: readFileSync(file, 'utf8').trim(), source: file };
  return { source: 'none' };
}

async function apiChecks(apiUrl: string, opts: DoctorOptions, fix: string): Promise<Check[]> {
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

function scriptProperties(apiUrl: string | undefined, secretWhere: string, round?: LoadedRound): Check {
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

function recipientsCheck(
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

async function* localChecks(opts: DoctorOptions, round?: LoadedRound): AsyncGenerator<Check> {
  const running = readStackInfo(opts.stateDir);
  if (!running) {
    const file = join(opts.stateDir, 'stack.json');
    yield {
      status: 'FAIL',
      name: 'API',
      detail: `${existsSync(file) ? `the stack recorded in ${file} is not running (its process is gone)` : `no running stack recorded in ${file}`} → start one in another terminal: cocreate dev (or npm start)`,
    };
    yield { status: 'skip', name: 'signed request', detail: 'no running stack' };
    yield { status: 'skip', name: 'mail', detail: 'no running stack' };
  } else {
    yield* await apiChecks(running.apiUrl, opts, 'restart it: cocreate dev');
    try {
      const emails = await listEmails(running.mailUrl);
      yield {
        status: 'ok',
        name: 'mail',
        detail: `local SES sink ${running.mailUrl}/ answers (${emails.length} emails); on AWS the sender's SES identity must be verified`,
      };
    } catch (e) {
      yield {
        status: 'FAIL',
        name: 'mail',
        detail: `local SES sink ${running.mailUrl} does not answer (${why(e)}) → restart: cocreate dev`,
      };
    }
  }
  const recipients = recipientsCheck(
    round?.round,
    undefined,
    round?.round.digestRecipients ?? ['sekretariat@cocreate.example'],
  );
  if (recipients) yield recipients;
  yield {
    status: 'skip',
    name: 'Google (reconcile)',
    detail:
      'the embedded stack has no Google: reconcile runs against the local fake in tests; for a stage run: cocreate doctor --stage NAME',
  };
  yield scriptProperties(running?.apiUrl, `the value of ${join(opts.stateDir, 'signing-secret')}`, round);
}

interface PackagedFunction {
  name: string;
  env: Record<string, string>;
}

/** The functions osls packaged for this stage, with their environment; undefined when there is no package. */
function packagedStage(dir: string, stage: string): { functions: PackagedFunction[]; why?: string } {
  const state = join(dir, 'serverless-state.json');
  const template = join(dir, 'cloudformation-template-update-stack.json');
  if (!existsSync(template)) return { functions: [], why: `no package in ${dir}` };
  try {
    const packagedFor = existsSync(state)
      ? (JSON.parse(readFileSync(state, 'utf8')) as { service?: { provider?: { stage?: string } } }).service
          ?.provider?.stage
      : undefined;
    if (packagedFor && packagedFor !== stage)
      return { functions: [], why: `the package in ${dir} is for stage ${packagedFor}` };
    const t = JSON.parse(readFileSync(template, 'utf8')) as {
      Resources: Record<
        string,
        {
          Type: string;
          Properties?: { FunctionName?: string; Environment?: { Variables?: Record<string, string> } };
        }
      >;
    };
    const functions = Object.values(t.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => ({
        name: r.Properties?.FunctionName ?? '?',
        env: r.Properties?.Environment?.Variables ?? {},
      }));
    return { functions };
  } catch (e) {
    return { functions: [], why: `cannot read the package in ${dir}: ${(e as Error).message}` };
  }
}

async function* stageChecks(opts: DoctorOptions, round?: LoadedRound): AsyncGenerator<Check> {
  const stage = opts.stage as string;
  const env = opts.env ?? process.env;
  const dir = opts.packageDir ?? join(opts.root, '.serverless');
  const pkg = packagedStage(dir, stage);
  const packageFix = `run: cocreate deploy --stage ${stage} --dry-run (it packages offline)`;
  if (pkg.why) yield { status: 'FAIL', name: 'stage package', detail: `${pkg.why} → ${packageFix}` };
  else
    yield {
      status: 'ok',
      name: 'stage package',
      detail: `${pkg.functions.length} functions packaged for ${stage} in ${dir}`,
    };
  const envOf = (name: string) => pkg.functions.find((f) => f.env[name] !== undefined)?.env[name];

  if (!pkg.why && round) {
    const packaged = envOf('COCREATE_ROUND_CONFIG');
    const wanted = round.file ? JSON.stringify(round.round) : undefined;
    if (packaged === wanted)
      yield { status: 'ok', name: 'stage round', detail: `the package runs round ${round.round.id}` };
    else
      yield {
        status: 'FAIL',
        name: 'stage round',
        detail: `the package runs ${packaged ? `round ${(JSON.parse(packaged) as RoundConfig).id} (another version)` : 'the sample round'}, the round file says ${round.round.id} → ${packageFix}, then deploy`,
      };
  }

  const apiUrl = env.COCREATE_API_URL?.replace(/\/+$/, '');
  if (!apiUrl) {
    yield {
      status: 'skip',
      name: 'API',
      detail: `the API URL is known only to AWS → set COCREATE_API_URL=https://... (osls info --stage ${stage} prints it) to check it`,
    };
    yield {
      status: 'skip',
      name: 'signed request',
      detail: 'needs the API URL and COCREATE_SIGNING_SECRET (the value in SSM and in Script Properties)',
    };
  } else {
    yield* await apiChecks(
      apiUrl,
      opts,
      'check the URL; this machine may have no network (then check where it has)',
    );
  }

  const from = envOf('DIGEST_FROM');
  const to = (envOf('DIGEST_TO') ?? '').split(',').filter(Boolean);
  const recipients = recipientsCheck(round?.round, from, to);
  if (!pkg.why)
    yield recipients ?? {
      status: 'ok',
      name: 'digest addresses',
      detail: `from ${from} to ${to.length} recipient(s)`,
    };
  const domain = from?.split('@').pop();
  yield {
    status: 'skip',
    name: 'mail identity',
    detail: `cannot check SES offline: the identity ${domain ?? '<digestFrom domain>'} must be verified (and out of the sandbox, or every recipient verified) → aws sesv2 get-email-identity --email-identity ${domain ?? 'DOMAIN'}`,
  };

  const sheet = envOf('REVIEW_SPREADSHEET_ID');
  const form = envOf('FORM_ID');
  if (!pkg.why) {
    const missing = [!sheet && 'reviewSpreadsheetId', !form && 'formId'].filter(Boolean);
    yield missing.length
      ? {
          status: 'FAIL',
          name: 'reconcile ids',
          detail: `${missing.join(' and ')} not set → setup in Apps Script stores them as COCREATE_SPREADSHEET_ID / COCREATE_FORM_ID; pass --param="reviewSpreadsheetId=..." --param="formId=..." to deploy`,
        }
      : { status: 'ok', name: 'reconcile ids', detail: `spreadsheet ${sheet}, form ${form}` };
  }
  const keyFile = env.COCREATE_GOOGLE_KEY_FILE;
  const keyParam = `/ogp-cocreate/${stage}/google-service-account`;
  if (!keyFile) {
    yield {
      status: 'skip',
      name: 'Google service account',
      detail: `cannot read SSM ${keyParam} offline → set COCREATE_GOOGLE_KEY_FILE=key.json to check the key; share the sheet (Editor) and the form with its client_email`,
    };
  } else {
    try {
      const key = parseServiceAccountKey(readFileSync(keyFile, 'utf8'));
      createPrivateKey(key.private_key);
      yield {
        status: 'ok',
        name: 'Google service account',
        detail: `${keyFile}: ${key.client_email}, private key readable; share the sheet (Editor) and the form with it; put it in SSM ${keyParam}`,
      };
    } catch (e) {
      yield {
        status: 'FAIL',
        name: 'Google service account',
        detail: `${keyFile}: ${(e as Error).message} → download a new JSON key of the service account (Google Cloud console > IAM > Service accounts > Keys)`,
      };
    }
  }
  yield scriptProperties(apiUrl, `the value of SSM /ogp-cocreate/${stage}/signing-secret`, round);
}

export const doctorCommand: Command = {
  name: 'doctor',
  help: `  doctor [--stage NAME] [--package DIR]
                       Periksa penyiapan, satu baris per pemeriksaan dengan langkah perbaikannya.
                       Check the setup, one line per check with what to do when it fails: Node, the
                       built bundles, the round file, the API, a signed request, mail, Google, the Script
                       Properties. --stage reads the stage's package offline. Exit 1 when something fails.
`,
  ownRoundFile: true,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: { stage: { type: 'string' }, package: { type: 'string' } },
    });
    return runDoctor({
      root: ctx.root,
      stateDir: ctx.stateDir(),
      ...(values.stage ? { stage: values.stage } : {}),
      ...(values.package ? { packageDir: values.package } : {}),
      ...(ctx.roundFlag !== undefined ? { round: { flag: ctx.roundFlag } } : {}),
    });
  },
};
