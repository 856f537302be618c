// Property: any signed body sent to POST /v1/proposals, /v1/reviews or /v1/negotiations gets a 2xx or a documented 4xx
// JSON error, never a 5xx, and every item the handlers write stays inside DynamoDB's limits. Against
// dynalite (it enforces the 400 KB item limit; test/support/item-limits.ts checks keys and index keys).
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { SAMPLE_PROPOSALS } from '../../../infra/demo/sample-round';
import { DynamoNegotiationStore } from '../../../lambdas/adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { plainSecret } from '../../../lambdas/adapters/secrets';
import { createIngestHandler } from '../../../lambdas/ingest';
import { createNegotiationsHandler } from '../../../lambdas/negotiations';
import { createReviewsHandler } from '../../../lambdas/reviews';
import { allQuestions, formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { AGENCY_FIELDS, COMMITMENT_FIELDS } from '../../../shared/negotiation/negotiation-api';
import { signRequest } from '../../../shared/platform/signing';
import { REVIEW_FIELDS } from '../../../shared/review/review-sheet';
import { acceptSampleProposals } from '../../support/accepted-commitments';
import { watchItemLimits } from '../../support/item-limits';
import { startDynamo } from '../../support/local-servers';

const SECRET = 'h'.repeat(64);
const round = DEFAULT_ROUND;
const spec = formSpec(round);
const hmac = (k: string, m: string) => createHmac('sha256', k).update(m).digest('hex');
const DOCUMENTED = new Set([200, 201, 400, 401, 409, 413, 422]);

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let store: DynamoProposalStore;
let limits: ReturnType<typeof watchItemLimits>;
let clock = Date.parse('2022-08-10T00:00:00Z');
const now = () => new Date(clock);
const deps = () => ({ store, secrets: plainSecret(SECRET), spec, round, now });
const ingest = createIngestHandler(deps);
const reviews = createReviewsHandler(deps);
const negotiations = createNegotiationsHandler(() => ({
  negotiations: new DynamoNegotiationStore(dynamo.doc, dynamo.tableName),
  rounds: store,
  nonces: store,
  secrets: plainSecret(SECRET),
  round,
  now,
}));
const known: string[] = [];
let commitments: { ids: string[]; leads: string[] } = { ids: [], leads: [] };

function signedEvent(method: string, path: string, body: string): APIGatewayProxyEventV2 {
  clock += 1000;
  return {
    version: '2.0',
    rawPath: path,
    routeKey: `${method} ${path}`,
    headers: signRequest(SECRET, body, clock / 1000, hmac, { method, path }),
    requestContext: { http: { method, path } },
    body,
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

beforeAll(async () => {
  dynamo = await startDynamo();
  limits = watchItemLimits(dynamo.doc);
  store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  for (const [i, s] of SAMPLE_PROPOSALS.slice(0, 3).entries()) {
    const res = await ingest(
      signedEvent(
        'POST',
        '/v1/proposals',
        JSON.stringify({ responseId: `seed-${i}`, submittedAt: '2022-08-01T00:00:00Z', answers: s.answers }),
      ),
    );
    known.push(JSON.parse(res.body ?? '{}').id ?? JSON.parse(res.body ?? '{}').error?.details?.id);
  }
  const accepted = await acceptSampleProposals(store, round, now, 2);
  commitments = { ids: accepted.commitmentIds, leads: accepted.leads };
});
afterAll(async () => dynamo.close());

/** Short text of any kind, or now and then a long or huge one (up to the body limit and past it). */
const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Rp 10.000.000.000.000.000',
      '99999999999999999999',
      '1e309',
      '\ud800',
      '\u202e',
      'a@b',
      '=1+1',
      '31/02/2023',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 900, max: 130_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 40_000 }).map((n) => '\u00e9\u4e2d'.repeat(n)) },
);
const hostile = fc.oneof(
  fc.constantFrom(
    'Rp 10.000.000.000.000.000',
    '99999999999999999999',
    'Rp 9.007.199.254.740.993',
    '\ud800x',
    'a\u202eb',
  ),
  fc.integer({ min: 1000, max: 100_000 }).map((n) => 'Yayasan '.repeat(n / 8)),
);
const value = fc.oneof(
  text,
  fc.array(text, { maxLength: 4 }),
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.object({ maxDepth: 1 }),
);
const questionIds = allQuestions(spec).map((q) => q.id);

const proposalBody = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record(
        {
          // Mostly well-formed envelopes, so most bodies reach validation and the store.
          responseId: fc.oneof(
            { weight: 4, arbitrary: fc.stringMatching(/^[\w.:-]{1,200}$/) },
            { weight: 1, arbitrary: text },
          ),
          submittedAt: fc.oneof(
            {
              weight: 4,
              arbitrary: fc
                .date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
                .map((d) => d.toISOString()),
            },
            { weight: 1, arbitrary: text },
          ),
          source: fc.constantFrom('form', 'csv', 'api', 'x'),
          editUrl: fc.oneof(fc.constant('https://docs.google.com/forms/x'), text),
          answers: fc.oneof(
            // A complete proposal with a few answers replaced by the nastiest values.
            {
              weight: 3,
              arbitrary: fc
                .tuple(
                  fc.constantFrom('budget', 'organisation', 'email', 'working_group', 'm1_start', 'title'),
                  hostile,
                  fc.dictionary(fc.constantFrom(...questionIds), value, { maxKeys: 3 }),
                )
                .map(([field, nasty, more]) => ({ [field]: nasty, ...more }))
                .map((over) => ({ ...SAMPLE_PROPOSALS[0]?.answers, ...over })),
            },
            {
              weight: 1,
              arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...questionIds), fc.string()), value, {
                maxKeys: 12,
              }),
            },
            { weight: 1, arbitrary: value },
          ),
        },
        { requiredKeys: ['responseId', 'submittedAt', 'answers'] },
      )
      .map((b) => JSON.stringify(b)),
  },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary' }) },
);

const fieldValue = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.constant(null),
  fc.constantFrom('in_review', 'accepted', 'merged', 'rejected'),
);
const reviewBody = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record(
        {
          edits: fc.array(
            fc.record(
              {
                proposalId: fc.oneof(
                  fc.constantFrom(...['known0', 'known1', 'known2']),
                  fc.stringMatching(/^[\w-]{1,100}$/),
                  text,
                ),
                expectedVersion: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.double(), text),
                actor: fc.oneof(fc.constant('rina@oms.example'), text),
                changes: fc.array(
                  fc.record(
                    {
                      field: fc.oneof(fc.constantFrom(...REVIEW_FIELDS), fc.string()),
                      from: fieldValue,
                      to: fieldValue,
                    },
                    { requiredKeys: ['field', 'to'] },
                  ),
                  { maxLength: 4 },
                ),
                reopen: fc.oneof(fc.boolean(), text),
                note: text,
              },
              { requiredKeys: ['proposalId', 'expectedVersion', 'actor', 'changes'] },
            ),
            { maxLength: 4 },
          ),
        },
        { requiredKeys: ['edits'] },
      )
      .map((b) =>
        JSON.stringify(b).replace(/"known(\d)"/g, (_m, i) => JSON.stringify(known[Number(i)] ?? 'p_0')),
      ),
  },
  { weight: 1, arbitrary: fc.json() },
);

/** Short values the fields take, or texts up to the 5,000-character limit in 3-byte characters (growth). */
const longText = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('supports', 'needs_budget', 'pending', 'in_discussion', 'agreed', 'form'),
  },
  { weight: 3, arbitrary: fc.integer({ min: 3000, max: 5000 }).map((n) => '\u4e2d'.repeat(n)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'binary' }) },
  { weight: 1, arbitrary: text },
);
/** Mostly the known value, now and then anything. */
const mostly = <T>(known: fc.Arbitrary<T>, other: fc.Arbitrary<unknown> = text) =>
  fc.oneof({ weight: 8, arbitrary: known }, { weight: 1, arbitrary: other });
const negotiationBody = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .record(
        {
          edits: fc.array(
            fc
              .record(
                {
                  commitmentId: mostly(fc.constantFrom('commitment0', 'commitment1')),
                  agency: mostly(fc.constant('lead')),
                  // Left out, an agency-form answer (with responseId) applies to the current version.
                  expectedVersion: fc.oneof(
                    { weight: 4, arbitrary: fc.constant(undefined) },
                    { weight: 3, arbitrary: fc.integer({ min: 1, max: 60 }) },
                    { weight: 1, arbitrary: text },
                  ),
                  actor: mostly(fc.constant('Sekretariat')),
                  responseId: mostly(fc.stringMatching(/^[\w.:-]{1,200}$/)),
                  reopen: fc.boolean(),
                  changes: fc.array(
                    fc.record(
                      {
                        field: mostly(fc.constantFrom(...COMMITMENT_FIELDS, ...AGENCY_FIELDS), fc.string()),
                        from: fieldValue,
                        to: longText,
                      },
                      { requiredKeys: ['field', 'to'] },
                    ),
                    { maxLength: 3 },
                  ),
                  meetings: fc.array(
                    fc.record(
                      {
                        id: mostly(fc.stringMatching(/^[\w-]{1,100}$/)),
                        date: mostly(fc.constantFrom('2022-10-01', '2022-10-02', '2023-01-15')),
                        type: mostly(fc.constantFrom('bilateral', 'technical', 'public_consultation')),
                        organisations: mostly(fc.array(fc.constantFrom('OMS Ilustrasi', 'Badan Ilustrasi'))),
                        decisions: longText,
                        minutesUrl: mostly(fc.constantFrom(null, 'https://example.org/notulen')),
                      },
                      { requiredKeys: ['date', 'type', 'organisations'] },
                    ),
                    { maxLength: 2 },
                  ),
                },
                { requiredKeys: ['commitmentId', 'actor', 'changes'] },
              )
              // The lead agency of the edit's own commitment.
              .map((e) =>
                e.agency === 'lead' ? { ...e, agency: `lead${String(e.commitmentId).slice(-1)}` } : e,
              ),
            { maxLength: 3 },
          ),
        },
        { requiredKeys: ['edits'] },
      )
      .map((b) =>
        JSON.stringify(b)
          .replace(/"commitment(\d)"/g, (_m, i) => JSON.stringify(commitments.ids[Number(i)] ?? 'c_0'))
          .replace(/"lead(\d)"/g, (_m, i) => JSON.stringify(commitments.leads[Number(i)] ?? 'x')),
      ),
  },
  { weight: 1, arbitrary: fc.json() },
);

async function expectDocumented(handler: typeof ingest, path: string, body: string) {
  const res = await handler(signedEvent('POST', path, body));
  const status = res.statusCode ?? 0;
  const parsed = JSON.parse(res.body ?? 'null');
  expect({ status, body: status >= 500 ? parsed : 'ok' }).toEqual({ status: expect.any(Number), body: 'ok' });
  expect(DOCUMENTED.has(status)).toBe(true);
  if (status >= 400) {
    expect(typeof parsed.error.code).toBe('string');
    expect(typeof parsed.error.message).toBe('string');
  }
  expect(limits.violations).toEqual([]);
}

// Each property sends hundreds of signed requests to dynalite: about 2 s alone, but minutes when the suite
// shares 2 cores with other work, so each property gets more than jest's 60 s default (not a timed assertion).
const PROPERTY_TIMEOUT_MS = 300_000;

describe('hostile signed bodies against dynalite', () => {
  it(
    'POST /v1/proposals answers 2xx or a documented 4xx, and writes only items within the limits',
    async () => {
      await fc.assert(
        fc.asyncProperty(proposalBody, (body) => expectDocumented(ingest, '/v1/proposals', body)),
        { numRuns: 120 },
      );
      expect(limits.items).toBeGreaterThan(0);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'POST /v1/reviews answers 2xx or a documented 4xx, and writes only items within the limits',
    async () => {
      await fc.assert(
        fc.asyncProperty(reviewBody, (body) => expectDocumented(reviews, '/v1/reviews', body)),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'POST /v1/negotiations answers 2xx or a documented 4xx, and writes only items within the limits',
    async () => {
      await fc.assert(
        fc.asyncProperty(negotiationBody, (body) => expectDocumented(negotiations, '/v1/negotiations', body)),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
