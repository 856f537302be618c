// The local gateway enforces Lambda's 6 MB response limit, as AWS does, so an export that would fail in
// the cloud fails here too. The handler is a bundle written for the test (the real ones answer less).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Gateway, LAMBDA_MAX_RESPONSE_BYTES, startGateway } from '../../../../infra/local-stack/gateway';

let dist: string;
let gateway: Gateway;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'cocreate-gw-'));
  mkdirSync(join(dist, 'lambdas', 'export'), { recursive: true });
  writeFileSync(
    join(dist, 'lambdas', 'export', 'index.js'),
    `exports.handler = async (e) => ({ statusCode: 200, headers: {}, body: 'x'.repeat(Number(e.queryStringParameters?.bytes ?? 0)) });`,
  );
  gateway = await startGateway({ port: 0, distDir: dist });
});
afterAll(async () => {
  await gateway.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('local gateway response limit', () => {
  it('passes a response up to 6 MB and answers 500 (as Lambda behind API Gateway) above it', async () => {
    const ok = await fetch(`${gateway.url}/v1/export/proposals.json?bytes=${LAMBDA_MAX_RESPONSE_BYTES}`);
    expect(ok.status).toBe(200);
    expect((await ok.text()).length).toBe(LAMBDA_MAX_RESPONSE_BYTES);
    const big = await fetch(`${gateway.url}/v1/export/proposals.json?bytes=${LAMBDA_MAX_RESPONSE_BYTES + 1}`);
    expect(big.status).toBe(500);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe('response_too_large');
  });
});
