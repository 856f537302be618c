// Every repository path the docs and the code's comments cite names a file that exists (files move; a stale
// path sends a newcomer nowhere).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

const ROOT = join(__dirname, '..', '..');
const CITED =
  /(?<![\w./-])((?:shared|lambdas|apps-script|infra|test|bench|docs|bin)\/[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.(?:ts|js|mjs|md|json))\b/g;

/** Names of built artefacts (inside dist/), not of repository files. */
const BUILT = new Set(['apps-script/Code.js']);

const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(md|ts|js|mjs|yml)$/.test(f) && existsSync(join(ROOT, f)));

describe('cited paths', () => {
  it('name files that exist, in the docs and in the code', () => {
    const missing: string[] = [];
    for (const file of tracked) {
      for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(CITED)) {
        const path = m[1] as string;
        if (!BUILT.has(path) && !existsSync(join(ROOT, path)))
          missing.push(`${file} cites ${path}, which does not exist`);
      }
    }
    expect(missing).toEqual([]);
  });
});
