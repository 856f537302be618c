// The build-time stand-ins of the Lambda bundles (infra/build/build.mjs applies them).
'use strict';

/**
 * Modules the Lambdas never run (or use only a sliver of), each replaced by one file in lambdas/build-stand-ins/
 * whose header says what it replaces and why that is safe. Every key is a public entry point of its package
 * (a bare name or an exported subpath, which semver covers; test/unit/infra/build/stand-ins.test.ts checks
 * it), matched exactly, unlike `alias`, so a stand-in can still import its package's own files.
 */
const LAMBDA_SHIMS = {
  // The Google clients with a self-signed service-account JWT (lambdas/adapters/google/google-auth.ts).
  gtoken: 'gtoken.ts',
  jws: 'jws.ts',
  'ecdsa-sig-formatter': 'ecdsa-sig-formatter.ts',
  'google-logging-utils': 'google-logging-utils.ts',
  qs: 'qs.ts',
  'node-fetch': 'node-fetch.ts',
  'https-proxy-agent': 'https-proxy-agent.ts',
  // The AWS SDK's DynamoDB client.
  '@smithy/core/event-streams': 'smithy-event-streams.ts',
  'mnemonist/lru-cache': 'mnemonist-lru-cache.ts',
};

module.exports = { LAMBDA_SHIMS };
