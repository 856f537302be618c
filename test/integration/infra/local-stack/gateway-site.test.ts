// The local gateway serves the public site the publish Lambda writes to a folder, and nothing outside it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Gateway, startGateway } from '../../../../infra/local-stack/gateway';

const dir = mkdtempSync(join(tmpdir(), 'cocreate-gw-site-'));
const site = join(dir, 'site');
let gateway: Gateway;

beforeAll(async () => {
  mkdirSync(join(site, 'proposals'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<h1>Beranda</h1>');
  writeFileSync(join(site, 'proposals', 'p_1.html'), '<h1>Usulan</h1>');
  writeFileSync(join(dir, 'signing-secret'), 'rahasia');
  gateway = await startGateway({ port: 0, distDir: join(dir, 'dist'), siteDir: site });
});
afterAll(async () => {
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the local public site', () => {
  it('serves index.html at /site/ and each page by its path, typed as HTML', async () => {
    const index = await fetch(`${gateway.url}/site/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toBe('<h1>Beranda</h1>');
    expect(await (await fetch(`${gateway.url}/site/proposals/p_1.html`)).text()).toBe('<h1>Usulan</h1>');
  });

  it('answers 404 for a missing page and for any path that leaves the site folder', async () => {
    expect((await fetch(`${gateway.url}/site/proposals/p_2.html`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/site/..%2Fsigning-secret`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/site/%2e%2e/signing-secret`)).status).toBe(404);
  });
});
