// A tiny HTTP server that records every request and answers from a script, for tests of the simulated
// UrlFetchApp. It runs in a worker thread, never on the caller's thread: a synchronous fetch blocks the
// caller, so a server sharing its event loop could never answer (see sync-http.ts).
import { Worker } from 'node:worker_threads';

export interface CapturedRequest {
  method: string;
  path: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
  /** The status the server answered with. */
  status: number;
}

export interface ScriptedResponse {
  status: number;
  body?: string;
  /** Wait this long before answering (to provoke client timeouts). */
  delayMs?: number;
}

export interface CaptureServer {
  url: string;
  requests(): Promise<CapturedRequest[]>;
  /** Answers the next requests with these, in order; then falls back to the default response. */
  respondWith(...responses: ScriptedResponse[]): Promise<void>;
  /** Changes the default response (initially 201 {"ok":true}). */
  setDefault(response: ScriptedResponse): Promise<void>;
  /** Answers requests for these exact paths (with their query string) with these, before anything else. */
  setPaths(paths: Record<string, ScriptedResponse>): Promise<void>;
  close(): Promise<void>;
}

const SERVER_CODE = `
const http = require('node:http');
const { parentPort } = require('node:worker_threads');
const requests = [];
let queue = [];
let fallback = { status: 201, body: '{"ok":true}' };
let paths = {};
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const plan = Object.hasOwn(paths, req.url) ? paths[req.url] : queue.length ? queue.shift() : fallback;
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    requests.push({ method: req.method, path: req.url, headers, body: Buffer.concat(chunks).toString('utf8'), status: plan.status });
    const answer = () => {
      res.writeHead(plan.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(plan.body === undefined ? '{}' : plan.body);
    };
    if (plan.delayMs) setTimeout(answer, plan.delayMs); else answer();
  });
});
parentPort.on('message', (m) => {
  if (m.type === 'requests') parentPort.postMessage({ type: 'requests', id: m.id, requests });
  if (m.type === 'respondWith') { queue = queue.concat(m.responses); parentPort.postMessage({ type: 'ack', id: m.id }); }
  if (m.type === 'setPaths') { paths = m.paths; parentPort.postMessage({ type: 'ack', id: m.id }); }
  if (m.type === 'setDefault') { fallback = m.response; parentPort.postMessage({ type: 'ack', id: m.id }); }
  if (m.type === 'close') { server.closeAllConnections(); server.close(() => parentPort.postMessage({ type: 'ack', id: m.id })); }
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ type: 'ready', port: server.address().port }));
`;

export function startCaptureServer(): Promise<CaptureServer> {
  const worker = new Worker(SERVER_CODE, { eval: true });
  let seq = 0;
  const pending = new Map<number, (m: { requests?: CapturedRequest[] }) => void>();
  const ask = <T>(message: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = ++seq;
      pending.set(id, resolve as (m: unknown) => void);
      worker.postMessage({ ...message, id });
    });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { type: string; id?: number; port?: number; requests?: CapturedRequest[] }) => {
      if (m.type === 'ready') {
        resolve({
          url: `http://127.0.0.1:${m.port}`,
          requests: () => ask<{ requests: CapturedRequest[] }>({ type: 'requests' }).then((r) => r.requests),
          respondWith: (...responses) => ask<void>({ type: 'respondWith', responses }).then(() => undefined),
          setDefault: (response) => ask<void>({ type: 'setDefault', response }).then(() => undefined),
          setPaths: (paths) => ask<void>({ type: 'setPaths', paths }).then(() => undefined),
          close: async () => {
            await ask<void>({ type: 'close' });
            await worker.terminate();
          },
        });
        return;
      }
      const done = m.id === undefined ? undefined : pending.get(m.id);
      if (done && m.id !== undefined) {
        pending.delete(m.id);
        done(m);
      }
    });
  });
}
