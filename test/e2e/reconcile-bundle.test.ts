// The BUILT reconcile bundle (dist/lambdas/reconcile/index.js), loaded in-process with the environment the
// Lambda gets, against dynalite and the Google API fake: a sheet edit made without onEdit reaches DynamoDB.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SAMPLE_PROPOSALS, type SampleProposal } from '../../infra/demo/sample-round';
import { DynamoProposalStore } from '../../lambdas/adapters/dynamodb-proposal-store';
import { ingestSubmission } from '../../lambdas/services/ingest-service';
import { RECONCILE_ACTOR, type ReconcileReport } from '../../lambdas/services/reconcile-service';
import { allQuestions, formSpec, questionTitle } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { answersToTitles } from '../../shared/ingest/answers';
import { parseDate } from '../../shared/ingest/locale-parse';
import { proposalId } from '../../shared/ingest/proposal';
import {
  columnIndex,
  headerRow,
  statusCell,
  tabForProposal,
  tabName,
  UNASSIGNED_TAB,
} from '../../shared/review/review-sheet';
import { columnLetters, GoogleApiFake } from '../support/google-api-fake';
import { startDynamo } from '../support/local-servers';

const BUNDLE = join(__dirname, '..', '..', 'dist', 'lambdas', 'reconcile', 'index.js');
const round = DEFAULT_ROUND;
const spec = formSpec(round);
const sample = (i: number) => SAMPLE_PROPOSALS[i] as SampleProposal;
let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let fake: GoogleApiFake;
let handler: () => Promise<ReconcileReport>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} is missing: run \`node infra/build/build.mjs\` (npm test does)`);
  dynamo = await startDynamo(`cocreate-e2e-reconcile-${process.pid}`);
  fake = await GoogleApiFake.start();
  for (const tab of [...round.workingGroups.map(tabName), UNASSIGNED_TAB]) fake.addTab(tab, [headerRow()]);
  fake.setFormItems(allQuestions(spec).map((q, n) => ({ title: questionTitle(q), questionId: `q${n}` })));
  const qid = new Map(allQuestions(spec).map((q, n) => [q.id, `q${n}`]));
  for (const i of [0, 1]) {
    const s = sample(i);
    const byTitle = answersToTitles(spec, s.answers);
    const answers: Record<string, string | string[]> = {};
    for (const q of allQuestions(spec)) {
      const v = byTitle[questionTitle(q)];
      if (v !== undefined && v !== '')
        answers[qid.get(q.id) as string] =
          q.type === 'date' && typeof v === 'string' ? (parseDate(v) ?? v) : v;
    }
    fake.addResponse({
      responseId: s.responseId,
      createTime: s.submittedAt,
      lastSubmittedTime: s.submittedAt,
      answers,
    });
  }
  // Sample 0 was pushed by the form trigger; sample 1's push never arrived.
  const store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  await ingestSubmission(
    { store, spec, round, now: () => new Date() },
    {
      responseId: sample(0).responseId,
      submittedAt: sample(0).submittedAt,
      source: 'form',
      answers: sample(0).answers,
    },
  );

  Object.assign(process.env, {
    TABLE_NAME: dynamo.tableName,
    DYNAMODB_ENDPOINT: dynamo.url,
    GOOGLE_CREDENTIALS: fake.serviceAccountKeyJson(),
    GOOGLE_API_ROOT_URL: fake.url,
    REVIEW_SPREADSHEET_ID: fake.spreadsheetId,
    FORM_ID: fake.formId,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
  // The bundle caches its clients at module scope: load a fresh copy for this file.
  jest.isolateModules(() => {
    handler = (require(BUNDLE) as { handler: typeof handler }).handler;
  });
});

afterAll(async () => {
  process.env = savedEnv;
  await fake?.close();
  await dynamo?.close();
});

describe('the built reconcile bundle', () => {
  it('ingests the missed response, fills the sheet, then applies a sheet edit that fired no onEdit', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const first = await handler();
    expect(first.form).toEqual({ responses: 2, created: 1, revised: 0, unchanged: 1 });
    expect(first.sheet).toMatchObject({ appended: 2, applied: 0 });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('"msg":"reconcile"'));

    const id = proposalId(round.id, sample(1).responseId);
    const tab = tabForProposal(round, String(sample(1).answers.working_group));
    const row = fake.findRow(tab, (cells) => cells[0] === id) as number;
    expect(row).toBeGreaterThan(1);
    const cell = (key: Parameters<typeof columnIndex>[0]) => `${columnLetters(columnIndex(key) + 1)}${row}`;

    // Another script (not a person) sets the status: no onEdit fires, the row keeps version 1.
    fake.setCell(tab, cell('status'), statusCell('in_review'));
    const updates = fake.count('sheets.values.batchUpdate');
    const second = await handler();
    log.mockRestore();
    expect(second.sheet).toMatchObject({ applied: 1, refused: 0, behind: 0, appended: 0 });
    expect(fake.count('sheets.values.batchUpdate')).toBe(updates + 1);
    expect(fake.cell(tab, cell('version'))).toBe(2);
    expect(fake.cell(tab, cell('syncNote'))).toContain('(v2)');

    const store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
    const state = (await store.getReviews(round.id, [id])).get(id);
    expect(state).toMatchObject({ status: 'in_review', version: 2 });
    expect(state?.audit.at(-1)).toMatchObject({
      actor: RECONCILE_ACTOR,
      changes: [{ field: 'status', from: 'submitted', to: 'in_review' }],
    });
  });
});

describe('the built reconcile bundle on a stage whose spreadsheet id has not arrived yet', () => {
  it('says it is not configured yet, reads nothing and ends without an error', async () => {
    const calls = fake.count('sheets.values.batchGet') + fake.count('forms.responses.list');
    const saved = process.env.REVIEW_SPREADSHEET_ID;
    process.env.REVIEW_SPREADSHEET_ID = '';
    let fresh: () => Promise<unknown> = async () => undefined;
    jest.isolateModules(() => {
      fresh = (require(BUNDLE) as { handler: typeof fresh }).handler;
    });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await expect(fresh()).resolves.toEqual({ notConfigured: ['REVIEW_SPREADSHEET_ID'] });
      expect(log).toHaveBeenCalledWith(expect.stringContaining('"msg":"reconcile not configured yet"'));
    } finally {
      log.mockRestore();
      process.env.REVIEW_SPREADSHEET_ID = saved;
    }
    expect(fake.count('sheets.values.batchGet') + fake.count('forms.responses.list')).toBe(calls);
  });
});

describe('the built reconcile bundle without a service-account key (Workload Identity Federation)', () => {
  const withCredentials = async (credentials: string, run: (h: () => Promise<unknown>) => Promise<void>) => {
    const saved = { ...process.env };
    Object.assign(process.env, { GOOGLE_CREDENTIALS: credentials, AWS_REGION: 'ap-southeast-3' });
    let fresh: () => Promise<unknown> = async () => undefined;
    jest.isolateModules(() => {
      fresh = (require(BUNDLE) as { handler: typeof fresh }).handler;
    });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await run(fresh);
    } finally {
      log.mockRestore();
      process.env = saved;
    }
  };

  it('exchanges the function role credentials for a Google token and reconciles with it', async () => {
    fake.trustAwsAccessKey('local');
    const before = { sts: fake.count('sts.token'), iam: fake.count('iam.generateAccessToken') };
    await withCredentials(fake.externalAccountConfigJson(), async (handler) => {
      await expect(handler()).resolves.toMatchObject({ form: { responses: 2 }, sheet: { rows: 2 } });
    });
    expect(fake.count('sts.token')).toBe(before.sts + 1);
    expect(fake.count('iam.generateAccessToken')).toBe(before.iam + 1);
    const exchange = fake.requestsTo('sts.token').at(-1)?.body as Record<string, string>;
    expect(decodeURIComponent(exchange.subject_token ?? '')).toContain('GetCallerIdentity');
    expect(fake.requestsTo('iam.generateAccessToken').at(-1)?.body).toMatchObject({
      scope: expect.arrayContaining(['https://www.googleapis.com/auth/spreadsheets']),
    });
  });

  it('reads nothing when the pool does not trust the function role', async () => {
    const calls = fake.count('sheets.values.batchGet');
    const key = process.env.AWS_ACCESS_KEY_ID;
    await withCredentials(fake.externalAccountConfigJson(), async (handler) => {
      process.env.AWS_ACCESS_KEY_ID = 'AKIAUNTRUSTED';
      await expect(handler()).rejects.toThrow(/rejected by the attribute condition/);
    });
    expect(process.env.AWS_ACCESS_KEY_ID).toBe(key);
    expect(fake.count('sheets.values.batchGet')).toBe(calls);
  });
});
