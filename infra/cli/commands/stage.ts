// `cocreate stage --stage NAME [--set key=value ...] [--unset key ...] [--json]`: shows or changes the stage's
// settings file, which every `deploy --stage NAME` reads (see infra/cli/stage-settings.ts).
import { parseArgs } from 'node:util';
import { type Command, usage } from '../command';
import {
  FIELDS,
  missingSettings,
  readStageSettings,
  SCHEDULE_KEYS,
  type StageSettings,
  setKey,
  stageSettingsFile,
  unsetKey,
  writeStageSettings,
} from '../stage-settings';

export interface StageOptions {
  dir: string;
  stage: string;
  set: string[];
  unset: string[];
  json: boolean;
}

interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export function runStage(opts: StageOptions, io: Io = process): number {
  let settings: StageSettings;
  try {
    settings = readStageSettings(opts.dir, opts.stage);
    for (const pair of opts.set) {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`--set perlu kunci=nilai / --set needs key=value: "${pair}"`);
      setKey(settings, pair.slice(0, at).trim(), pair.slice(at + 1));
    }
    for (const key of opts.unset) unsetKey(settings, key);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const file =
    opts.set.length || opts.unset.length
      ? writeStageSettings(opts.dir, opts.stage, settings)
      : stageSettingsFile(opts.dir, opts.stage);
  if (opts.json) {
    io.stdout.write(`${JSON.stringify(settings, null, 2)}\n`);
    return 0;
  }
  const missing = missingSettings(settings);
  const lines = [`Stage ${opts.stage}: ${file}`];
  for (const key of [...Object.keys(FIELDS), ...SCHEDULE_KEYS]) {
    const value = key.endsWith('Schedule')
      ? settings.schedules?.[key.slice(0, -'Schedule'.length)]
      : (settings as Record<string, unknown>)[key];
    if (value !== undefined) lines.push(`  ${key} = ${Array.isArray(value) ? value.join(',') : value}`);
  }
  if (missing.required.length)
    lines.push(
      `  Wajib sebelum deploy / required before deploy: ${missing.required.join(', ')}`,
      `    npx cocreate stage --stage ${opts.stage} ${missing.required.map((k) => `--set ${k}=...`).join(' ')}`,
    );
  if (missing.later.length)
    lines.push(
      `  Setelah setup Apps Script / after the Apps Script setup: ${missing.later.join(', ')} (reconcile waits until then)`,
    );
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export const stageCommand: Command = {
  name: 'stage',
  help: `  stage --stage NAME [--set key=value ...] [--unset key ...] [--json]
                       Setelan stage yang dibaca setiap deploy / the settings every deploy of the stage
                       reads, kept in cocreate.stage.NAME.json: region, awsProfile, digestFrom, digestTo,
                       sesIdentity, reviewSpreadsheetId, formId, alarmTopicArn, digestSchedule,
                       reconcileSchedule, apiThrottleBurst, apiThrottleRate. Without --set: shows them
                       and what is still missing. Runbook: docs/deploy.md.
`,
  async run(args, ctx) {
    const { values } = parseArgs({
      args,
      options: {
        stage: { type: 'string' },
        set: { type: 'string', multiple: true, default: [] },
        unset: { type: 'string', multiple: true, default: [] },
        json: { type: 'boolean', default: false },
      },
    });
    if (!values.stage) return usage('--stage wajib / --stage is required (e.g. --stage prod)');
    return runStage({
      dir: ctx.stageDir(),
      stage: values.stage,
      set: values.set ?? [],
      unset: values.unset ?? [],
      json: values.json === true,
    });
  },
};
