// `cocreate doctor` through the built CLI, against a real `cocreate dev` stack and a packaged stage.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FUNCTIONS } from '../../shared/definitions/routes';
import { CLI, type DevStack, startDevStack } from '../support/dev-stack';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'cocreate-doctor-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function doctor(args: string[], env: Record<string, string>) {
  const full: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const k of [
    'COCREATE_SIGNING_SECRET',
    'COCREATE_ROUND_FILE',
    'COCREATE_API_URL',
    'COCREATE_GOOGLE_KEY_FILE',
    'COCREATE_STAGE_DIR',
  ])
    if (!(k in env)) delete full[k];
  try {
    const { stdout } = await run(process.execPath, [CLI, 'doctor', ...args], {
      env: full,
      cwd: scratch,
      timeout: 120_000,
    });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, stdout: err.stdout };
  }
}

/** The line of one check: status, then its name. */
const line = (stdout: string, name: string) =>
  stdout.split('\n').find((l) => new RegExp(`^\\S+\\s+${name}\\s{2,}`).test(l)) ?? `(no "${name}" line)`;

describe('cocreate doctor against the embedded stack', () => {
  let stack: DevStack;
  beforeAll(async () => {
    stack = await startDevStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('passes against a running `cocreate dev`: every check ok, skipped or informational', async () => {
    const res = await doctor([], { COCREATE_STATE_DIR: stack.stateDir });
    expect(res.code).toBe(0);
    for (const name of ['Node.js', 'built bundles', 'round file', 'API', 'signed request', 'mail'])
      expect(line(res.stdout, name)).toMatch(/^ok /);
    expect(line(res.stdout, 'Google \\(reconcile\\)')).toMatch(/^skip /);
    expect(line(res.stdout, 'Apps Script properties')).toContain(`COCREATE_API_URL=${stack.apiUrl}`);
    expect(res.stdout).not.toContain(stack.signingSecret);
  });

  it('fails with a clear line when the secret does not match the API', async () => {
    const res = await doctor([], {
      COCREATE_STATE_DIR: stack.stateDir,
      COCREATE_SIGNING_SECRET: 'a-different-secret-of-at-least-32-characters',
    });
    expect(res.code).toBe(1);
    expect(line(res.stdout, 'API')).toMatch(/^ok /);
    expect(line(res.stdout, 'signed request')).toMatch(
      /^FAIL +signed request +refused \(401\): the secret from COCREATE_SIGNING_SECRET does not match the API's → /,
    );
  });

  it('fails with a clear line once the stack has stopped', async () => {
    const stateDir = stack.stateDir;
    // Keep the folder: stop() removes it, so stop the process only.
    const exited = new Promise((r) => stack.child.once('exit', r));
    stack.child.kill('SIGTERM');
    await exited;
    const res = await doctor([], { COCREATE_STATE_DIR: stateDir });
    expect(res.code).toBe(1);
    expect(line(res.stdout, 'API')).toMatch(
      /^FAIL +API +no running stack recorded in .*stack\.json → start one .*cocreate dev/,
    );
    expect(res.stdout).toMatch(/check\(s\) failed: API/);
  });
});

describe('cocreate doctor --stage', () => {
  it('reads the packaged stage offline and says what it cannot check without AWS', async () => {
    const pkg = join(scratch, 'package');
    const env = { COCREATE_STATE_DIR: join(scratch, 'state') };
    const none = await doctor(['--stage', 'test', '--package', pkg], env);
    expect(none.code).toBe(1);
    expect(line(none.stdout, 'stage package')).toMatch(
      /^FAIL .*no package in .* → run: cocreate deploy --stage test --dry-run/,
    );

    await run(process.execPath, [CLI, 'deploy', '--stage', 'test', '--dry-run', '--package', pkg], {
      env: { ...process.env, ...env },
      cwd: scratch,
      timeout: 120_000,
    });
    const res = await doctor(['--stage', 'test', '--package', pkg], env);
    expect(line(res.stdout, 'stage package')).toMatch(
      new RegExp(`^ok +stage package +${FUNCTIONS.length} functions packaged for test`),
    );
    expect(line(res.stdout, 'stage round')).toMatch(/^ok .*ogi-2023-2024/);
    expect(line(res.stdout, 'digest addresses')).toMatch(/^ok .*from sekretariat@example\.org/);
    expect(line(res.stdout, 'API')).toMatch(/^skip .*known only to AWS → set COCREATE_API_URL/);
    expect(line(res.stdout, 'mail identity')).toMatch(
      /^skip +mail identity +cannot check SES offline: .*example\.org/,
    );
    expect(line(res.stdout, 'Google service account')).toMatch(
      /^skip .*cannot read SSM \/ogp-cocreate\/test\/google-service-account offline/,
    );
    // The test stage sets no spreadsheet or form: reconcile could not run.
    expect(line(res.stdout, 'reconcile ids')).toMatch(/^FAIL .*reviewSpreadsheetId and formId not set/);
    expect(res.code).toBe(1);

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = join(scratch, 'key.json');
    const sa = 'doctor@cocreate-test.iam.gserviceaccount.com';
    writeFileSync(
      key,
      JSON.stringify({
        type: 'service_account',
        client_email: sa,
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
      }),
    );
    const withKey = await doctor(['--stage', 'test', '--package', pkg], {
      ...env,
      COCREATE_GOOGLE_KEY_FILE: key,
    });
    expect(line(withKey.stdout, 'Google service account')).toMatch(
      new RegExp(`^ok .*${sa}, private key readable`),
    );
    writeFileSync(
      key,
      JSON.stringify({ type: 'service_account', client_email: sa, private_key: 'not a key' }),
    );
    const badKey = await doctor(['--stage', 'test', '--package', pkg], {
      ...env,
      COCREATE_GOOGLE_KEY_FILE: key,
    });
    expect(line(badKey.stdout, 'Google service account')).toMatch(
      /^FAIL .*key\.json: .* → download a new JSON key/,
    );
  });

  it("reads the stage's settings file and gives the exact `cocreate stage --set` line for what is missing", async () => {
    const home = join(scratch, 'settings');
    mkdirSync(home);
    const env = { COCREATE_STATE_DIR: join(scratch, 'state'), COCREATE_STAGE_DIR: home };
    const file = join(home, 'cocreate.stage.pilot.json');
    // No settings yet (and serverless.yml sets nothing for "pilot"): recipients and ids are all missing.
    const none = await doctor(['--stage', 'pilot', '--package', join(scratch, 'none')], env);
    expect(none.code).toBe(1);
    expect(line(none.stdout, 'stage settings')).toBe(
      `FAIL  stage settings           ${file} (not written yet): digestFrom, digestTo not set (deploy refuses to run) → npx cocreate stage --stage pilot --set digestFrom=... --set digestTo=...`,
    );
    expect(line(none.stdout, 'stage ids')).toMatch(
      /^FAIL +stage ids +reviewSpreadsheetId, formId not set .*→ after setup in Apps Script prints them: npx cocreate stage --stage pilot --set reviewSpreadsheetId=\.\.\. --set formId=\.\.\., then cocreate deploy --stage pilot$/,
    );

    // Recipients set, ids still missing: only the ids line fails, naming only what is missing.
    const stage = (...set: string[]) =>
      run(process.execPath, [CLI, 'stage', '--stage', 'pilot', ...set.flatMap((s) => ['--set', s])], {
        env: { ...process.env, ...env },
        cwd: scratch,
      });
    await stage('digestFrom=sekretariat@example.org', 'digestTo=wg-a@example.org,wg-b@example.org');
    await stage('formId=1FAIpQLSf_illustrative_form_id_0123');
    const some = await doctor(['--stage', 'pilot', '--package', join(scratch, 'none')], env);
    expect(line(some.stdout, 'stage settings')).toBe(
      `ok    stage settings           ${file}: digest from sekretariat@example.org to 2 recipient(s)`,
    );
    expect(line(some.stdout, 'stage ids')).toMatch(
      /^FAIL +stage ids +reviewSpreadsheetId not set .*: npx cocreate stage --stage pilot --set reviewSpreadsheetId=\.\.\., then/,
    );

    await stage('reviewSpreadsheetId=1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms');
    const all = await doctor(['--stage', 'pilot', '--package', join(scratch, 'none')], env);
    expect(line(all.stdout, 'stage ids')).toBe(
      'ok    stage ids                spreadsheet 1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms, form 1FAIpQLSf_illustrative_form_id_0123',
    );
  });
});
