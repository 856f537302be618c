// Loads a pure TypeScript module of shared/ (no imports outside shared/) by bundling it with esbuild: the
// build and serverless.yml read the route and table definitions through it (no TS loader needed).
'use strict';

const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..', '..');

/** The module's exports; `entry` is relative to the repository root. */
function loadTs(entry) {
  const out = esbuild.buildSync({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, (id) => {
    throw new Error(`loadTs(${entry}): unexpected require(${id})`);
  });
  return module.exports;
}

module.exports = { loadTs };
