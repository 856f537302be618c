// The S3 site writer against a local HTTP server that keeps objects the way S3's REST API does for
// path-style requests (PUT stores the body under /<bucket>/<key>, GET returns it or 404).
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { s3Options } from '../../../../lambdas/adapters/aws-clients';
import { S3SiteWriter, SITE_MANIFEST_KEY } from '../../../../lambdas/adapters/s3-site-writer';

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}
const objects = new Map<string, { body: Buffer; type: string }>();
const seen: Seen[] = [];
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '';
      seen.push({ method: req.method ?? '', path, headers: req.headers, body });
      if (req.method === 'PUT') {
        objects.set(path, { body, type: String(req.headers['content-type'] ?? '') });
        res.writeHead(200, { etag: '"x"' }).end();
      } else if (req.method === 'GET' && objects.has(path)) {
        res.writeHead(200).end(objects.get(path)?.body);
      } else res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const writer = () =>
  new S3SiteWriter('cocreate-site-test', s3Options({ s3Endpoint: url }), 'https://d1.example');
const files = (index: string) =>
  new Map<string, string | Uint8Array>([
    ['index.html', index],
    ['proposals/p_1.html', '<p>usulan</p>'],
    ['action-plan.docx', new Uint8Array([80, 75, 3, 4])],
  ]);

describe('S3 site writer', () => {
  it('puts every file once, signed with its payload hash and typed by its extension, then the manifest', async () => {
    expect(await writer().write(files('<h1>v1</h1>'))).toEqual({ written: 3, unchanged: 0 });
    const puts = seen.filter((s) => s.method === 'PUT');
    expect(puts.map((p) => p.path)).toEqual([
      '/cocreate-site-test/index.html',
      '/cocreate-site-test/proposals/p_1.html',
      '/cocreate-site-test/action-plan.docx',
      `/cocreate-site-test/${SITE_MANIFEST_KEY}`,
    ]);
    for (const p of puts) {
      expect(p.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(p.body).digest('hex'));
      expect(String(p.headers.authorization)).toMatch(
        /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/[\w-]+\/s3\/aws4_request/,
      );
    }
    expect(objects.get('/cocreate-site-test/index.html')?.type).toBe('text/html; charset=utf-8');
    expect(objects.get('/cocreate-site-test/action-plan.docx')?.type).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect([...(objects.get('/cocreate-site-test/action-plan.docx')?.body ?? [])]).toEqual([80, 75, 3, 4]);
    expect(writer().location).toBe('https://d1.example');
  });

  it('writes nothing when nothing changed, and only the changed file (and the manifest) otherwise', async () => {
    seen.length = 0;
    expect(await writer().write(files('<h1>v1</h1>'))).toEqual({ written: 0, unchanged: 3 });
    expect(seen.map((s) => s.method)).toEqual(['GET']);
    seen.length = 0;
    expect(await writer().write(files('<h1>v2</h1>'))).toEqual({ written: 1, unchanged: 2 });
    expect(seen.filter((s) => s.method === 'PUT').map((s) => s.path)).toEqual([
      '/cocreate-site-test/index.html',
      `/cocreate-site-test/${SITE_MANIFEST_KEY}`,
    ]);
    expect(objects.get('/cocreate-site-test/index.html')?.body.toString()).toBe('<h1>v2</h1>');
  });

  it('compares a given content version instead of bytes that change every run (the .docx)', async () => {
    const docx = (stamp: number) =>
      new Map<string, string | Uint8Array>([['action-plan.docx', new Uint8Array([80, 75, 3, 4, stamp])]]);
    const versions = new Map([['action-plan.docx', 'blocks:abc']]);
    expect((await writer().write(docx(1), versions)).written).toBe(1);
    seen.length = 0;
    expect(await writer().write(docx(2), versions)).toEqual({ written: 0, unchanged: 1 });
    expect(seen.filter((s) => s.method === 'PUT')).toEqual([]);
    expect((await writer().write(docx(3), new Map([['action-plan.docx', 'blocks:def']]))).written).toBe(1);
  });
});
