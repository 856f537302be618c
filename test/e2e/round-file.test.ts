// A secretariat's own round through the built CLI: `cocreate init`, an edited cocreate.round.json, and
// every command reading it (from the current folder, --round FILE or COCREATE_ROUND_FILE).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { sampleProposalsFor } from '../../infra/demo/sample-round';
import { DEFAULT_ROUND, ROUND_FIELDS, type RoundConfig } from '../../shared/definitions/round';
import { CLI } from '../support/dev-stack';
import { sampleCsv } from '../support/sample-csv';

const run = promisify(execFile);
const base = mkdtempSync(join(tmpdir(), 'cocreate-round-'));
const home = join(base, 'secretariat');
mkdirSync(home);
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function cocreate(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, COCREATE_STATE_DIR: join(base, 'state'), ...opts.env };
  if (!opts.env?.COCREATE_ROUND_FILE) delete env.COCREATE_ROUND_FILE;
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      cwd: opts.cwd ?? home,
      env,
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const roundFile = join(home, 'cocreate.round.json');

/** Another country's round (illustrative), with four working groups, edited from what init wrote. */
function editedRound(written: RoundConfig): RoundConfig {
  return {
    ...written,
    id: 'ke-2025-2027',
    name: {
      id: 'Rencana Aksi Nasional Kenya 2025-2027 (ilustratif)',
      en: 'Kenya National Action Plan 2025-2027 (illustrative)',
    },
    timeZone: 'Africa/Nairobi',
    periodStart: '2025-01-01',
    periodEnd: '2026-12-31',
    submissionDeadline: '2024-11-30',
    deadlines: [{ date: '2024-11-30', label: { id: 'Batas usulan', en: 'Proposal deadline' } }],
    workingGroups: [
      { id: 'fiscal-openness', name: { id: 'Keterbukaan Fiskal', en: 'Fiscal Openness' } },
      { id: 'justice', name: { id: 'Keadilan', en: 'Justice' } },
      { id: 'health', name: { id: 'Kesehatan', en: 'Health' } },
      { id: 'civic-space', name: { id: 'Ruang Sipil', en: 'Civic Space' } },
    ],
    digestRecipients: ['secretariat@ogp-ke.example'],
  };
}

describe('cocreate init and a round file', () => {
  it('writes the sample round with every field, and does not overwrite it on a second run', async () => {
    const first = await cocreate(['init']);
    expect(first.code).toBe(0);
    const written = JSON.parse(readFileSync(roundFile, 'utf8'));
    // Every field a round may have, written out for the secretariat to edit.
    expect(Object.keys(written).sort()).toEqual([...ROUND_FIELDS].sort());
    expect(written.id).toBe(DEFAULT_ROUND.id);
    expect(written.workingGroups).toHaveLength(DEFAULT_ROUND.workingGroups.length);
    writeFileSync(roundFile, JSON.stringify({ ...written, id: 'edited' }));
    const again = await cocreate(['init']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; not overwritten/);
    expect(JSON.parse(readFileSync(roundFile, 'utf8')).id).toBe('edited');
    writeFileSync(roundFile, JSON.stringify(written));
  });

  it('imports a CSV export of an edited round (another country, four working groups) and exports that round', async () => {
    const round = editedRound(JSON.parse(readFileSync(roundFile, 'utf8')));
    writeFileSync(roundFile, `${JSON.stringify(round, null, 2)}\n`);

    const spec = JSON.parse((await cocreate(['form', '--json'])).stdout);
    const wg = spec.sections
      .flatMap((s: { questions: { id: string }[] }) => s.questions)
      .find((q: { id: string }) => q.id === 'working_group');
    expect(wg.choices.map((c: { value: string }) => c.value)).toEqual([
      'fiscal-openness',
      'justice',
      'health',
      'civic-space',
    ]);

    const samples = sampleProposalsFor(round).slice(0, 8);
    const csvFile = join(home, 'responses.csv');
    writeFileSync(
      csvFile,
      sampleCsv(
        samples.map((s, i) => ({ timestamp: `0${i + 1}/10/2024 09:00:00`, answers: s.answers })),
        false,
        round,
      ),
    );
    const imported = await cocreate(['import', csvFile, '--json']);
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ rows: 8, accepted: 8, invalid: 0, created: 8 });

    const exported = JSON.parse((await cocreate(['export'])).stdout);
    expect(exported.round).toMatchObject({ id: 'ke-2025-2027', name: round.name });
    expect(exported.proposals).toHaveLength(8);
    const groups = new Set(exported.proposals.map((p: { workingGroup: string }) => p.workingGroup));
    expect([...groups].every((g) => round.workingGroups.some((w) => w.id === g))).toBe(true);
    expect(groups.size).toBeGreaterThan(1);
  });

  it('finds the round through --round FILE and COCREATE_ROUND_FILE from another folder', async () => {
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    const byFlag = JSON.parse((await cocreate(['export', '--round', roundFile], { cwd: elsewhere })).stdout);
    expect(byFlag.round.id).toBe('ke-2025-2027');
    expect(byFlag.proposals).toHaveLength(8);
    const byEnv = JSON.parse(
      (await cocreate(['export'], { cwd: elsewhere, env: { COCREATE_ROUND_FILE: roundFile } })).stdout,
    );
    expect(byEnv.round.id).toBe('ke-2025-2027');
    // Without a round file there, the sample round (which has none of these proposals) applies.
    const none = JSON.parse((await cocreate(['export'], { cwd: elsewhere })).stdout);
    expect(none.round.id).toBe(DEFAULT_ROUND.id);
  });

  it('refuses a broken round file before anything runs, naming each bad field in both languages', async () => {
    const broken = join(base, 'broken.round.json');
    const round = editedRound(DEFAULT_ROUND);
    writeFileSync(
      broken,
      JSON.stringify({
        ...round,
        periodEnd: '2024-12-31',
        workingGroup: [],
        workingGroups: [round.workingGroups[0], { id: 'Health Group', name: { id: 'Kesehatan' } }],
      }),
    );
    const stateDir = join(base, 'untouched-state');
    const csvFile = join(home, 'responses.csv');
    const res = await cocreate(['import', csvFile, '--round', broken], {
      env: { COCREATE_STATE_DIR: stateDir },
    });
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain(`The round file cannot be used: ${broken}`);
    expect(res.stderr).toMatch(/periodEnd: sebelum periodStart \(2025-01-01\) \/ is before periodStart/);
    expect(res.stderr).toMatch(/workingGroup: kolom tidak dikenal .* \/ unknown field/);
    expect(res.stderr).toMatch(/workingGroups\[1\]\.id: harus slug .* \/ must be a slug .*"Health Group"/);
    expect(res.stderr).toMatch(/workingGroups\[1\]\.name\.en: wajib diisi .* \/ is required/);
    expect(res.stderr).toMatch(/cocreate init/);
    expect(existsSync(join(stateDir, 'dynamodb'))).toBe(false);
  });

  it('points at the line and column of a JSON syntax error, and at a round file that is not there', async () => {
    const bad = join(base, 'syntax.round.json');
    writeFileSync(bad, '{\n  "id": "x",\n  "name": { "id": "a" "en": "b" }\n}\n');
    const res = await cocreate(['export', '--round', bad]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/not valid JSON: .*\(baris\/line 3, kolom\/column \d+\)/);
    const missing = await cocreate(['export'], { env: { COCREATE_ROUND_FILE: join(base, 'nope.json') } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json\n {2}- berkas tidak ada \/ the file does not exist/);
  });

  it('deploy passes the round to every Lambda and prints the Script Property for Apps Script', async () => {
    const pkg = join(base, 'package');
    const res = await cocreate(['deploy', '--stage', 'test', '--dry-run', '--package', pkg]);
    expect(res.code).toBe(0);
    const round = JSON.parse(readFileSync(roundFile, 'utf8')) as RoundConfig;
    expect(res.stdout).toContain('Script Properties > COCREATE_ROUND_CONFIG =');
    const printed = res.stdout.split('\n').find((l) => l.startsWith('{"id":"ke-2025-2027"'));
    expect(JSON.parse(printed ?? 'null')).toMatchObject({ id: round.id, workingGroups: round.workingGroups });
    // Personal data stays out of the terminal and the script project: only the digest Lambda needs it.
    expect(res.stdout).not.toContain('secretariat@ogp-ke.example');
    const template = JSON.parse(readFileSync(join(pkg, 'cloudformation-template-update-stack.json'), 'utf8'));
    const functions = Object.values(
      template.Resources as Record<
        string,
        { Type: string; Properties: { Environment: { Variables: Record<string, string> } } }
      >,
    ).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(3);
    for (const fn of functions) {
      expect(JSON.parse(fn.Properties.Environment.Variables.COCREATE_ROUND_CONFIG ?? 'null')?.id).toBe(
        'ke-2025-2027',
      );
    }
    const digest = functions.find((f) => f.Properties.Environment.Variables.DIGEST_TO !== undefined);
    expect(digest?.Properties.Environment.Variables.DIGEST_TO).toBe('secretariat@ogp-ke.example');
  });
});
