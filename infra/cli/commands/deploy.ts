// `cocreate deploy`: packages (and, unless --dry-run, deploys) the stack with osls, after explaining how
// to set and rotate the secrets the functions read from SSM Parameter Store.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';

export interface DeployOptions {
  root: string;
  stage: string;
  region?: string;
  dryRun: boolean;
  params: string[];
  packageDir?: string;
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

export function runDeploy(opts: DeployOptions, out: NodeJS.WritableStream = process.stdout): number {
  out.write(secretInstructions(opts.stage, opts.region));
  const osls = join(opts.root, 'node_modules', 'osls', 'bin', 'serverless.js');
  const args = [
    osls,
    opts.dryRun ? 'package' : 'deploy',
    '--stage',
    opts.stage,
    ...(opts.region ? ['--region', opts.region] : []),
    ...(opts.packageDir && opts.dryRun ? ['--package', opts.packageDir] : []),
    ...opts.params.map((p) => `--param=${p}`),
  ];
  out.write(
    `\n${opts.dryRun ? 'Mengemas (tanpa deploy) / Packaging (no deploy)' : 'Deploy'}: osls ${args.slice(1).join(' ')}\n`,
  );
  const res = spawnSync(process.execPath, args, {
    cwd: opts.root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off' },
  });
  return res.status ?? 1;
}

export const deployCommand: Command = {
  name: 'deploy',
  help: `  deploy --stage NAME [--region R] [--dry-run] [--param k=v ...]
                       Jelaskan rahasia lalu deploy dengan osls (--dry-run: hanya mengemas).
                       Explain the secrets (how to set and rotate them), then deploy with osls
                       (--dry-run packages the CloudFormation template only, offline).
`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        stage: { type: 'string' },
        region: { type: 'string' },
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
      ...(values.region ? { region: values.region } : {}),
      ...(values.package ? { packageDir: values.package } : {}),
    });
  },
};
