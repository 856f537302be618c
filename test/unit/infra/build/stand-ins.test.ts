import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { LAMBDA_SHIMS } from '../../../../infra/build/stand-ins';

const root = join(__dirname, '..', '..', '..', '..');

/** The package a specifier belongs to: `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
const packageOf = (key: string) =>
  key
    .split('/')
    .slice(0, key.startsWith('@') ? 2 : 1)
    .join('/');

describe('build-time stand-ins', () => {
  it.each(Object.keys(LAMBDA_SHIMS))('replaces %s, a public entry point of its package', (key) => {
    // Node refuses a subpath a package's "exports" does not list, so resolving proves it is public.
    const resolved = require.resolve(key, { paths: [root] });
    const pkgDir =
      resolved.slice(0, resolved.lastIndexOf(`/node_modules/${packageOf(key)}/`)) +
      `/node_modules/${packageOf(key)}`;
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { exports?: unknown };
    if (key !== packageOf(key) && manifest.exports === undefined) {
      // No exports map: only a file the package keeps at its top level (documented as `require('pkg/file')`).
      expect(dirname(resolved)).toBe(pkgDir);
    }
    expect(key).not.toMatch(/\/(build|dist|dist-es|dist-cjs|src|lib)\//);
  });

  it.each(Object.entries(LAMBDA_SHIMS))('has a stand-in file for %s', (_key, file) => {
    expect(existsSync(join(root, 'lambdas', 'build-stand-ins', file))).toBe(true);
  });
});
