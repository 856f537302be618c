// An HTTP proxy in front of a local server that throttles or drops a share of requests, to prove that
// clients retry without losing or duplicating anything. Loopback only; bounded by the test.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChaosOptions {
  /** Share of requests answered with DynamoDB's throttling error (HTTP 400). */
  throttle: number;
  /** Share of requests whose connection is dropped without an answer (never forwarded). */
  drop: number;
  /** Share of requests forwarded (so they take effect) whose answer is then lost. */
  dropAfter?: number;
  /** Deterministic pseudo-random source (default: a fixed-seed generator). */
  random?: () => number;
}

export interface ChaosProxy {
  url: string;
  stats: { forwarded: number; throttled: number; dropped: number; lostAnswers: number };
  close(): Promise<void>;
}

function seeded(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function startChaosProxy(targetUrl: string, opts: ChaosOptions): Promise<ChaosProxy> {
  const target = new URL(targetUrl);
  const random = opts.random ?? seeded();
  const stats = { forwarded: 0, throttled: 0, dropped: 0, lostAnswers: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const roll = random();
      if (roll < opts.drop) {
        stats.dropped++;
        req.socket.destroy();
        return;
      }
      if (roll < opts.drop + opts.throttle) {
        stats.throttled++;
        // DynamoDB's documented error shape: docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'The level of configured provisioned throughput for the table was exceeded.',
          }),
        );
        return;
      }
      stats.forwarded++;
      const loseAnswer = roll < opts.drop + opts.throttle + (opts.dropAfter ?? 0);
      const upstream = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          if (loseAnswer) {
            stats.lostAnswers++;
            up.resume();
            up.on('end', () => req.socket.destroy());
            return;
          }
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => req.socket.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
