// Local HTTP gateway: turns requests into API Gateway HTTP API (v2) events for the built Lambda bundles,
// with routes from shared/definitions/routes.ts (the same list serverless.yml reads). Also serves the Lambda Invoke
// path (POST /2015-03-31/functions/<name>/invocations) so scheduled functions can be run by hand, and the local
// public site (GET /site/...).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { FUNCTIONS, type FunctionName, matchRoute } from '../../shared/definitions/routes';

/** API Gateway's own payload limit; the handlers enforce their smaller one. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous response limit (6 MB): a handler answering more fails in AWS, so it fails here too. */
export const LAMBDA_MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

type Handler = (event: unknown) => Promise<unknown>;

export interface Gateway {
  url: string;
  server: Server;
  invoke(name: FunctionName, event: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** Loads `dist/lambdas/<name>/index.js` once (like a warm container). */
export function bundleLoader(distDir: string): (name: FunctionName) => Handler {
  const cache = new Map<string, Handler>();
  return (name) => {
    let h = cache.get(name);
    if (!h) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      h = require(join(distDir, 'lambdas', name, 'index.js')).handler as Handler;
      cache.set(name, h);
    }
    return h;
  };
}

export async function startGateway(opts: {
  port: number;
  host?: string;
  distDir: string;
  /** Served read-only under /site/ (the public site as the publish Lambda writes it locally). */
  siteDir?: string;
}): Promise<Gateway> {
  const load = bundleLoader(opts.distDir);
  const known = new Set<string>(FUNCTIONS.map((f) => f.name));
  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      console.error('gateway error', e);
      if (!res.headersSent) send(res, 500, { error: { code: 'internal', message: 'Gateway error' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = (req.method ?? 'GET').toUpperCase();
    const invoke = /^\/2015-03-31\/functions\/([\w-]+)\/invocations$/.exec(url.pathname);
    const body = await readBody(req);
    if (body === null) {
      return send(res, 413, {
        error: { code: 'too_large', message: 'Payload too large / Muatan terlalu besar' },
      });
    }
    if (invoke && method === 'POST') {
      const name = invoke[1] as FunctionName;
      if (!known.has(name))
        return send(res, 404, { error: { code: 'not_found', message: `No function ${name}` } });
      const event = body.length ? JSON.parse(body.toString('utf8')) : {};
      return send(res, 200, await load(name)(event));
    }
    if (opts.siteDir && method === 'GET' && (url.pathname === '/site' || url.pathname.startsWith('/site/'))) {
      return serveSite(res, opts.siteDir, url.pathname);
    }
    const route = matchRoute(method, url.pathname);
    if (!route) {
      return send(res, 404, {
        error: { code: 'not_found', message: 'Rute tidak ditemukan / Route not found' },
      });
    }
    const result = (await load(route.function)(toEvent(req, url, body))) as APIGatewayProxyStructuredResultV2;
    const size = Buffer.byteLength(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
    if (size > LAMBDA_MAX_RESPONSE_BYTES) {
      // Lambda refuses such a response (Function.ResponseSizeTooLarge) and API Gateway answers 500: so here.
      console.error(
        `gateway: ${route.function} answered ${size} bytes, over Lambda's ${LAMBDA_MAX_RESPONSE_BYTES}`,
      );
      return send(res, 500, {
        error: {
          code: 'response_too_large',
          message: `Jawaban fungsi melebihi batas Lambda 6 MB / Function response exceeds Lambda's 6 MB limit (${size} bytes)`,
        },
      });
    }
    res.writeHead(result.statusCode ?? 200, (result.headers ?? {}) as Record<string, string>);
    res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    invoke: (name, event) => load(name)(event),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function toEvent(req: IncomingMessage, url: URL, body: Buffer): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  // HTTP APIs pass text bodies as-is and anything that is not valid UTF-8 base64-encoded.
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = undefined;
  }
  const now = new Date();
  const method = (req.method ?? 'GET').toUpperCase();
  return {
    version: '2.0',
    routeKey: `${method} ${url.pathname}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search ? { queryStringParameters: Object.fromEntries(url.searchParams) } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${method} ${url.pathname}`,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length
      ? { body: text ?? body.toString('base64'), isBase64Encoded: text === undefined }
      : { isBase64Encoded: false }),
  };
}

/** Reads the body, or null once it passes the gateway limit (the rest is drained, not buffered). */
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > GATEWAY_MAX_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body ?? null));
}

const SITE_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A file of the local public site (index.html for the folder), never anything outside it. */
function serveSite(res: ServerResponse, siteDir: string, pathname: string) {
  const root = resolve(siteDir);
  let rel: string;
  try {
    rel = decodeURIComponent(pathname.replace(/^\/site\/?/, '')) || 'index.html';
  } catch {
    return send(res, 400, { error: { code: 'malformed', message: 'Bad path' } });
  }
  const file = resolve(root, rel);
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return send(res, 404, {
      error: { code: 'not_found', message: 'Halaman tidak ditemukan / Page not found' },
    });
  }
  res.writeHead(200, {
    'content-type': SITE_TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream',
  });
  res.end(readFileSync(file));
}
