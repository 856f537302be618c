// `cocreate deploy`: packages (and, unless --dry-run, deploys) the stack with osls, with the stage's settings
// (cocreate.stage.<name>.json) as params, after explaining how to set and rotate the secrets in SSM.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { progressSteps } from '../progress';
import { type LoadedRound, roundConfigValue, scriptPropertyValue } from '../round/round-file';
import {
  DEFAULT_REGION,
  deployParams,
  missingSettings,
  readStageSettings,
  type StageSettings,
} from '../stage-settings';

export interface DeployOptions {
  root: string;
  stage: string;
  region: string;
  /** AWS CLI profile for a real deploy (a dry run touches no account). */
  profile?: string;
  dryRun: boolean;
  /** `name=value` from --param: override the stage's settings for this run only. */
  params: string[];
  settings: StageSettings;
  packageDir?: string;
  /** The round the functions run with (cocreate.round.json); absent or without a file: the sample round. */
  round?: LoadedRound;
}

/** The stage's settings as params, then --param values replacing those of the same name. */
export function mergedParams(settings: StageSettings, overrides: string[]): string[] {
  const byName = new Map<string, string>();
  for (const p of [...deployParams(settings), ...overrides]) {
    const at = p.indexOf('=');
    byName.set(at < 0 ? p : p.slice(0, at), p);
  }
  return [...byName.values()];
}

/** Param names serverless.yml itself sets for the stage (`params: <stage>: name: value`, two-space YAML). */
export function serverlessYmlParams(yml: string, stage: string): Set<string> {
  const names = new Set<string>();
  let inParams = false;
  let inStage = false;
  for (const line of yml.split('\n')) {
    if (/^\S/.test(line)) inParams = line.startsWith('params:');
    else if (inParams && /^ {2}\S/.test(line)) inStage = line.trim() === `${stage}:`;
    else if (inParams && inStage) {
      const name = /^ {4}([A-Za-z]\w*):/.exec(line)?.[1];
      if (name) names.add(name);
    }
  }
  return names;
}

export function secretInstructions(stage: string, region = 'ap-southeast-3'): string {
  const p = `/ogp-cocreate/${stage}`;
  return `Rahasia / Secrets (SSM Parameter Store, SecureString) for stage "${stage}":

  1. Kunci penandatanganan / signing secret (shared with Apps Script):
       SECRET=$(openssl rand -hex 32)
       aws ssm put-parameter --region ${region} --type SecureString --name ${p}/signing-secret --value "$SECRET" --overwrite
     In Apps Script: Project Settings > Script Properties > COCREATE_SIGNING_SECRET = the same value,
     then run "setup" from the OGP Cocreate menu.
  2. Akun layanan Google / Google service-account key (reconcile reads the sheet and the form):
       aws ssm put-parameter --region ${region} --type SecureString --name ${p}/google-service-account --value file://key.json --overwrite
     Share the review spreadsheet (Viewer is not enough: Editor, for sync notes) and the form with its client_email.

  Rotasi / Rotation, without dropping a submission:
     a. copy the current value to ${p}/signing-secret-previous (the API accepts both);
     b. put the new value in ${p}/signing-secret; Lambdas pick it up within 5 minutes;
     c. update COCREATE_SIGNING_SECRET in Script Properties (queued outbox entries are re-signed on retry);
     d. after a day, delete ${p}/signing-secret-previous.
`;
}

/** AWS allows 4 KB of environment per function; the round must leave room for the rest. */
const MAX_ROUND_ENV_BYTES = 3000;

/**
 * What deploy does with the round: COCREATE_ROUND_CONFIG for every function, the Script Property to print
 * for Apps Script, and the round's digestRecipients as digestTo when neither the stage nor --param sets it.
 */
export function roundDeployment(
  loaded: LoadedRound | undefined,
  params: readonly string[],
): { env: Record<string, string>; params: string[]; fromFile: string[]; text: string; error?: string } {
  if (!loaded?.file)
    return {
      env: {},
      params: [...params],
      fromFile: [],
      text: 'Putaran / Round: tidak ada berkas putaran; Lambda dan Apps Script memakai putaran contoh / no round file: Lambda and Apps Script use the sample round (`cocreate init` writes your own).\n',
    };
  const value = roundConfigValue(loaded.round);
  const bytes = Buffer.byteLength(value);
  const fromFile =
    loaded.round.digestRecipients?.length && !params.some((p) => p.startsWith('digestTo='))
      ? [`digestTo=${loaded.round.digestRecipients.join(',')}`]
      : [];
  return {
    env: { COCREATE_ROUND_CONFIG: value },
    params: [...params, ...fromFile],
    fromFile,
    text: `Putaran / Round: ${loaded.round.id} dari / from ${loaded.source}
  Lambda: COCREATE_ROUND_CONFIG (${bytes} bytes) in every function's environment.
  Apps Script: Project Settings > Script Properties > COCREATE_ROUND_CONFIG =
${scriptPropertyValue(loaded.round)}
  then run "setup" again so the form's working-group choices follow the round.
`,
    ...(bytes > MAX_ROUND_ENV_BYTES
      ? {
          error: `Berkas putaran terlalu besar untuk lingkungan Lambda / the round is too large for the Lambda environment: ${bytes} bytes (max ${MAX_ROUND_ENV_BYTES}); shorten names or drop working-group contacts.`,
        }
      : {}),
  };
}

export function runDeploy(
  opts: DeployOptions,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): number {
  // Numbered step lines on stdout (osls prints its own progress under the last one).
  const steps = progressSteps(4, out);
  steps.step(`Pengaturan stage / stage settings (${opts.stage})`);
  const round = roundDeployment(opts.round, mergedParams(opts.settings, opts.params));
  const params = round.params;
  const named = new Set([
    ...params.map((p) => p.slice(0, p.indexOf('='))),
    ...serverlessYmlParams(readFileSync(join(opts.root, 'serverless.yml'), 'utf8'), opts.stage),
  ]);
  const missing = missingSettings(opts.settings);
  const required = missing.required.filter((k) => !named.has(k));
  if (required.length) {
    err.write(
      `Belum diatur untuk stage ${opts.stage} / not set for stage ${opts.stage}: ${required.join(', ')}\n` +
        `  npx cocreate stage --stage ${opts.stage} ${required.map((k) => `--set ${k}=...`).join(' ')}\n` +
        '  (lalu ulangi / then run deploy again; docs/deploy.md step 2)\n',
    );
    return 2;
  }
  steps.step('Rahasia / secrets');
  out.write(secretInstructions(opts.stage, opts.region));
  steps.step('Putaran / round');
  out.write(round.text);
  if (round.error) {
    err.write(`${round.error}\n`);
    return 1;
  }
  const later = missing.later.filter((k) => !named.has(k));
  if (later.length)
    out.write(
      `\nBelum ada / not set yet: ${later.join(', ')}. Reconcile says "not configured yet" until the Apps Script\n` +
        `setup has printed them: npx cocreate stage --stage ${opts.stage} --set reviewSpreadsheetId=... --set formId=...,\n` +
        'then deploy again (docs/deploy.md steps 7-9).\n',
    );
  const osls = join(opts.root, 'node_modules', 'osls', 'bin', 'serverless.js');
  const args = [
    osls,
    opts.dryRun ? 'package' : 'deploy',
    '--stage',
    opts.stage,
    '--region',
    opts.region,
    ...(opts.profile && !opts.dryRun ? ['--aws-profile', opts.profile] : []),
    ...(opts.packageDir && opts.dryRun ? ['--package', opts.packageDir] : []),
    ...params.map((p) => `--param=${p}`),
  ];
  steps.step(
    opts.dryRun
      ? 'osls package: bundel dari dist/ / bundles from dist/ (npm run build)'
      : 'osls deploy: bundel dari dist/ / bundles from dist/ (npm run build)',
  );
  out.write(
    `${opts.dryRun ? 'Mengemas (tanpa deploy) / Packaging (no deploy)' : 'Deploy'}: osls ${args
      .slice(1)
      // Addresses from the round file stay out of the terminal (and CI logs).
      .map((a) =>
        round.fromFile.some((p) => a === `--param=${p}`) ? a.replace(/=[^=]*$/, '=<cocreate.round.json>') : a,
      )
      .join(' ')}\n`,
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    ...round.env,
  };
  // Packaging reads no account: a profile that exists only on the deployer's machine must not matter.
  if (opts.dryRun) delete env.AWS_PROFILE;
  const res = spawnSync(process.execPath, args, {
    cwd: opts.root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env,
  });
  return res.status ?? 1;
}

export const deployCommand: Command = {
  name: 'deploy',
  help: `  deploy --stage NAME [--dry-run] [--param k=v ...]
                       Jelaskan rahasia lalu deploy dengan osls (--dry-run: hanya mengemas).
                       Explain the secrets (how to set and rotate them), then deploy with osls
                       (--dry-run packages the CloudFormation template only, offline). Reads the
                       stage's settings (cocreate stage); --param k=v overrides one for this run.
`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        stage: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        param: { type: 'string', multiple: true, default: [] },
        package: { type: 'string' },
      },
    });
    if (!values.stage) {
      process.stderr.write('--stage wajib / --stage is required (e.g. --stage prod)\n');
      return 2;
    }
    return runDeploy({
      root: ctx.root,
      stage: values.stage,
      dryRun: values['dry-run'] === true,
      params: values.param ?? [],
      settings: ctx.stage?.settings ?? readStageSettings(ctx.stageDir(), values.stage),
      region: ctx.stage?.region ?? DEFAULT_REGION,
      ...(ctx.stage?.profile ? { profile: ctx.stage.profile } : {}),
      ...(values.package ? { packageDir: values.package } : {}),
      round: ctx.round,
    });
  },
};
