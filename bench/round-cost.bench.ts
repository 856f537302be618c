// What a 1,000-proposal round costs on AWS: the round is played against dynalite through a metering proxy
// (requests, bytes, read and write request units) with the real handlers and services, each invocation
// timed; then priced with bench/prices.json. What cannot run here (network latency inside AWS, Google API
// latency) is estimated and said so in the log and docs. The alarms and custom metrics priced are the ones
// the template creates (infra/build/alarms.js, the definition serverless-config.js packages); the site's PUTs
// are the ones the real S3 site writer makes, publish after publish, as the round changes.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { accessLogLine, alerting, billedMonitoring } from '../infra/build/alarms';
import { makeDocumentClient } from '../lambdas/adapters/aws-clients';
import { DynamoNegotiationStore } from '../lambdas/adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../lambdas/adapters/dynamodb-proposal-store';
import { DynamoNotificationLedger } from '../lambdas/adapters/notification-ledger';
import { S3SiteWriter } from '../lambdas/adapters/s3-site-writer';
import { plainSecret } from '../lambdas/adapters/secrets';
import type { OutgoingEmail } from '../lambdas/adapters/ses-mailer';
import { createIngestHandler } from '../lambdas/ingest';
import { createNegotiationsHandler } from '../lambdas/negotiations';
import { createReviewsHandler } from '../lambdas/reviews';
import { sendDigest } from '../lambdas/services/digest-service';
import { notifyProposers } from '../lambdas/services/notify-service';
import { publishSite } from '../lambdas/services/publish-service';
import { reconcile } from '../lambdas/services/reconcile-service';
import { commitmentsOf, joinReviews } from '../shared/consolidation/round-view';
import { formSpec } from '../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../shared/definitions/round';
import { FUNCTIONS, type FunctionName } from '../shared/definitions/routes';
import { TABLE } from '../shared/definitions/table';
import { answersToTitles } from '../shared/ingest/answers';
import { negotiationRows } from '../shared/negotiation/google/negotiation-sheet';
import type { NegotiationEdit } from '../shared/negotiation/negotiation-api';
import { signRequest } from '../shared/platform/signing';
import { fieldValue, type ReviewEdit } from '../shared/review/review-api';
import { REVIEW_FIELDS, type ReviewField } from '../shared/review/review-sheet';
import { createTable, dynaliteProcess, type Result, ROOT, syntheticAnswers } from './support';

const N = Number(process.env.BENCH_ROUND_N ?? 1000);
const WEEKS = 12;
const MONTHS = (WEEKS * 7) / 30.44;
const RECONCILES = WEEKS * 7 * 24 * 4; // every 15 minutes
/** Estimates (no network here): a DynamoDB round trip from a Lambda in the region; a Google API call. */
const DYNAMODB_RTT_MS = 5;
const GOOGLE_CALL_MS = 400;
/** Google calls of one reconcile run: the form's responses and the review tabs (one batchGet). */
const GOOGLE_CALLS_PER_RECONCILE = 2;
/** Lambda's own START, END and REPORT lines per invocation (bytes, an estimate from their format). */
const PLATFORM_LOG_BYTES = 350;
/** Negotiation: an action plan's commitments (tens, not the round's 1,000 accepted proposals), each
 * negotiated over 3 meetings of 10 single-field edits (an assumption about use, not a measurement). */
const NEGOTIATED_COMMITMENTS = 16;
const NEGOTIATION_EDITS_EACH = 3 * 10;
const HOURS_PER_MONTH = 730;
const SECRET = 'c'.repeat(64);
const TABLE_NAME = 'bench-round';

interface Prices {
  jakartaUpliftForBound: number;
  prices: Record<string, { usd: number; confirmed: boolean }>;
}

/** DynamoDB item size as billed (attribute names + values), per the developer guide's rules. */
function attrBytes(v: Record<string, unknown>): number {
  const [type, val] = Object.entries(v)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(val), 'utf8');
    case 'N':
      return Math.ceil(String(val).replace(/^-|\./g, '').length / 2) + 1;
    case 'B':
      return Math.ceil((String(val).length * 3) / 4);
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'L':
      return 3 + (val as Record<string, unknown>[]).reduce((n, x) => n + 1 + attrBytes(x), 0);
    case 'M':
      return 3 + itemBytes(val as Record<string, Record<string, unknown>>, 1);
    case 'SS':
    case 'NS':
      return (val as string[]).reduce((n, x) => n + Buffer.byteLength(x, 'utf8'), 0);
    default:
      return 0;
  }
}
// docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
function itemBytes(item: Record<string, Record<string, unknown>>, perAttribute = 0): number {
  let n = 0;
  for (const [k, v] of Object.entries(item)) n += Buffer.byteLength(k, 'utf8') + attrBytes(v) + perAttribute;
  return n;
}

/** Write units of one item put, its index entries included (each index with the item's keys is written). */
function putUnits(item: Record<string, Record<string, unknown>>): number {
  let units = Math.max(1, Math.ceil(itemBytes(item) / 1024));
  for (const ix of TABLE.indexes) {
    if (!item[ix.partitionKey] || !item[ix.sortKey]) continue;
    // An index without `include` projects the whole item.
    const include = ix.include;
    const keep = new Set<string>([ix.partitionKey, ix.sortKey, TABLE.partitionKey, TABLE.sortKey]);
    const projected = include
      ? Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k) || include.includes(k)))
      : item;
    units += Math.max(1, Math.ceil(itemBytes(projected) / 1024));
  }
  return units;
}

const readUnits = (bytes: number, consistent: boolean) =>
  Math.ceil(bytes / 4096 || 1) * (consistent ? 1 : 0.5);

interface Meter {
  requests: number;
  byOperation: Record<string, number>;
  wru: number;
  rru: number;
  bytesIn: number;
  bytesOut: number;
}
const emptyMeter = (): Meter => ({ requests: 0, byOperation: {}, wru: 0, rru: 0, bytesIn: 0, bytesOut: 0 });

/** A proxy in front of dynalite that counts every request and the request units DynamoDB would bill. */
async function meteringProxy(target: string): Promise<{ url: string; meter: Meter; close(): Promise<void> }> {
  const t = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const box = { meter: emptyMeter() };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const op = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '?';
      const up = httpRequest(
        { host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers, agent },
        (answer: IncomingMessage) => {
          const out: Buffer[] = [];
          answer.on('data', (c: Buffer) => out.push(c));
          answer.on('end', () => {
            const reply = Buffer.concat(out);
            count(box.meter, op, body, reply, answer.statusCode ?? 0);
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(reply);
          });
        },
      );
      up.on('error', () => req.socket.destroy());
      up.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get meter() {
      return box.meter;
    },
    set meter(m: Meter) {
      box.meter = m;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
        agent.destroy();
      }),
  } as { url: string; meter: Meter; close(): Promise<void> };
}

type Json = Record<string, unknown>;
function count(m: Meter, op: string, body: Buffer, reply: Buffer, status: number): void {
  m.requests++;
  m.byOperation[op] = (m.byOperation[op] ?? 0) + 1;
  m.bytesIn += body.length;
  m.bytesOut += reply.length;
  let input: Json = {};
  let output: Json = {};
  try {
    input = JSON.parse(body.toString('utf8') || '{}');
    output = JSON.parse(reply.toString('utf8') || '{}');
  } catch {
    return;
  }
  const consistent = input.ConsistentRead === true;
  const items = (xs: unknown) => (Array.isArray(xs) ? (xs as Record<string, Record<string, unknown>>[]) : []);
  switch (op) {
    case 'PutItem':
      // A failed condition still costs the write (developer guide: conditional writes).
      m.wru += putUnits(input.Item as Record<string, Record<string, unknown>>);
      break;
    case 'DeleteItem':
      m.wru += 1;
      break;
    case 'BatchWriteItem':
      for (const reqs of Object.values((input.RequestItems ?? {}) as Record<string, Json[]>))
        for (const r of reqs) {
          const put = (r.PutRequest as Json | undefined)?.Item as
            | Record<string, Record<string, unknown>>
            | undefined;
          m.wru += put ? putUnits(put) : 1;
        }
      for (const reqs of Object.values((output.UnprocessedItems ?? {}) as Record<string, Json[]>))
        for (const r of reqs) {
          const put = (r.PutRequest as Json | undefined)?.Item as
            | Record<string, Record<string, unknown>>
            | undefined;
          m.wru -= put ? putUnits(put) : 1;
        }
      break;
    case 'GetItem':
      if (status === 200) m.rru += readUnits(output.Item ? itemBytes(output.Item as never) : 0, consistent);
      break;
    case 'BatchGetItem':
      for (const [table, rs] of Object.entries((output.Responses ?? {}) as Record<string, unknown[]>)) {
        const c = ((input.RequestItems as Record<string, Json>)?.[table]?.ConsistentRead as boolean) === true;
        for (const it of items(rs)) m.rru += readUnits(itemBytes(it), c);
      }
      break;
    case 'Query':
    case 'Scan': {
      // Billed on the size of the items read, summed and rounded up to 4 KB, not per item.
      const bytes = items(output.Items).reduce((n, it) => n + itemBytes(it), 0);
      m.rru += readUnits(bytes, consistent);
      break;
    }
  }
}

interface Invocation {
  fn: FunctionName;
  ms: number;
  /** Lines the alerting's error filter counts (`"level":"error"`): each one publishes the errors metric. */
  errorLines: number;
  dynamodb: number;
  logBytes: number;
  responseBytes: number;
  requestBytes: number;
  /** The HTTP API's access-log line for this request (0 for an invocation that is not an API request). */
  accessLogBytes: number;
}

interface Measured {
  request: number;
  response: number;
  accessLog?: string;
}

/** What an API request measures: its body sizes and the access-log line API Gateway writes for it. */
function apiBytes(event: APIGatewayProxyEventV2, answer: { statusCode?: number; body?: unknown }): Measured {
  return {
    request: String(event.body).length,
    response: String(answer.body ?? '').length,
    accessLog: accessLogLine({
      // An HTTP API request id is 16 characters (e.g. "JKJaXmPLvHcESHA=").
      requestId: 'A'.repeat(16),
      routeKey: `${event.requestContext.http.method} ${event.rawPath}`,
      status: answer.statusCode ?? 200,
    }),
  };
}

/**
 * An S3 bucket behind the site writer's fetch: keeps objects as path-style PUT/GET do (GET of a missing key
 * is 404) and counts the PUTs and their bytes, so the bench prices the requests the real writer makes.
 */
function countingBucket() {
  const box = { puts: 0, gets: 0, stored: new Map<string, Buffer>() };
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const path = new URL(String(url)).pathname;
    if (init?.method === 'PUT') {
      const body = Buffer.from(init.body as Uint8Array | string);
      box.puts++;
      box.stored.set(path, body);
      return new Response('', { status: 200 });
    }
    box.gets++;
    const found = box.stored.get(path);
    return found ? new Response(new Uint8Array(found), { status: 200 }) : new Response('', { status: 404 });
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    get puts() {
      return box.puts;
    },
    get gets() {
      return box.gets;
    },
    /** What the bucket holds at the end (bytes), as S3 storage is billed. */
    storedBytes: () => [...box.stored.values()].reduce((n, b) => n + b.length, 0),
  };
}

/** The indices (0-based) of n items after which each of `weeks` publishes falls: the end of every week. */
function weekEnds(n: number, weeks: number): number[] {
  return Array.from({ length: weeks }, (_, k) => Math.max(0, Math.ceil(((k + 1) * n) / weeks) - 1));
}

/** Times fn and counts what it logged (stdout and stderr, as CloudWatch Logs would ingest them). */
async function invoke<T>(
  proxy: { meter: Meter },
  fn: FunctionName,
  run: () => Promise<T>,
  bytes: (value: T) => Measured = () => ({ request: 0, response: 0 }),
): Promise<{ value: T; inv: Invocation }> {
  let logBytes = 0;
  let errorLines = 0;
  const write = (orig: typeof process.stdout.write) =>
    ((chunk: string | Uint8Array) => {
      logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      errorLines += String(chunk).split('"level":"error"').length - 1;
      return true;
    }) as unknown as typeof orig;
  const [out, err] = [process.stdout.write, process.stderr.write];
  const before = proxy.meter.requests;
  process.stdout.write = write(out);
  process.stderr.write = write(err);
  const t0 = process.hrtime.bigint();
  let value: T;
  try {
    value = await run();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const b = bytes(value);
  return {
    value,
    inv: {
      fn,
      ms,
      errorLines,
      dynamodb: proxy.meter.requests - before,
      logBytes,
      requestBytes: b.request,
      responseBytes: b.response,
      accessLogBytes: b.accessLog ? Buffer.byteLength(b.accessLog) + 1 : 0,
    },
  };
}

function signedEvent(
  path: '/v1/proposals' | '/v1/reviews' | '/v1/negotiations',
  body: unknown,
  nowSeconds: number,
): APIGatewayProxyEventV2 {
  const raw = JSON.stringify(body);
  const headers = signRequest(
    SECRET,
    raw,
    nowSeconds,
    (k, m) => createHmac('sha256', k).update(m).digest('hex'),
    { method: 'POST', path },
  );
  return {
    rawPath: path,
    headers,
    body: raw,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', path } },
  } as unknown as APIGatewayProxyEventV2;
}

interface Phase {
  name: string;
  /** How many times the measured work happens in the round (1 when all of it was measured). */
  times: number;
  invocations: Invocation[];
  meter: Meter;
  /** Lambda invocations: the measured ones times `times`. */
  apiRequests: number;
  emails?: number;
  s3Puts?: number;
  s3Bytes?: number;
  extraMsPerInvocation?: number;
  note?: string;
}

export async function benchRoundCost(log: (s: string) => void): Promise<Result[]> {
  const prices = JSON.parse(readFileSync(join(ROOT, 'bench', 'prices.json'), 'utf8')) as Prices;
  const price = (k: string) => {
    const p = prices.prices[k];
    if (!p) throw new Error(`bench/prices.json has no ${k}`);
    return p.usd;
  };
  const db = await dynaliteProcess();
  const proxy = await meteringProxy(db.url);
  const phases: Phase[] = [];
  try {
    await createTable(db.url, TABLE_NAME);
    const doc = makeDocumentClient({ dynamodbEndpoint: proxy.url });
    const store = new DynamoProposalStore(doc, TABLE_NAME);
    // The bench's own reads (to build the next phase's input) go around the meter: they are not the round's.
    const direct = makeDocumentClient({ dynamodbEndpoint: db.url });
    const unmetered = new DynamoProposalStore(direct, TABLE_NAME);
    const spec = formSpec(DEFAULT_ROUND);
    let clock = Date.parse('2026-08-03T02:00:00Z');
    const now = () => new Date(clock);
    const tick = (ms = 1000) => {
      clock += ms;
    };
    const phase = (name: string, times = 1, extra: Partial<Phase> = {}): Phase => {
      proxy.meter = emptyMeter();
      const p: Phase = { name, times, invocations: [], meter: proxy.meter, apiRequests: 0, ...extra };
      phases.push(p);
      return p;
    };

    // Intake: one signed POST /v1/proposals per proposal.
    const ingest = createIngestHandler(() => ({
      store,
      secrets: plainSecret(SECRET),
      spec,
      round: DEFAULT_ROUND,
      now,
    }));
    const answers = syntheticAnswers(N);
    const bodies = answers.map((a, i) => ({
      responseId: `round-${i}`,
      submittedAt: new Date(clock + i * 60_000).toISOString(),
      source: 'form',
      answers: a,
    }));
    // Publishing, once a week, with the real publish service and S3 site writer (a counting bucket behind its
    // fetch). The round's 12 weeks as played here: intake (weeks 1-4), review (5-8), consolidation (9-10),
    // negotiation (11-12); the site is published at the end of each week, so a file is written each time its
    // bytes changed since the last publish (the timeline is an assumption; docs/benchmarks.md says it).
    const bucket = countingBucket();
    const siteWriter = new S3SiteWriter('bench-site', {
      region: 'ap-southeast-3',
      credentials: () => ({ accessKeyId: 'bench', secretAccessKey: 'bench' }),
      endpoint: 'http://s3.bench.invalid/',
      fetch: bucket.fetch,
    });
    const negotiationStore = new DynamoNegotiationStore(doc, TABLE_NAME);
    const publishing: Phase = {
      name: `publish the site (weekly, ${WEEKS})`,
      times: 1,
      invocations: [],
      meter: emptyMeter(),
      apiRequests: 0,
    };
    let siteFiles = 0;
    const publishAfter = async (i: number, ends: readonly number[]) => {
      for (const end of ends) {
        if (end !== i) continue;
        const others = proxy.meter;
        proxy.meter = publishing.meter;
        try {
          const { value, inv } = await invoke(proxy, 'publish', () =>
            publishSite(
              { store, negotiations: negotiationStore, round: DEFAULT_ROUND, writer: siteWriter },
              now(),
            ),
          );
          siteFiles = value.files;
          publishing.invocations.push(inv);
        } finally {
          proxy.meter = others;
        }
      }
    };

    let p = phase('intake');
    const ids: string[] = [];
    const intakeWeeks = weekEnds(bodies.length, 4);
    for (const [i, body] of bodies.entries()) {
      tick();
      const event = signedEvent('/v1/proposals', body, Math.floor(clock / 1000));
      const { value, inv } = await invoke(
        proxy,
        'ingest',
        () => ingest(event),
        (r) => apiBytes(event, r),
      );
      ids.push(
        String(
          (JSON.parse(String(value.body)) as { id?: string; error?: { details?: { id?: string } } }).id ??
            (JSON.parse(String(value.body)) as { error?: { details?: { id?: string } } }).error?.details?.id,
        ),
      );
      p.invocations.push(inv);
      await publishAfter(i, intakeWeeks);
    }
    p.meter = proxy.meter;

    // Review: three single-field edits per proposal from the sheet, then consolidation's decision.
    const reviews = createReviewsHandler(() => ({
      store,
      secrets: plainSecret(SECRET),
      round: DEFAULT_ROUND,
      now,
    }));
    const versions = new Map<string, number>();
    let refused = 0;
    const edit = async (ph: Phase, proposalId: string, field: ReviewField, to: string) => {
      tick();
      const e: ReviewEdit = {
        proposalId,
        expectedVersion: versions.get(proposalId) ?? 1,
        actor: 'peninjau@oms.example',
        changes: [{ field, to }],
      };
      const event = signedEvent('/v1/reviews', { edits: [e] }, Math.floor(clock / 1000));
      const { value, inv } = await invoke(
        proxy,
        'reviews',
        () => reviews(event),
        (r) => apiBytes(event, r),
      );
      const res = (JSON.parse(String(value.body)) as { results?: { ok: boolean; version?: number }[] })
        .results?.[0];
      if (res?.ok && res.version) versions.set(proposalId, res.version);
      else refused++;
      ph.invocations.push(inv);
    };
    p = phase('review (3 edits a proposal)');
    const reviewWeeks = weekEnds(ids.length, 4);
    for (const [i, id] of ids.entries()) {
      await edit(p, id, 'reviewer', 'Peninjau Bench (fiktif)');
      await edit(p, id, 'status', 'in_review');
      await edit(p, id, 'reasonedResponse', 'Tanggapan beralasan ilustratif untuk usulan ini.');
      await publishAfter(i, reviewWeeks);
    }
    p.meter = proxy.meter;
    p = phase('consolidation (1 decision a proposal)');
    const decisionWeeks = weekEnds(ids.length, 2);
    for (const [i, id] of ids.entries()) {
      await edit(p, id, 'status', 'accepted');
      await publishAfter(i, decisionWeeks);
    }
    p.meter = proxy.meter;
    if (refused) log(`  (${refused} review edits refused by the domain; they are billed the same)`);

    // Negotiation: through the real negotiations handler, on the consolidated round's first commitments:
    // signed POST /v1/negotiations, one edit each, the lead agency's note (a text revision every tenth).
    const negotiations = createNegotiationsHandler(() => ({
      negotiations: negotiationStore,
      rounds: store,
      nonces: store,
      secrets: plainSecret(SECRET),
      round: DEFAULT_ROUND,
      now,
    }));
    const consolidated = await unmetered.loadRound(DEFAULT_ROUND.id);
    const leadOf = new Map(consolidated.proposals.map((pr) => [pr.id, pr.leadAgency]));
    const negotiated = commitmentsOf(joinReviews(consolidated.proposals, consolidated.reviews)).slice(
      0,
      NEGOTIATED_COMMITMENTS,
    );
    p = phase(`negotiation (${negotiated.length} commitments x ${NEGOTIATION_EDITS_EACH} edits)`);
    let negotiationRefused = 0;
    const negotiationWeeks = weekEnds(negotiated.length, 2);
    for (const [i, c] of negotiated.entries()) {
      let version = 1;
      for (let k = 0; k < NEGOTIATION_EDITS_EACH; k++) {
        tick();
        const e: NegotiationEdit = {
          commitmentId: c.id,
          agency: String(leadOf.get(c.sourceProposalIds[0] ?? '') ?? ''),
          expectedVersion: version,
          actor: 'Sekretariat',
          changes: [
            k % 10 === 9
              ? { field: 'text.action', to: `Aksi komitmen hasil rapat ${k + 1} (ilustratif).` }
              : {
                  field: 'note',
                  to: `Catatan rapat ${Math.floor(k / 10) + 1}, butir ${k + 1} (ilustratif).`,
                },
          ],
        };
        const event = signedEvent('/v1/negotiations', { edits: [e] }, Math.floor(clock / 1000));
        const { value, inv } = await invoke(
          proxy,
          'negotiations',
          () => negotiations(event),
          (r) => apiBytes(event, r),
        );
        const res = (JSON.parse(String(value.body)) as { results?: { ok: boolean; version?: number }[] })
          .results?.[0];
        if (res?.ok && res.version) version = res.version;
        else negotiationRefused++;
        p.invocations.push(inv);
      }
      await publishAfter(i, negotiationWeeks);
    }
    p.meter = proxy.meter;
    phases.push(publishing);
    if (publishing.invocations.length !== WEEKS)
      throw new Error(`expected ${WEEKS} weekly publishes, played ${publishing.invocations.length}`);
    publishing.s3Puts = bucket.puts;
    publishing.s3Bytes = bucket.storedBytes();
    const weeklyGets = bucket.gets;
    publishing.note = `${bucket.puts} S3 PUTs by the site writer for ${siteFiles} files (${WEEKS} x ${siteFiles} = ${WEEKS * siteFiles} if every file were written each time), ${bucket.gets} GETs of its manifest`;
    if (negotiationRefused) log(`  (${negotiationRefused} negotiation edits refused; billed the same)`);

    // Weekly digests (12): one scheduled run each week, to the secretariat and each working group.
    let emails = 0;
    let emailBytes = 0;
    const mailer = {
      async send(email: OutgoingEmail) {
        emails += email.to.length;
        emailBytes += email.html.length + email.text.length;
        return { messageId: `bench-${emails}` };
      },
    };
    p = phase('weekly digests (12)');
    for (let w = 0; w < WEEKS; w++) {
      tick(7 * 24 * 3600_000);
      const { inv } = await invoke(proxy, 'digest', () =>
        sendDigest({
          store,
          negotiations: negotiationStore,
          mailer,
          round: DEFAULT_ROUND,
          from: 'sekretariat@example.org',
          to: ['sekretariat@example.org'],
          now,
        }),
      );
      p.invocations.push(inv);
    }
    p.meter = proxy.meter;
    p.emails = emails;

    // Reconcile every 15 minutes: the form's responses and the review tabs, compared with the table.
    const snapshot = await unmetered.loadRound(DEFAULT_ROUND.id);
    const sheetRows = snapshot.proposals.map((pr, i) => {
      const state = snapshot.reviews.get(pr.id);
      return {
        tab: 'GEDSI',
        rowNumber: i + 2,
        proposalId: pr.id,
        version: state?.version ?? 1,
        fields: Object.fromEntries(
          REVIEW_FIELDS.map((f) => [f, state ? fieldValue(state, f) : null]),
        ) as Record<ReviewField, never>,
      };
    });
    const form = {
      listResponses: async () =>
        bodies.map((b) => ({
          responseId: b.responseId,
          lastSubmittedTime: b.submittedAt,
          answersByTitle: answersToTitles(spec, b.answers),
        })),
    };
    const sheet = { readRows: async () => sheetRows, writeCells: async () => {}, appendRows: async () => {} };
    // The negotiation tab as the sheet holds it after negotiation: every row unchanged.
    const negotiationTab = [
      ...(await new DynamoNegotiationStore(direct, TABLE_NAME).listNegotiations(DEFAULT_ROUND.id)).values(),
    ]
      .flatMap((state) => negotiationRows(state))
      .map((cells, i) => ({ rowNumber: i + 2, cells }));
    const negotiationSheet = {
      readNegotiationRows: async () => negotiationTab,
      writeNegotiationCells: async () => {},
    };
    p = phase(`reconcile every 15 min (${RECONCILES})`, RECONCILES, {
      extraMsPerInvocation: GOOGLE_CALLS_PER_RECONCILE * GOOGLE_CALL_MS,
    });
    const { value: report, inv: recInv } = await invoke(proxy, 'reconcile', () =>
      reconcile({
        store,
        sheet,
        form,
        negotiations: negotiationStore,
        negotiationSheet,
        spec,
        round: DEFAULT_ROUND,
        now,
      }),
    );
    if (report.form.created || report.form.revised || report.sheet.applied || report.negotiation?.applied)
      log(`  (reconcile found changes: ${JSON.stringify(report)})`);
    p.invocations.push(recInv);
    p.meter = proxy.meter;

    // What the template also runs and round-cost-usd does not price (reported as round-cost-usd-as-scheduled):
    // publish every hour (here on the final round, nothing changed: a read of the round and a render, no PUT)
    // and notify every 15 minutes (its first run emails every decision; then each run reads the round and
    // finds nothing due). Publish on every table change (the stream) is not played: how many 60-s batches a
    // round makes depends on when people edit.
    const scheduled: Phase[] = [];
    const extra = (name: string, times: number): Phase => {
      proxy.meter = emptyMeter();
      const ph: Phase = { name, times, invocations: [], meter: proxy.meter, apiRequests: 0 };
      scheduled.push(ph);
      return ph;
    };
    const putsBefore = bucket.puts;
    p = extra(`publish hourly (${WEEKS * 7 * 24}, not in round-cost-usd)`, WEEKS * 7 * 24);
    p.invocations.push(
      (
        await invoke(proxy, 'publish', () =>
          publishSite(
            { store, negotiations: negotiationStore, round: DEFAULT_ROUND, writer: siteWriter },
            now(),
          ),
        )
      ).inv,
    );
    p.note = `${bucket.puts - putsBefore} PUTs (the round unchanged since the last publish)`;
    let notifyEmails = 0;
    const notifyDeps = {
      store,
      negotiations: negotiationStore,
      ledger: new DynamoNotificationLedger(doc, TABLE_NAME),
      mailer: {
        async send(email: OutgoingEmail) {
          notifyEmails += email.to.length;
          return { messageId: `bench-notify-${notifyEmails}` };
        },
      },
      round: DEFAULT_ROUND,
      from: 'sekretariat@example.org',
      siteUrl: 'https://situs.example',
      now,
    };
    for (const [name, times] of [
      ['notify, first run after the decisions (not in round-cost-usd)', 1],
      [`notify every 15 min, nothing due (${RECONCILES - 1}, not in round-cost-usd)`, RECONCILES - 1],
    ] as const) {
      p = extra(name, times);
      p.invocations.push((await invoke(proxy, 'notify', () => notifyProposers(notifyDeps))).inv);
    }

    // Storage: every item of the table at the end of the round (plus DynamoDB's 100 bytes of overhead each).
    let tableBytes = 0;
    for await (const page of paginateScan({ client: direct }, { TableName: TABLE_NAME }))
      for (const it of page.Items ?? [])
        tableBytes += itemBytes(marshall(it, { removeUndefinedValues: true }) as never) + 100;
    direct.destroy();
    doc.destroy();

    // Price it.
    const memory = new Map(FUNCTIONS.map((f) => [f.name, f.memoryMb]));
    const lines: { what: string; usd: number; detail: string }[] = [];
    let lambdaReq = 0;
    let gbs = 0;
    let api = 0;
    let logBytes = 0;
    let accessLogBytes = 0;
    let wru = 0;
    let rru = 0;
    let outBytes = 0;
    const usage = (ph: Phase) => {
      const n = ph.invocations.length * ph.times;
      const ms = ph.invocations.reduce(
        (s, i) => s + Math.ceil(i.ms + i.dynamodb * DYNAMODB_RTT_MS + (ph.extraMsPerInvocation ?? 0)),
        0,
      );
      const gb = ph.invocations.reduce(
        (s, i) =>
          s +
          (Math.ceil(i.ms + i.dynamodb * DYNAMODB_RTT_MS + (ph.extraMsPerInvocation ?? 0)) / 1000) *
            ((memory.get(i.fn) ?? 256) / 1024),
        0,
      );
      const isApi = ph.invocations.some((i) => ['ingest', 'reviews', 'negotiations'].includes(i.fn));
      log(
        `  ${ph.name}: ${n.toFixed(0)} invocations, ${(ms / ph.invocations.length).toFixed(1)} ms each (billed, estimate), ` +
          `${(ph.meter.requests * ph.times).toFixed(0)} DynamoDB requests (${Object.entries(
            ph.meter.byOperation,
          )
            .map(([k, v]) => `${k} ${(v * ph.times).toFixed(0)}`)
            .join(
              ', ',
            )}), ${(ph.meter.wru * ph.times).toFixed(0)} WRU, ${(ph.meter.rru * ph.times).toFixed(0)} RRU` +
          (ph.note ? `; ${ph.note}` : ''),
      );
      return {
        n,
        gbs: gb * ph.times,
        api: isApi ? n : 0,
        logBytes:
          (ph.invocations.reduce((s, i) => s + i.logBytes, 0) + PLATFORM_LOG_BYTES * ph.invocations.length) *
          ph.times,
        accessLogBytes: ph.invocations.reduce((s, i) => s + i.accessLogBytes, 0) * ph.times,
        wru: ph.meter.wru * ph.times,
        rru: ph.meter.rru * ph.times,
        outBytes: ph.invocations.reduce((s, i) => s + i.responseBytes, 0) * ph.times,
      };
    };
    for (const ph of phases) {
      const u = usage(ph);
      lambdaReq += u.n;
      gbs += u.gbs;
      api += u.api;
      logBytes += u.logBytes;
      accessLogBytes += u.accessLogBytes;
      wru += u.wru;
      rru += u.rru;
      outBytes += u.outBytes;
    }
    const s3 = publishing;
    // What the template bills every month (the same definition serverless-config.js packages).
    const monitoring = billedMonitoring(
      alerting({ service: 'ogp-cocreate', stage: 'prod' }, FUNCTIONS, undefined),
    );
    // A custom metric is metered by the hour it receives data (no DefaultValue: only when a line matches).
    // Upper bound: every invocation that logged an error line in an hour of its own.
    const errorInvocations = phases.reduce(
      (n, ph) => n + ph.invocations.filter((i) => i.errorLines > 0).length * ph.times,
      0,
    );
    const meteredHours = Math.min(errorInvocations, MONTHS * HOURS_PER_MONTH);
    lines.push(
      {
        what: 'Lambda requests',
        usd: lambdaReq * price('lambda.request'),
        detail: `${lambdaReq.toFixed(0)} invocations`,
      },
      { what: 'Lambda duration', usd: gbs * price('lambda.gbSecond'), detail: `${gbs.toFixed(0)} GB-s` },
      {
        what: 'API Gateway (HTTP API)',
        usd: api * price('apigateway.httpRequest'),
        detail: `${api.toFixed(0)} requests`,
      },
      {
        what: 'DynamoDB writes',
        usd: wru * price('dynamodb.writeRequestUnit'),
        detail: `${wru.toFixed(0)} WRU`,
      },
      {
        what: 'DynamoDB reads',
        usd: rru * price('dynamodb.readRequestUnit'),
        detail: `${rru.toFixed(0)} RRU`,
      },
      {
        what: 'DynamoDB storage',
        usd: (tableBytes / 2 ** 30) * MONTHS * price('dynamodb.storageGbMonth'),
        detail: `${(tableBytes / 2 ** 20).toFixed(1)} MiB for ${MONTHS.toFixed(1)} months`,
      },
      {
        what: 'CloudWatch alarms',
        usd: monitoring.alarmMetrics * MONTHS * price('cloudwatch.alarmMonth'),
        detail: `${monitoring.alarms} alarms, ${monitoring.alarmMetrics} alarm metrics (from infra/build/alarms.js) for ${MONTHS.toFixed(1)} months`,
      },
      {
        what: 'CloudWatch custom metrics',
        usd:
          (monitoring.customMetrics * meteredHours * price('cloudwatch.customMetricMonth')) / HOURS_PER_MONTH,
        detail: `${monitoring.customMetrics} metric from the error filters, with data in ${meteredHours.toFixed(0)} hours (${errorInvocations.toFixed(0)} invocations logged an error); every hour of the round would be USD ${(monitoring.customMetrics * MONTHS * price('cloudwatch.customMetricMonth')).toFixed(2)}`,
      },
      {
        what: 'CloudWatch Logs',
        usd:
          ((logBytes + accessLogBytes) / 2 ** 30) *
          (price('cloudwatch.logsIngestGb') + MONTHS * price('cloudwatch.logsStorageGbMonth')),
        detail: `${((logBytes + accessLogBytes) / 2 ** 20).toFixed(1)} MiB ingested and kept, of which the HTTP API's access log ${(accessLogBytes / 2 ** 10).toFixed(0)} KiB (${api.toFixed(0)} lines, ${(accessLogBytes / Math.max(1, api)).toFixed(0)} bytes each)`,
      },
      { what: 'SES', usd: emails * price('ses.email'), detail: `${emails} emails` },
      {
        what: 'S3 (site)',
        usd:
          (s3.s3Puts ?? 0) * price('s3.putRequest') +
          weeklyGets * price('s3.getRequest') +
          ((s3.s3Bytes ?? 0) / 2 ** 30) * MONTHS * price('s3.storageGbMonth'),
        detail: `${s3.s3Puts ?? 0} PUTs and ${weeklyGets} GETs by the site writer over ${WEEKS} weekly publishes, ${((s3.s3Bytes ?? 0) / 2 ** 20).toFixed(1)} MiB stored`,
      },
      {
        what: 'Data transfer out',
        usd: (outBytes / 2 ** 30) * price('dataTransferOutGb'),
        detail: `${(outBytes / 2 ** 20).toFixed(1)} MiB of API answers (site visitors not included)`,
      },
    );
    const total = lines.reduce((s, l) => s + l.usd, 0);
    // The runs the template also schedules, priced like the lines above (no new alarm, metric or storage).
    const scheduledUsd =
      scheduled.reduce((sum, ph) => {
        const u = usage(ph);
        return (
          sum +
          u.n * price('lambda.request') +
          u.gbs * price('lambda.gbSecond') +
          u.wru * price('dynamodb.writeRequestUnit') +
          u.rru * price('dynamodb.readRequestUnit') +
          (u.logBytes / 2 ** 30) *
            (price('cloudwatch.logsIngestGb') + MONTHS * price('cloudwatch.logsStorageGbMonth'))
        );
      }, 0) +
      notifyEmails * price('ses.email');
    log(
      `  not in the total: the template's hourly publish and 15-minute notify, USD ${scheduledUsd.toFixed(3)} (${notifyEmails} notification emails); with them USD ${(total + scheduledUsd).toFixed(3)}; publish on every table change not played`,
    );
    const sorted = [...lines].sort((a, b) => b.usd - a.usd);
    for (const l of sorted) log(`  ${l.what.padEnd(26)} USD ${l.usd.toFixed(4).padStart(8)}  (${l.detail})`);
    log(
      `  total USD ${total.toFixed(3)}; with every price x${prices.jakartaUpliftForBound} (Jakarta not confirmed) USD ${(total * prices.jakartaUpliftForBound).toFixed(3)}; digest emails ${emailBytes} bytes`,
    );
    const results: Result[] = [
      { name: 'round-cost-usd', value: Number(total.toFixed(3)), unit: 'USD', target: '< 1 (no free tier)' },
      {
        name: 'round-cost-usd-as-scheduled',
        value: Number((total + scheduledUsd).toFixed(3)),
        unit: 'USD',
        target: '(report: with the hourly publish and 15-minute notify; not the stream-triggered publishes)',
      },
      {
        name: 'round-cost-usd-upper-bound',
        value: Number((total * prices.jakartaUpliftForBound).toFixed(3)),
        unit: 'USD',
      },
    ];
    for (const l of sorted)
      results.push({
        name: `round-cost.${l.what
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '')}`,
        value: Number(l.usd.toFixed(4)),
        unit: 'USD',
      });
    return results;
  } finally {
    await proxy.close();
    db.stop();
  }
}
