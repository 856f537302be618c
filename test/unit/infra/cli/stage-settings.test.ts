// The stage settings file: what `cocreate stage --set` accepts, what `deploy` sends, and that a redeploy
// after the ids were set still sends them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  awsTarget,
  deployParams,
  missingSettings,
  readStageSettings,
  type StageSettings,
  setKey,
  stageSettingsFile,
  unsetKey,
  writeStageSettings,
} from '../../../../infra/cli/stage-settings';

const dir = mkdtempSync(join(tmpdir(), 'cocreate-stage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SHEET = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd';
const FORM = '1FaIpQLSeXaMpLeFoRmIdEnTiFiEr0123456789ab';

describe('stage settings', () => {
  it('keeps the ids setup printed across writes, so the next deploy sends them again', () => {
    const first = setKey(
      setKey({}, 'digestFrom', 'sekretariat@example.org'),
      'digestTo',
      'a@example.org, b@example.org',
    );
    writeStageSettings(dir, 'prod', first);
    const later = readStageSettings(dir, 'prod');
    setKey(setKey(later, 'reviewSpreadsheetId', SHEET), 'formId', FORM);
    writeStageSettings(dir, 'prod', later);
    const params = deployParams(readStageSettings(dir, 'prod'));
    expect(params).toEqual([
      'digestFrom=sekretariat@example.org',
      'digestTo=a@example.org,b@example.org',
      `reviewSpreadsheetId=${SHEET}`,
      `formId=${FORM}`,
    ]);
    expect(JSON.parse(readFileSync(stageSettingsFile(dir, 'prod'), 'utf8')).digestTo).toEqual([
      'a@example.org',
      'b@example.org',
    ]);
  });

  it('refuses a value that would deploy a broken stage, saying which key and why', () => {
    expect(() => setKey({}, 'digestTo', 'a@example.org, not-an-address')).toThrow(
      /not an email address: "not-an-address"/,
    );
    expect(() => setKey({}, 'digestSchedule', 'every monday')).toThrow(/rate\(\.\.\.\) or cron/);
    expect(() => setKey({}, 'region', 'jakarta')).toThrow(/not an AWS Region/);
    expect(() => setKey({}, 'spreadsheet', SHEET)).toThrow(/unknown key "spreadsheet"/);
    expect(() => setKey({}, 'formId', 'https://docs.google.com/forms/d/x/edit')).toThrow(/not a form id/);
  });

  it('overrides and removes a schedule per scheduled function', () => {
    const s: StageSettings = setKey({}, 'digestSchedule', 'cron(0 2 ? * FRI *)');
    expect(deployParams(s)).toEqual(['digestSchedule=cron(0 2 ? * FRI *)']);
    expect(() => setKey({}, 'ingestSchedule', 'rate(1 hour)')).toThrow(/unknown key/);
    expect(unsetKey(s, 'digestSchedule').schedules).toBeUndefined();
  });

  it('names what a deploy needs and what only reconcile waits for', () => {
    expect(missingSettings({})).toEqual({
      required: ['digestFrom', 'digestTo'],
      later: ['reviewSpreadsheetId', 'formId'],
    });
    expect(
      missingSettings(setKey(setKey({}, 'digestFrom', 'x@example.org'), 'digestTo', 'y@example.org')),
    ).toEqual({
      required: [],
      later: ['reviewSpreadsheetId', 'formId'],
    });
  });

  it('reports a hand-edited file that is broken instead of deploying without it', () => {
    writeFileSync(stageSettingsFile(dir, 'broken'), '{"digestTo": "x@example.org", "formid": "abc"');
    expect(() => readStageSettings(dir, 'broken')).toThrow(/not JSON/);
    writeFileSync(stageSettingsFile(dir, 'broken'), '{"digestTo": "x@example.org", "formid": "abc"}');
    expect(() => readStageSettings(dir, 'broken')).toThrow(/formid: .*unknown key/);
  });

  it('refuses a stage name that cannot be a file and a stack name', () => {
    expect(() => readStageSettings(dir, '../prod')).toThrow(/invalid stage name/);
    expect(() => readStageSettings(dir, 'Prod')).toThrow(/invalid stage name/);
  });

  it('takes region and profile from the flag, else the file, else the environment, else Jakarta', () => {
    expect(awsTarget({}, {}, {})).toEqual({ region: 'ap-southeast-3' });
    expect(awsTarget({}, {}, { AWS_REGION: 'eu-west-1', AWS_PROFILE: 'env' })).toEqual({
      region: 'eu-west-1',
      profile: 'env',
    });
    expect(
      awsTarget({}, { region: 'ap-southeast-1', awsProfile: 'file' }, { AWS_REGION: 'eu-west-1' }),
    ).toEqual({
      region: 'ap-southeast-1',
      profile: 'file',
    });
    expect(
      awsTarget(
        { region: 'us-east-1', awsProfile: 'flag' },
        { region: 'ap-southeast-1', awsProfile: 'file' },
      ),
    ).toEqual({
      region: 'us-east-1',
      profile: 'flag',
    });
  });
});
