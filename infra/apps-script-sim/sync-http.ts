// A synchronous HTTP client for the UrlFetchApp fake (Apps Script's fetch blocks; Node's does not).
// A long-lived worker thread does the real `fetch`; the caller blocks on Atomics.wait over a
// SharedArrayBuffer and then takes the reply with receiveMessageOnPort (the synckit pattern).
//
// IMPORTANT: the calling thread is blocked for the whole request, so the HTTP server it talks to must not
// run on that thread (its event loop would never answer): run the server in another worker thread or a
// child process. The demo therefore runs the Apps Script bundle in a worker (worker-runner.ts).
//
// The worker is created from an inline string (`eval: true`), so this module works unchanged from
// TypeScript source (jest) and from an esbuild CommonJS bundle (dist/cli/index.js).
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

export interface SyncHttpRequest {
  url: string;
  /** GET, POST, ... (any case). */
  method?: string;
  headers?: Record<string, string>;
  payload?: string;
  /** Follow 3xx responses (UrlFetchApp's followRedirects, default true). */
  followRedirects?: boolean;
  timeoutMs?: number;
}

export interface SyncHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

const WORKER_CODE = `
const { workerData } = require('node:worker_threads');
const port = workerData.port;
const state = new Int32Array(workerData.flag);
function describe(e, url, timedOut) {
  if (timedOut) return 'Exception: Timeout: ' + url;
  const code = (e && e.cause && e.cause.code) || (e && e.code) || '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Exception: DNS error: ' + url;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH' || code === 'UND_ERR_SOCKET')
    return 'Exception: Address unavailable: ' + url;
  return 'Exception: ' + ((e && e.cause && e.cause.message) || (e && e.message) || String(e)) + ': ' + url;
}
port.on('message', async (msg) => {
  let reply;
  const ctrl = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; ctrl.abort(); }, msg.timeoutMs);
  try {
    const res = await fetch(msg.url, {
      method: msg.method,
      headers: msg.headers,
      body: msg.payload === undefined ? undefined : msg.payload,
      redirect: msg.followRedirects ? 'follow' : 'manual',
      signal: ctrl.signal,
    });
    const body = await res.text();
    const headers = {};
    res.headers.forEach((v, k) => { headers[k] = v; });
    reply = { id: msg.id, ok: true, status: res.status, headers, body };
  } catch (e) {
    reply = { id: msg.id, ok: false, error: describe(e, msg.url, timedOut) };
  } finally {
    clearTimeout(timer);
  }
  port.postMessage(reply);
  Atomics.add(state, 0, 1);
  Atomics.notify(state, 0);
});
`;

type Reply =
  | { id: number; ok: true; status: number; headers: Record<string, string>; body: string }
  | { id: number; ok: false; error: string };

/** One worker, many sequential requests. Call close() when done (the worker is unref'd either way). */
export class SyncHttp {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly state: Int32Array;
  private seq = 0;
  private closed = false;

  constructor(private readonly defaultTimeoutMs = DEFAULT_TIMEOUT_MS) {
    const flag = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    this.state = new Int32Array(flag);
    this.port = port1;
    this.worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { port: port2, flag },
      transferList: [port2],
    });
    this.worker.unref();
  }

  /** Blocks until the response arrives; throws an Error("Exception: ...") when there is none. */
  request(req: SyncHttpRequest): SyncHttpResponse {
    if (this.closed) throw new Error('SyncHttp is closed');
    const id = ++this.seq;
    const timeoutMs = req.timeoutMs ?? this.defaultTimeoutMs;
    this.port.postMessage({
      id,
      url: req.url,
      method: (req.method ?? 'GET').toUpperCase(),
      headers: req.headers ?? {},
      payload: req.payload,
      followRedirects: req.followRedirects ?? true,
      timeoutMs,
    });
    // The worker aborts at timeoutMs; the extra margin only guards against a dead worker.
    const deadline = Date.now() + timeoutMs + 5_000;
    for (;;) {
      const seen = Atomics.load(this.state, 0);
      let got = receiveMessageOnPort(this.port);
      while (got) {
        const reply = got.message as Reply;
        if (reply.id === id) {
          if (!reply.ok) throw new Error(reply.error);
          return { status: reply.status, headers: reply.headers, body: reply.body };
        }
        got = receiveMessageOnPort(this.port); // a late reply to an earlier, abandoned request
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Exception: Timeout: ${req.url}`);
      Atomics.wait(this.state, 0, seen, left);
    }
  }

  close(): Promise<number> {
    if (this.closed) return Promise.resolve(0);
    this.closed = true;
    this.port.close();
    return this.worker.terminate();
  }
}
