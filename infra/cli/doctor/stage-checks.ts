// `cocreate doctor --stage NAME`, offline: what the stage's osls package and settings say, and what only AWS or Google could tell.
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseServiceAccountKey } from '../../../lambdas/adapters/google/google-auth';
import type { RoundConfig } from '../../../shared/definitions/round';
import { serverlessYmlParams } from '../commands/deploy';
import type { LoadedRound } from '../round/round-file';
import { missingSettings, readStageSettings, type StageSettings, stageSettingsFile } from '../stage-settings';
import { apiChecks, type Check, type DoctorOptions, recipientsCheck, scriptProperties } from './checks';

interface PackagedFunction {
  name: string;
  env: Record<string, string>;
}

/** The functions osls packaged for this stage, with their environment; undefined when there is no package. */
export function packagedStage(dir: string, stage: string): { functions: PackagedFunction[]; why?: string } {
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

/**
 * The stage's settings file (issue 18's `cocreate stage`): what deploy refuses to run without (digest sender
 * and recipients) and what reconcile waits for (spreadsheet and form ids), each with the line that sets it.
 * A value serverless.yml itself sets for the stage counts as set, as it does for deploy.
 */
export function stageSettingsChecks(stageDir: string, root: string, stage: string): Check[] {
  const file = stageSettingsFile(stageDir, stage);
  const set = (keys: readonly string[]) =>
    `npx cocreate stage --stage ${stage} ${keys.map((k) => `--set ${k}=...`).join(' ')}`;
  let settings: StageSettings;
  try {
    settings = readStageSettings(stageDir, stage);
  } catch (e) {
    return [
      {
        status: 'FAIL',
        name: 'stage settings',
        detail: `${(e as Error).message.replace(/\n\s*/g, '; ')} → fix the file, or set each key again: ${set(['KEY'])}`,
      },
    ];
  }
  const yml = join(root, 'serverless.yml');
  const fromYml = existsSync(yml) ? serverlessYmlParams(readFileSync(yml, 'utf8'), stage) : new Set<string>();
  const missing = missingSettings(settings);
  const required = missing.required.filter((k) => !fromYml.has(k));
  const later = missing.later.filter((k) => !fromYml.has(k));
  const where = existsSync(file) ? file : `${file} (not written yet)`;
  return [
    required.length
      ? {
          status: 'FAIL',
          name: 'stage settings',
          detail: `${where}: ${required.join(', ')} not set (deploy refuses to run) → ${set(required)}`,
        }
      : {
          status: 'ok',
          name: 'stage settings',
          detail: `${where}: digest from ${settings.digestFrom ?? 'serverless.yml'} to ${settings.digestTo?.length ?? 'the serverless.yml'} recipient(s)`,
        },
    later.length
      ? {
          status: 'FAIL',
          name: 'stage ids',
          detail: `${later.join(', ')} not set (reconcile says "not configured yet") → after setup in Apps Script prints them: ${set(later)}, then cocreate deploy --stage ${stage}`,
        }
      : {
          status: 'ok',
          name: 'stage ids',
          detail: `spreadsheet ${settings.reviewSpreadsheetId ?? '(serverless.yml)'}, form ${settings.formId ?? '(serverless.yml)'}`,
        },
  ];
}

export async function* stageChecks(opts: DoctorOptions, round?: LoadedRound): AsyncGenerator<Check> {
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
  yield* stageSettingsChecks(opts.stageDir ?? opts.root, opts.root, stage);
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
          detail: `${missing.join(' and ')} not set → the package was made without them → set them (see "stage ids"), then cocreate deploy --stage ${stage}`,
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
