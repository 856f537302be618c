import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CaptureServer, startCaptureServer } from '../../../../infra/apps-script-sim/capture-server';
import { SyncHttp } from '../../../../infra/apps-script-sim/sync-http';

/** A port nobody listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('SyncHttp (the server runs in a worker thread: this thread blocks during each request)', () => {
  let server: CaptureServer;
  const http = new SyncHttp(5_000);

  beforeAll(async () => {
    server = await startCaptureServer();
  });

  afterAll(async () => {
    await http.close();
    await server.close();
  });

  it('sends method, headers and a UTF-8 payload, and blocks until the answer is there', async () => {
    const res = http.request({
      url: `${server.url}/v1/proposals?x=1`,
      method: 'post',
      headers: { 'X-Test': 'yes', 'Content-Type': 'application/json; charset=utf-8' },
      payload: '{"judul":"Keterbukaan anggaran — Rp 150.000 🌏"}',
    });
    expect(res).toMatchObject({ status: 201, body: '{"ok":true}' });
    expect(res.headers['content-type']).toMatch(/json/);
    const [req] = await server.requests();
    expect(req).toMatchObject({
      method: 'POST',
      path: '/v1/proposals?x=1',
      body: '{"judul":"Keterbukaan anggaran — Rp 150.000 🌏"}',
    });
    expect(req?.headers['x-test']).toBe('yes');
  });

  it('returns error statuses as responses, in order, one request at a time', async () => {
    await server.respondWith({ status: 503, body: 'down' }, { status: 422, body: '{"error":{}}' });
    expect(http.request({ url: server.url }).status).toBe(503);
    expect(http.request({ url: server.url })).toMatchObject({ status: 422, body: '{"error":{}}' });
    expect(http.request({ url: server.url }).status).toBe(201);
  });

  it('throws like UrlFetchApp when the connection is refused', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1/proposals`;
    expect(() => http.request({ url, method: 'POST', payload: '{}' })).toThrow(
      `Exception: Address unavailable: ${url}`,
    );
  });

  it('throws a timeout like UrlFetchApp when the server is too slow, and stays usable afterwards', async () => {
    await server.respondWith({ status: 200, delayMs: 1_500 });
    expect(() => http.request({ url: `${server.url}/slow`, timeoutMs: 300 })).toThrow(
      /^Exception: Timeout: http/,
    );
    expect(http.request({ url: `${server.url}/after` }).status).toBe(201);
  });

  it('refuses requests once closed', async () => {
    const other = new SyncHttp();
    await other.close();
    expect(() => other.request({ url: server.url })).toThrow(/closed/);
  });
});
