// The built CLI's help for every command, the stage settings file and what `deploy` does without one.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { CLI } from '../support/dev-stack';

const home = mkdtempSync(join(tmpdir(), 'cocreate-cli-stage-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

async function cocreate(args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      cwd: home,
      timeout: 120_000,
      env: { ...process.env, COCREATE_STAGE_DIR: home, COCREATE_STATE_DIR: join(home, '.cocreate') },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('cocreate COMMAND --help', () => {
  it("answers for every command the main help lists, with that command's usage", async () => {
    const main = (await cocreate(['--help'])).stdout;
    const list = main.slice(main.indexOf('Perintah / Commands:'), main.indexOf('\nDengan --stage'));
    const commands = [...list.matchAll(/^ {2}([a-z][\w-]*)(?=\s|$)/gm)].map((m) => m[1] as string);
    expect(commands).toEqual(expect.arrayContaining(['demo', 'import', 'export', 'deploy', 'stage', 'form']));
    for (const command of commands) {
      const res = await cocreate([command, '--help']);
      expect([command, res.code]).toEqual([command, 0]);
      if (command === 'help') continue; // `cocreate help --help` is the main help itself
      expect(res.stdout.startsWith(`Penggunaan / Usage: cocreate ${command}`)).toBe(true);
    }
  }, 120_000);

  it("shows deploy's options, and the AWS options of every --stage command, without deploying", async () => {
    const help = await cocreate(['deploy', '--help']);
    expect(help.stdout).toContain('--dry-run');
    expect(help.stdout).toContain('--aws-profile P');
    expect(help.stdout).toContain('--region R');
    expect(help.stdout).not.toContain('Rahasia / Secrets');
    expect((await cocreate(['help', 'deploy'])).stdout).toBe(help.stdout);
    expect((await cocreate(['launch', '--help'])).code).toBe(2);
  });
});

describe('cocreate stage and deploy', () => {
  it('says which settings a deploy is missing, and how to set them, instead of packaging without them', async () => {
    const res = await cocreate(['deploy', '--stage', 'prod', '--dry-run', '--package', join(home, 'pkg')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('not set for stage prod: digestFrom, digestTo');
    expect(res.stderr).toContain('npx cocreate stage --stage prod --set digestFrom=... --set digestTo=...');
    expect(existsSync(join(home, 'pkg'))).toBe(false);
  });

  it('keeps the settings in cocreate.stage.NAME.json and refuses a bad value without changing the file', async () => {
    const set = await cocreate([
      'stage',
      '--stage',
      'prod',
      '--set',
      'digestFrom=sekretariat@example.org',
      '--set',
      'digestTo=a@example.org,b@example.org',
    ]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('digestTo = a@example.org,b@example.org');
    expect(set.stdout).toContain('reviewSpreadsheetId, formId (reconcile waits until then)');
    const file = join(home, 'cocreate.stage.prod.json');
    const before = readFileSync(file, 'utf8');
    const bad = await cocreate(['stage', '--stage', 'prod', '--set', 'digestTo=not-an-address']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not an email address');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(JSON.parse((await cocreate(['stage', '--stage', 'prod', '--json'])).stdout)).toEqual({
      digestFrom: 'sekretariat@example.org',
      digestTo: ['a@example.org', 'b@example.org'],
    });
  });

  it('refuses --aws-profile and --region without --stage', async () => {
    const res = await cocreate(['export', '--aws-profile', 'cocreate']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('only go with --stage NAME');
  });
});
