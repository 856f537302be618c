// Options every subcommand gets: --help, and the AWS profile and Region of a --stage command.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { stageAws, wantsHelp } from '../../../../infra/cli/global-options';

const dir = mkdtempSync(join(tmpdir(), 'cocreate-global-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('asking for help', () => {
  it('is --help or -h anywhere, but not after --', () => {
    expect(wantsHelp(['--stage', 'prod', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['--', '--help'])).toBe(false);
  });
});

describe('AWS options of a --stage command', () => {
  it('takes --aws-profile and --region out of the arguments, in both spellings, and keeps --stage', () => {
    expect(
      stageAws(['--stage', 'prod', '--aws-profile', 'p1', '--region=eu-west-1', '--out', 'x'], dir, {}),
    ).toEqual({
      args: ['--stage', 'prod', '--out', 'x'],
      stage: 'prod',
      settings: {},
      region: 'eu-west-1',
      profile: 'p1',
    });
  });

  it('falls back to the stage file, and to Jakarta', () => {
    writeFileSync(join(dir, 'cocreate.stage.dev.json'), JSON.stringify({ awsProfile: 'from-file' }));
    expect(stageAws(['--stage=dev'], dir, {})).toMatchObject({
      region: 'ap-southeast-3',
      profile: 'from-file',
    });
  });

  it('refuses them without --stage, and a flag without its value', () => {
    expect(() => stageAws(['--region', 'eu-west-1'], dir, {})).toThrow(/only go with --stage/);
    expect(() => stageAws(['--stage', 'prod', '--aws-profile'], dir, {})).toThrow(/needs a value/);
    expect(stageAws(['--json'], dir, {})).toEqual({ args: ['--json'], settings: {} });
  });
});
