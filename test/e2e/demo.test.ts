// The demo through the built CLI: it runs the sample round once, and the round stays on disk for every
// other command after the demo has stopped; --fresh starts over.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from '@jest/globals';
import { CLI } from '../support/dev-stack';

const run = promisify(execFile);
const stateDir = mkdtempSync(join(tmpdir(), 'cocreate-demo-'));
const env: NodeJS.ProcessEnv = { ...process.env, COCREATE_STATE_DIR: stateDir };
delete env.COCREATE_ROUND_FILE;
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

async function cocreate(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env,
      cwd: stateDir,
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function exported() {
  const res = await cocreate(['export', '--format', 'json']);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as { proposals: unknown[]; commitments: unknown[] };
}

describe('cocreate demo', () => {
  it('runs the sample round once, leaves the digest on disk and says what to try next', async () => {
    const res = await cocreate(['demo', '--once']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/22\/22 terkirim \/ delivered/);
    expect(res.stdout).toMatch(/16 diterima \/ accepted, 6 digabung \/ merged → 16 komitmen \/ commitments/);
    expect(res.stdout).toMatch(/local inbox: +http:\/\/127\.0\.0\.1:\d+\//);
    const html = readFileSync(join(stateDir, 'demo-digest.html'), 'utf8');
    expect(html).toContain('Total usulan: <strong>22</strong>');
    const next = res.stdout.slice(res.stdout.indexOf('try next'));
    for (const cmd of ['cocreate export', 'cocreate digest', 'cocreate overlaps', 'cocreate demo --fresh'])
      expect(next).toContain(cmd);
  });

  it('keeps the round after it stops: export shows the 22 proposals and 16 commitments', async () => {
    const data = await exported();
    expect(data.proposals).toHaveLength(22);
    expect(data.commitments).toHaveLength(16);
    const digest = await cocreate(['digest']);
    expect(digest.stdout).toMatch(/22 usulan, 16 komitmen/);
    const overlaps = JSON.parse((await cocreate(['overlaps', '--json'])).stdout);
    expect(overlaps.proposals.length).toBeGreaterThan(0);
  });

  it('a second run uses the stored round instead of submitting it again', async () => {
    const res = await cocreate(['demo', '--once']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/already stored \(22 proposals\)/);
    expect(res.stdout).not.toMatch(/terkirim \/ delivered;/);
    const data = await exported();
    expect(data.proposals).toHaveLength(22);
    expect(data.commitments).toHaveLength(16);
  });

  it('--fresh starts over from an empty round', async () => {
    const res = await cocreate(['demo', '--once', '--fresh']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/22\/22 terkirim \/ delivered/);
    const data = await exported();
    expect(data.proposals).toHaveLength(22);
    expect(data.commitments).toHaveLength(16);
  });
});
