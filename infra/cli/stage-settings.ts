// The settings of one deployed stage (cocreate.stage.<name>.json): region, AWS profile, digest sender and
// recipients, the spreadsheet and form ids setup prints, schedules. Kept in one file so every `deploy` sends
// the same values and a redeploy never blanks the ids (a --param given once used to be forgotten).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS } from '../../shared/definitions/routes';

/** Lambda's home for this product: Jakarta (an opt-in Region, see docs/deploy.md). */
export const DEFAULT_REGION = 'ap-southeast-3';

export interface StageSettings {
  region?: string;
  awsProfile?: string;
  digestFrom?: string;
  digestTo?: string[];
  sesIdentity?: string;
  reviewSpreadsheetId?: string;
  formId?: string;
  alarmTopicArn?: string;
  /** Per scheduled function, a rate() or cron() expression (default: shared/definitions/routes.ts). */
  schedules?: Record<string, string>;
  apiThrottleBurst?: number;
  apiThrottleRate?: number;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i;
const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
const SCHEDULE = /^(rate|cron)\(.+\)$/;
const SCHEDULED = FUNCTIONS.filter((fn) => fn.schedule).map((fn) => fn.name as string);

interface Field {
  help: string;
  parse(value: string): unknown;
}
const text = (help: string, check: (v: string) => boolean, what: string): Field => ({
  help,
  parse: (v) => {
    if (!check(v)) throw new Error(`${what}: "${v}"`);
    return v;
  },
});
const count = (help: string): Field => ({
  help,
  parse: (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`harus bilangan bulat positif / must be a positive integer: "${v}"`);
    return n;
  },
});

/** Every key `cocreate stage --set` accepts, with what it is for (shown by `cocreate stage --help`). */
export const FIELDS: Record<Exclude<keyof StageSettings, 'schedules'>, Field> = {
  region: text(
    'AWS Region (default ap-southeast-3)',
    (v) => /^[a-z]{2}(-[a-z]+)+-\d$/.test(v),
    'bukan Region AWS / not an AWS Region',
  ),
  awsProfile: text(
    'AWS CLI profile of the deployer',
    (v) => /^[\w.+@-]+$/.test(v),
    'nama profil tidak sah / invalid profile name',
  ),
  digestFrom: text(
    'sender of the digest (a verified SES identity)',
    (v) => EMAIL.test(v),
    'bukan alamat email / not an email address',
  ),
  digestTo: {
    help: 'digest recipients, comma-separated',
    parse: (v) => {
      const list = v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const bad = list.filter((s) => !EMAIL.test(s));
      if (list.length === 0 || bad.length)
        throw new Error(`bukan alamat email / not an email address: "${bad.join(', ') || v}"`);
      return list;
    },
  },
  sesIdentity: text(
    'verified SES identity to send from (default: the domain of digestFrom)',
    (v) => /^[^\s@]+(@[^\s@]+)?$/.test(v) && v.includes('.'),
    'bukan domain atau alamat / not a domain or address',
  ),
  reviewSpreadsheetId: text(
    'review spreadsheet id (printed by setup)',
    (v) => /^[\w-]{20,}$/.test(v),
    'bukan id spreadsheet / not a spreadsheet id',
  ),
  formId: text(
    'proposal form id (printed by setup)',
    (v) => /^[\w-]{20,}$/.test(v),
    'bukan id formulir / not a form id',
  ),
  alarmTopicArn: text(
    'SNS topic notified by the error alarms',
    (v) => /^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/.test(v),
    'bukan ARN topik SNS / not an SNS topic ARN',
  ),
  apiThrottleBurst: count('HTTP API burst limit (default 20)'),
  apiThrottleRate: count('HTTP API requests per second (default 10)'),
};
/** `<function>Schedule` keys, e.g. digestSchedule=cron(0 1 ? * MON *). */
export const SCHEDULE_KEYS = SCHEDULED.map((name) => `${name}Schedule`);

export function assertStageName(stage: string): void {
  if (!STAGE.test(stage))
    throw new Error(
      `Nama stage tidak sah / invalid stage name "${stage}": lowercase letters, digits and "-", starting with a letter`,
    );
}

export const stageSettingsFile = (dir: string, stage: string) => join(dir, `cocreate.stage.${stage}.json`);

/** The stage's settings; none when the file does not exist yet. A broken file is an error, never ignored. */
export function readStageSettings(dir: string, stage: string): StageSettings {
  assertStageName(stage);
  const file = stageSettingsFile(dir, stage);
  if (!existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: bukan JSON / not JSON (${(e as Error).message})`);
  }
  return validateStageSettings(raw, file);
}

export function validateStageSettings(raw: unknown, where: string): StageSettings {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`${where}: harus objek JSON / must be a JSON object`);
  const out: StageSettings = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    try {
      if (key === 'schedules') {
        if (!value || typeof value !== 'object') throw new Error('harus objek / must be an object');
        for (const [fn, expr] of Object.entries(value as Record<string, unknown>))
          setKey(out, `${fn}Schedule`, String(expr));
        continue;
      }
      const field = FIELDS[key as keyof typeof FIELDS];
      if (!field) throw new Error('kunci tidak dikenal / unknown key');
      setKey(out, key, Array.isArray(value) ? value.join(',') : String(value));
    } catch (e) {
      problems.push(`${key}: ${(e as Error).message}`);
    }
  }
  if (problems.length) throw new Error(`${where}:\n  ${problems.join('\n  ')}`);
  return out;
}

/** Sets one key from its text form (as typed after --set key=value); throws with a bilingual reason. */
export function setKey(settings: StageSettings, key: string, value: string): StageSettings {
  const v = value.trim();
  if (SCHEDULE_KEYS.includes(key)) {
    if (!SCHEDULE.test(v))
      throw new Error(`harus rate(...) atau cron(...) / must be rate(...) or cron(...): "${v}"`);
    settings.schedules = { ...settings.schedules, [key.slice(0, -'Schedule'.length)]: v };
    return settings;
  }
  const field = FIELDS[key as keyof typeof FIELDS];
  if (!field)
    throw new Error(
      `kunci tidak dikenal / unknown key "${key}" (known: ${[...Object.keys(FIELDS), ...SCHEDULE_KEYS].join(', ')})`,
    );
  (settings as Record<string, unknown>)[key] = field.parse(v);
  return settings;
}

export function unsetKey(settings: StageSettings, key: string): StageSettings {
  if (SCHEDULE_KEYS.includes(key)) {
    const rest = { ...settings.schedules };
    delete rest[key.slice(0, -'Schedule'.length)];
    if (Object.keys(rest).length) settings.schedules = rest;
    else delete settings.schedules;
  } else delete (settings as Record<string, unknown>)[key];
  return settings;
}

/** Written whole to a temporary file and renamed, so an interrupted write never leaves half a file. */
export function writeStageSettings(dir: string, stage: string, settings: StageSettings): string {
  assertStageName(stage);
  const file = stageSettingsFile(dir, stage);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}

/** The serverless.yml params (`name=value`) the settings stand for, in a stable order. */
export function deployParams(settings: StageSettings): string[] {
  const params: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value !== undefined && value !== '')
      params.push(`${name}=${Array.isArray(value) ? value.join(',') : value}`);
  };
  add('digestFrom', settings.digestFrom);
  add('digestTo', settings.digestTo);
  add('sesIdentity', settings.sesIdentity);
  add('reviewSpreadsheetId', settings.reviewSpreadsheetId);
  add('formId', settings.formId);
  add('alarmTopicArn', settings.alarmTopicArn);
  add('apiThrottleBurst', settings.apiThrottleBurst);
  add('apiThrottleRate', settings.apiThrottleRate);
  for (const [fn, expr] of Object.entries(settings.schedules ?? {})) add(`${fn}Schedule`, expr);
  return params;
}

/** What a deploy cannot do without, and what only makes reconcile wait (it says "not configured yet"). */
export function missingSettings(settings: StageSettings): { required: string[]; later: string[] } {
  return {
    required: (['digestFrom', 'digestTo'] as const).filter((k) => settings[k] === undefined),
    later: (['reviewSpreadsheetId', 'formId'] as const).filter((k) => settings[k] === undefined),
  };
}

/** Region and profile for a `--stage` command: the flag, else the stage file, else the environment, else Jakarta. */
export function awsTarget(
  flags: { region?: string; awsProfile?: string },
  settings: StageSettings,
  env: NodeJS.ProcessEnv = process.env,
): { region: string; profile?: string } {
  const region =
    flags.region ?? settings.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? DEFAULT_REGION;
  const profile = flags.awsProfile ?? settings.awsProfile ?? env.AWS_PROFILE;
  return { region, ...(profile ? { profile } : {}) };
}
