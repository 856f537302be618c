#!/usr/bin/env node
// Entry point: builds dist/ when it is missing or older than the sources, then runs the bundled CLI.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const root = join(__dirname, '..');

function newestSource(dir) {
  let newest = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    newest = Math.max(newest, d.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const marker = join(root, 'dist', 'build.json');
const stale =
  !existsSync(marker) ||
  ['shared', 'lambdas', 'apps-script', 'infra'].some(
    (d) => newestSource(join(root, d)) > statSync(marker).mtimeMs,
  );
if (stale) {
  process.stderr.write('Membangun dist/ … / Building dist/ …\n');
  execFileSync(process.execPath, [join(root, 'infra', 'build', 'build.mjs'), '--quiet'], {
    stdio: 'inherit',
  });
}
require(join(root, 'dist', 'cli', 'index.js'))
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`cocreate: ${e?.message ?? e}\n`);
      process.exit(1);
    },
  );
