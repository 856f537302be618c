// The built CLI (dist/cli/index.js) as a user runs it.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import { parseCsv } from '../../shared/platform/csv';
import { CLI } from '../support/dev-stack';
import { sampleCsv } from '../support/sample-csv';

const run = promisify(execFile);
const stateDir = mkdtempSync(join(tmpdir(), 'cocreate-cli-'));
const env = { ...process.env, COCREATE_STATE_DIR: stateDir };
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function cocreate(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('cocreate CLI', () => {
  it('prints bilingual help and refuses an unknown command with exit code 2', async () => {
    const help = await cocreate(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Penggunaan \/ Usage/);
    for (const cmd of ['demo', 'dev', 'form --json', 'import FILE.csv']) expect(help.stdout).toContain(cmd);
    const bad = await cocreate(['launch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown command: launch');
  });

  it('prints the form spec as JSON with bilingual titles and working-group choices', async () => {
    const { stdout } = await cocreate(['form', '--json']);
    const spec = JSON.parse(stdout);
    const questions = spec.sections.flatMap((s: { questions: unknown[] }) => s.questions);
    const wg = questions.find((q: { id: string }) => q.id === 'working_group');
    expect(wg.choices).toHaveLength(6);
    expect(wg.title).toEqual({ id: 'Kelompok kerja', en: 'Working group' });
  });

  it('imports a CSV export into the embedded store on disk, and a second run sees the first', async () => {
    const file = join(stateDir, 'export.csv');
    const rows = SAMPLE_PROPOSALS.slice(0, 5).map((s, i) => ({
      timestamp: `0${i + 1}/08/2022 09:00:00`,
      answers: s.answers,
    }));
    writeFileSync(
      file,
      sampleCsv([...rows, { timestamp: '06/08/2022 09:00:00', answers: { title: '=HYPERLINK("x")' } }]),
    );
    const dry = JSON.parse((await cocreate(['import', file, '--json', '--dry-run'])).stdout);
    expect(dry).toMatchObject({ rows: 6, created: 6, dryRun: true });
    const first = JSON.parse((await cocreate(['import', file, '--json'])).stdout);
    expect(first).toMatchObject({ rows: 6, accepted: 5, invalid: 1, duplicates: 0, created: 6 });
    expect(first.issues.some((i: { line: number }) => i.line === 7)).toBe(true);
    const second = JSON.parse((await cocreate(['import', file, '--json'])).stdout);
    expect(second).toMatchObject({ rows: 6, created: 0, revised: 0, unchanged: 6 });
  });

  it('exports the imported round as open data without personal data', async () => {
    const json = JSON.parse((await cocreate(['export'])).stdout);
    expect(json.proposals.length).toBeGreaterThanOrEqual(6);
    const text = JSON.stringify(json);
    for (const s of SAMPLE_PROPOSALS.slice(0, 5)) {
      expect(text).not.toContain(String(s.answers.email));
      expect(text).not.toContain(String(s.answers.phone));
    }
    const csv = (await cocreate(['export', '--format', 'csv'])).stdout;
    expect(csv.split('\r\n')[0]).toContain('id');
    const cells = parseCsv(csv).flat();
    expect(cells).toContain(`'=HYPERLINK("x")`);
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    expect((await cocreate(['export', '--format', 'xml'])).code).toBe(2);
  });

  it('explains how to set and rotate the secrets, and packages offline with deploy --dry-run', async () => {
    const pkg = join(stateDir, 'package');
    const res = await cocreate(['deploy', '--stage', 'test', '--dry-run', '--package', pkg]);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('/ogp-cocreate/test/signing-secret-previous');
    expect(res.stdout).toMatch(/Rotasi \/ Rotation/);
    // Step lines, n of m, in the order deploy runs them (plain lines: the test's stdout is a pipe).
    expect(res.stdout.split('\n').filter((l) => /^\[\d\/\d\] /.test(l))).toEqual([
      '[1/4] Pengaturan stage / stage settings (test)',
      '[2/4] Rahasia / secrets',
      '[3/4] Putaran / round',
      '[4/4] osls package: bundel dari dist/ / bundles from dist/ (npm run build)',
    ]);
    expect(readFileSync(join(pkg, 'cloudformation-template-update-stack.json'), 'utf8')).toContain(
      'cocreate-test',
    );
    expect((await cocreate(['deploy'])).code).toBe(2);
  });

  it('suggests overlapping proposals with the terms they share', async () => {
    const file = join(stateDir, 'overlap.csv');
    const [a, b] = [SAMPLE_PROPOSALS[1], SAMPLE_PROPOSALS[16]]; // demo-17 overlaps demo-02 (same theme)
    writeFileSync(
      file,
      sampleCsv(
        [a, b].map((s, i) => ({ timestamp: `0${i + 1}/09/2022 09:00:00`, answers: s?.answers ?? {} })),
      ),
    );
    await cocreate(['import', file]);
    const res = JSON.parse((await cocreate(['overlaps', '--json'])).stdout);
    const titleOf = (id: string) => res.proposals.find((p: { id: string }) => p.id === id)?.title;
    const entry = res.proposals.find((p: { title: string }) => p.title === b?.answers.title);
    expect(titleOf(entry.similar[0].id)).toBe(a?.answers.title);
    expect(entry.similar[0].sharedTerms.length).toBeGreaterThan(0);
    expect((await cocreate(['overlaps', '--limit', '0'])).code).toBe(2);
  });

  it('explains a missing file instead of crashing', async () => {
    const res = await cocreate(['import', join(stateDir, 'nope.csv')]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/cannot read file .*nope\.csv: ENOENT/);
  });

  it('runs the demo round once and leaves the delivered digest on disk', async () => {
    // --fresh: the imports above are in this state folder's round, and the demo would reuse them.
    const res = await cocreate(['demo', '--once', '--fresh']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/22\/22 terkirim \/ delivered/);
    expect(res.stdout).toMatch(/16 diterima \/ accepted, 6 digabung \/ merged → 16 komitmen \/ commitments/);
    expect(res.stdout).toMatch(/local inbox: +http:\/\/127\.0\.0\.1:\d+\//);
    const html = readFileSync(join(stateDir, 'demo-digest.html'), 'utf8');
    expect(html).toContain('Total usulan: <strong>22</strong>');
    // The demo also says where the preview of what setup builds is.
    expect(res.stdout).toContain(
      `Pratinjau formulir / form preview: ${join(stateDir, 'preview', 'form.html')}`,
    );
    expect(readFileSync(join(stateDir, 'preview', 'review-spreadsheet.html'), 'utf8')).toContain('<table>');
    // Negotiation: every commitment is in it, with at least one agency; positions said to be illustrative.
    expect(res.stdout).toMatch(/16\/16 komitmen dalam negosiasi dengan instansi/);
    expect(res.stdout).toContain('illustrative');
    expect(html).toContain('Negosiasi dengan K/L');
    const exported = JSON.parse(readFileSync(join(stateDir, 'demo-export.json'), 'utf8'));
    expect(exported.commitments).toHaveLength(16);
    const statuses = exported.commitments.map(
      (c: { negotiation: { status: string } }) => c.negotiation.status,
    );
    for (const s of ['agreed', 'agreed_with_changes', 'in_discussion', 'declined'])
      expect(statuses).toContain(s);
    for (const c of exported.commitments) {
      expect(c.negotiation.agencies.length).toBeGreaterThanOrEqual(1);
      expect(c.negotiation.agencies.filter((a: { role: string }) => a.role === 'lead')).toHaveLength(1);
      expect(c.negotiation.proposedText.action).not.toBe('');
      if (c.negotiation.status === 'agreed_with_changes') {
        expect(c.negotiation.agreedText).not.toEqual(c.negotiation.proposedText);
        expect(c.negotiation.differences.length).toBeGreaterThan(0);
      }
      if (c.negotiation.status === 'declined') expect(c.negotiation.reasonedResponse).toContain('ilustrasi');
    }
    const raw = JSON.stringify(exported);
    expect(raw).not.toMatch(/narahubung\d+@instansi\.example\.org|Narahubung Fiktif/);
  });
});
