import { createHash, generateKeyPairSync } from 'node:crypto';
import { auth } from '@googleapis/sheets';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS, type SampleProposal } from '../../../infra/demo/sample-round';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { parseServiceAccountKey, serviceAccountAuth } from '../../../lambdas/adapters/google/google-auth';
import { GoogleFormResponses } from '../../../lambdas/adapters/google/google-forms';
import { GoogleReviewSheet } from '../../../lambdas/adapters/google/google-sheets';
import { ingestSubmission } from '../../../lambdas/services/ingest-service';
import { RECONCILE_ACTOR, type ReconcileDeps, reconcile } from '../../../lambdas/services/reconcile-service';
import { applyReviewEdits } from '../../../lambdas/services/reviews-service';
import { allQuestions, formSpec, questionTitle } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND, type RoundConfig } from '../../../shared/definitions/round';
import { answersToTitles } from '../../../shared/ingest/answers';
import { parseDate } from '../../../shared/ingest/locale-parse';
import { proposalId } from '../../../shared/ingest/proposal';
import { bilingual } from '../../../shared/platform/i18n';
import type { ReviewEdit } from '../../../shared/review/review-api';
import {
  columnIndex,
  headerRow,
  REOPEN_CELL,
  type ReviewColumn,
  statusCell,
  tabForProposal,
  tabName,
  UNASSIGNED_TAB,
} from '../../../shared/review/review-sheet';
import { columnLetters, type FakeFormResponse, GoogleApiFake } from '../../support/google-api-fake';
import { startDynamo } from '../../support/local-servers';

const spec = formSpec(DEFAULT_ROUND);
const now = () => new Date('2022-08-10T03:00:00Z');
let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let store: DynamoProposalStore;
let fake: GoogleApiFake;
let roundNo = 0;
let round: RoundConfig;

beforeAll(async () => {
  dynamo = await startDynamo();
  store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
});
afterAll(async () => dynamo.close());

// Every test gets its own round (its own DynamoDB partition) and its own spreadsheet and form.
beforeEach(async () => {
  round = { ...DEFAULT_ROUND, id: `reconcile-test-${++roundNo}` };
  fake = await GoogleApiFake.start({ formsPageSize: 2 });
  for (const tab of [...round.workingGroups.map(tabName), UNASSIGNED_TAB]) fake.addTab(tab, [headerRow()]);
  fake.setFormItems(
    spec.sections.flatMap((section) => [
      { title: bilingual(section.title) },
      ...section.questions.map((q) => ({ title: questionTitle(q), questionId: questionId(q.id) })),
    ]),
  );
});
afterEach(async () => fake?.close());

/** Forms gives questions short hex ids of its own. */
const questionId = (id: string) => createHash('sha1').update(id).digest('hex').slice(0, 8);

function deps(googleAuth = serviceAccountAuth(parseServiceAccountKey(fake.serviceAccountKeyJson()))) {
  const google = { auth: googleAuth, rootUrl: fake.url };
  return {
    store,
    sheet: new GoogleReviewSheet(fake.spreadsheetId, google),
    form: new GoogleFormResponses(fake.formId, google),
    spec,
    round,
    now,
  } satisfies ReconcileDeps;
}

/** What the onFormSubmit trigger would have posted (the push path). */
async function push(sample: SampleProposal, answers = sample.answers) {
  const deps = { store, spec, round, now };
  return ingestSubmission(deps, {
    responseId: sample.responseId,
    submittedAt: sample.submittedAt,
    source: 'form',
    answers,
  });
}

/** The same response as the Forms API returns it: labels for choices, ISO dates, answers by question id. */
function formResponse(sample: SampleProposal, answers = sample.answers): FakeFormResponse {
  const byTitle = answersToTitles(spec, answers);
  const out: Record<string, string | string[]> = {};
  for (const q of allQuestions(spec)) {
    const v = byTitle[questionTitle(q)];
    if (v === undefined || v === '') continue;
    out[questionId(q.id)] = q.type === 'date' && typeof v === 'string' ? (parseDate(v) ?? v) : v;
  }
  return {
    responseId: sample.responseId,
    createTime: sample.submittedAt,
    lastSubmittedTime: sample.submittedAt,
    answers: out,
  };
}

const sample = (i: number) => SAMPLE_PROPOSALS[i] as SampleProposal;
const column = (key: ReviewColumn['key']) => columnLetters(columnIndex(key) + 1);
const tabOf = (s: SampleProposal) => tabForProposal(round, String(s.answers.working_group));

function rowOf(tab: string, id: string): number {
  const row = fake.findRow(tab, (cells) => cells[0] === id);
  if (!row) throw new Error(`no row for ${id} in ${tab}`);
  return row;
}

async function review(id: string) {
  return (await store.getReviews(round.id, [id])).get(id);
}

describe('reconcile against dynalite and the Google API fake', () => {
  it('ingests a form response that never reached DynamoDB, and a second run changes nothing', async () => {
    for (const i of [0, 1, 2]) fake.addResponse(formResponse(sample(i)));
    await push(sample(0));
    await push(sample(1)); // sample 2's push was lost (the API was down)

    const first = await reconcile(deps());
    expect(first.form).toEqual({ responses: 3, created: 1, revised: 0, unchanged: 2 });
    expect(fake.count('forms.responses.list')).toBe(2); // 3 responses, pages of 2
    const missed = await store.get(round.id, proposalId(round.id, sample(2).responseId));
    expect(missed).toMatchObject({
      responseId: sample(2).responseId,
      title: sample(2).answers.title,
      workingGroupId: sample(2).answers.working_group,
      submittedAt: sample(2).submittedAt,
      valid: true,
      version: 1,
    });
    expect(first.sheet.appended).toBe(3);

    const before = { proposals: await store.listRound(round.id), sheet: fake.tab(tabOf(sample(0))) };
    const writes = fake.count('sheets.values.batchUpdate') + fake.count('sheets.values.append');
    const second = await reconcile(deps());
    expect(second.form).toEqual({ responses: 3, created: 0, revised: 0, unchanged: 3 });
    expect(second.sheet).toEqual({
      rows: 3,
      applied: 0,
      refused: 0,
      behind: 0,
      appended: 0,
      versionsUpdated: 0,
    });
    expect(await store.listRound(round.id)).toEqual(before.proposals);
    expect(fake.tab(tabOf(sample(0)))).toEqual(before.sheet);
    expect(fake.count('sheets.values.batchUpdate') + fake.count('sheets.values.append')).toBe(writes);
  });

  it('reads the round once when the form brings nothing new, and again after writing what it brought', async () => {
    for (const i of [0, 1]) fake.addResponse(formResponse(sample(i)));
    await push(sample(0));
    const reads: string[] = [];
    const counting = Object.assign(Object.create(store) as DynamoProposalStore, {
      listRound(id: string) {
        reads.push('listRound');
        return store.listRound(id);
      },
      loadRound(id: string, o?: { summary?: boolean }) {
        reads.push('loadRound');
        return store.loadRound(id, o);
      },
    });
    const withCount = { ...deps(), store: counting };
    // Sample 1 is new: written, so the comparison with the sheet reads the round again (and sees it).
    expect((await reconcile(withCount)).form.created).toBe(1);
    expect(reads).toEqual(['loadRound', 'loadRound']);
    reads.length = 0;
    const quiet = await reconcile(withCount);
    expect(quiet.form).toEqual({ responses: 2, created: 0, revised: 0, unchanged: 2 });
    expect(quiet.sheet).toMatchObject({ rows: 2, appended: 0, applied: 0 });
    expect(reads).toEqual(['loadRound']);
  });

  it('retries a transient 503 from the Forms API and a 429 from the Sheets API without losing anything', async () => {
    fake.addResponse(formResponse(sample(3)));
    fake.failNext(1, 503, 'forms.responses.list');
    fake.failNext(1, 429, 'sheets.values.batchGet');
    const report = await reconcile(deps());
    expect(report.form.created).toBe(1);
    expect(report.sheet.appended).toBe(1);
    expect(fake.requestsTo('forms.responses.list').map((r) => r.status)).toEqual([503, 200]);
    expect(fake.requestsTo('sheets.values.batchGet').map((r) => r.status)).toEqual([429, 200]);
  });

  it('applies an edit made in the sheet by another script, with an audit event, in one batchUpdate', async () => {
    const { id } = await push(sample(4));
    await reconcile(deps()); // appends the row at version 1
    const tab = tabOf(sample(4));
    const row = rowOf(tab, id);
    expect(fake.cell(tab, `${column('version')}${row}`)).toBe(1);

    // Another script writes the cells: no onEdit fires, the row keeps the stored version.
    fake.setCell(tab, `${column('status')}${row}`, statusCell('in_review'));
    fake.setCell(tab, `${column('reviewer')}${row}`, 'Ani (Pokja Layanan Publik)');
    fake.setCell(tab, `${column('scores.feasibility')}${row}`, 4);
    const updatesBefore = fake.count('sheets.values.batchUpdate');

    const report = await reconcile(deps());
    expect(report.sheet).toMatchObject({ applied: 1, refused: 0, behind: 0 });
    const state = await review(id);
    expect(state).toMatchObject({
      status: 'in_review',
      reviewer: 'Ani (Pokja Layanan Publik)',
      version: 2,
      scores: { feasibility: 4 },
    });
    expect(state?.audit).toHaveLength(1);
    expect(state?.audit[0]).toMatchObject({ actor: RECONCILE_ACTOR, action: 'review', version: 2 });
    expect(state?.audit[0]?.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'submitted', to: 'in_review' },
        { field: 'reviewer', from: null, to: 'Ani (Pokja Layanan Publik)' },
        { field: 'scores.feasibility', from: null, to: 4 },
      ]),
    );

    expect(fake.count('sheets.values.batchUpdate')).toBe(updatesBefore + 1);
    const [update] = fake.requestsTo('sheets.values.batchUpdate').slice(-1);
    const quoted = `'${tab}'`;
    expect(update?.body).toMatchObject({
      valueInputOption: 'RAW',
      data: expect.arrayContaining([
        { range: `${quoted}!${column('version')}${row}`, values: [[2]] },
        { range: `${quoted}!${column('syncNote')}${row}`, values: [[expect.stringContaining('(v2)')]] },
      ]),
    });
    expect(fake.cell(tab, `${column('version')}${row}`)).toBe(2);
    expect(fake.cell(tab, `${column('syncNote')}${row}`)).toContain('Synced from the sheet (v2)');

    const again = await reconcile(deps());
    expect(again.sheet).toMatchObject({ applied: 0, versionsUpdated: 0 });
    expect(fake.count('sheets.values.batchUpdate')).toBe(updatesBefore + 1);
  });

  it('reads the reopen word in a status cell as a reopen, the row reason as its note, as onReviewEdit would', async () => {
    const { id } = await push(sample(13));
    await reconcile(deps());
    const tab = tabOf(sample(13));
    const row = rowOf(tab, id);
    const reason = 'Diterima: relevan dengan nilai OGP, tonggak dapat diverifikasi (ilustratif).';
    const why = 'Data baru dari K/L mengubah masalahnya (ilustratif)';
    const decide = (expectedVersion: number, changes: ReviewEdit['changes']) =>
      applyReviewEdits({ store, round, now }, [{ proposalId: id, expectedVersion, actor: 'Ani', changes }]);
    await decide(1, [{ field: 'status', from: 'submitted', to: 'in_review' }]);
    await decide(2, [
      { field: 'status', from: 'in_review', to: 'accepted' },
      { field: 'reasonedResponse', from: null, to: reason },
    ]);
    // The row as the reviewer left it while no onEdit ran: the reason written, then the reopen word chosen.
    fake.setCell(tab, `${column('version')}${row}`, 3);
    fake.setCell(tab, `${column('reasonedResponse')}${row}`, why);
    fake.setCell(tab, `${column('status')}${row}`, REOPEN_CELL);

    expect((await reconcile(deps())).sheet).toMatchObject({ applied: 1, refused: 0 });
    const state = await review(id);
    expect(state).toMatchObject({ status: 'in_review', version: 4, reasonedResponse: why });
    expect(state?.audit.at(-1)).toMatchObject({ action: 'reopen', note: why, version: 4 });
    expect(fake.cell(tab, `${column('version')}${row}`)).toBe(4);
    expect((await reconcile(deps())).sheet).toMatchObject({ applied: 0, refused: 0 });
  });

  it('fails loudly when the sheet write fails after an edit was stored, and the next run catches the row up', async () => {
    const { id } = await push(sample(12));
    await reconcile(deps());
    const tab = tabOf(sample(12));
    const row = rowOf(tab, id);
    fake.setCell(tab, `${column('status')}${row}`, statusCell('in_review'));
    fake.failNext(1, 503, 'sheets.values.batchUpdate'); // POST is not retried by the client

    await expect(reconcile(deps())).rejects.toMatchObject({ status: 503 });
    expect(await review(id)).toMatchObject({ status: 'in_review', version: 2 });
    expect(fake.cell(tab, `${column('version')}${row}`)).toBe(1);

    const next = await reconcile(deps());
    expect(next.sheet).toMatchObject({ applied: 0, behind: 0, versionsUpdated: 1 });
    expect(fake.cell(tab, `${column('version')}${row}`)).toBe(2);
    expect((await review(id))?.audit).toHaveLength(1);
  });

  it('does not apply a row behind the stored version whose values differ, and names the field in its sync note', async () => {
    const { id } = await push(sample(5));
    await reconcile(deps());
    const tab = tabOf(sample(5));
    const row = rowOf(tab, id);
    // Budi's edit was pushed (version 2) but the reply that updates the row was lost ...
    const [pushed] = await applyReviewEdits({ store, round, now }, [
      {
        proposalId: id,
        expectedVersion: 1,
        actor: 'Budi',
        changes: [{ field: 'reviewer', from: null, to: 'Budi' }],
      },
    ]);
    expect(pushed).toMatchObject({ ok: true, version: 2 });
    // ... and a script then wrote another reviewer into the row, which still says version 1.
    fake.setCell(tab, `${column('reviewer')}${row}`, 'Citra');

    const report = await reconcile(deps());
    expect(report.sheet).toMatchObject({ applied: 0, behind: 1 });
    expect(await review(id)).toMatchObject({ reviewer: 'Budi', version: 2 });
    const note = String(fake.cell(tab, `${column('syncNote')}${row}`));
    expect(note).toContain('reviewer = Budi');
    expect(note).toContain('Differs from stored data (version 2)');
    expect(fake.cell(tab, `${column('reviewer')}${row}`)).toBe('Citra');
    expect(fake.cell(tab, `${column('version')}${row}`)).toBe(1);
  });

  it("appends proposals missing from the sheet to their working group's tab, neutralising formula-like text", async () => {
    const formula = '=HYPERLINK("https://attacker.example","Klik di sini")';
    const a = await push(sample(6), { ...sample(6).answers, title: formula });
    const b = await push(sample(7));
    const c = await push(sample(8), { ...sample(8).answers, working_group: 'Kelompok yang tidak ada' });
    // A reviewer's response that starts with a dash (a bullet) is text too, and must survive the round trip.
    const bullet = '- Relevan dengan nilai transparansi, perlu tonggak yang lebih terukur.';
    const [edited] = await applyReviewEdits({ store, round, now }, [
      {
        proposalId: b.id,
        expectedVersion: 1,
        actor: 'Dewi',
        changes: [
          { field: 'status', from: 'submitted', to: 'in_review' },
          { field: 'reasonedResponse', from: null, to: bullet },
        ],
      },
    ]);
    expect(edited?.ok).toBe(true);

    const report = await reconcile(deps());
    expect(report.sheet.appended).toBe(3);
    const tabA = tabOf(sample(6));
    const rowA = fake.tab(tabA)[rowOf(tabA, a.id) - 1] ?? [];
    expect(rowA[columnIndex('version')]).toBe(1);
    expect(rowA[columnIndex('title')]).toBe(`'${formula}`);
    expect(rowA[columnIndex('status')]).toBe(statusCell('submitted'));
    const tabB = tabOf(sample(7));
    const rowB = fake.tab(tabB)[rowOf(tabB, b.id) - 1] ?? [];
    expect(rowB[columnIndex('version')]).toBe(2);
    expect(rowB[columnIndex('status')]).toBe(statusCell('in_review'));
    expect(rowB[columnIndex('reasonedResponse')]).toBe(`'${bullet}`); // RAW keeps the "'" as text
    expect(rowOf(UNASSIGNED_TAB, c.id)).toBe(2);
    expect(fake.tab(tabA)[0]).toEqual(headerRow());

    // Reading the neutralised cells back is not mistaken for a reviewer's edit.
    const again = await reconcile(deps());
    expect(again.sheet).toMatchObject({ applied: 0, refused: 0, behind: 0, appended: 0, versionsUpdated: 0 });
    expect(await review(b.id)).toMatchObject({ reasonedResponse: bullet, version: 2 });
  });

  it('never loses an edit when two reviewers change different fields from the same version (rebase)', async () => {
    const { id } = await push(sample(9));
    await reconcile(deps());
    const tab = tabOf(sample(9));
    const row = rowOf(tab, id);
    const reason = 'Usulan relevan; perlu baseline yang lebih jelas sebelum diputuskan.';
    const a: ReviewEdit = {
      proposalId: id,
      expectedVersion: 1,
      actor: 'Reviewer A',
      changes: [{ field: 'status', from: 'submitted', to: 'in_review' }],
    };
    const b: ReviewEdit = {
      proposalId: id,
      expectedVersion: 1,
      actor: 'Reviewer B',
      changes: [{ field: 'reasonedResponse', from: null, to: reason }],
    };
    const [[ra], [rb]] = await Promise.all([
      applyReviewEdits({ store, round, now }, [a]),
      applyReviewEdits({ store, round, now }, [b]),
    ]);
    expect([ra?.ok, rb?.ok]).toEqual([true, true]);
    expect([ra, rb].filter((r) => r?.ok && r.rebased)).toHaveLength(1);
    const state = await review(id);
    expect(state).toMatchObject({ status: 'in_review', reasonedResponse: reason, version: 3 });
    expect(state?.audit.map((e) => e.actor).sort()).toEqual(['Reviewer A', 'Reviewer B']);

    // The sheet shows both typed values but both replies were lost: reconcile only catches the version up.
    fake.setCell(tab, `${column('status')}${row}`, statusCell('in_review'));
    fake.setCell(tab, `${column('reasonedResponse')}${row}`, reason);
    const report = await reconcile(deps());
    expect(report.sheet).toMatchObject({ applied: 0, behind: 0, versionsUpdated: 1 });
    expect(fake.cell(tab, `${column('version')}${row}`)).toBe(3);
    expect((await review(id))?.version).toBe(3);
  });

  it('refuses the second of two edits to the same field from the same version as a conflict and reports it', async () => {
    const { id } = await push(sample(10));
    await reconcile(deps());
    const tab = tabOf(sample(10));
    const row = rowOf(tab, id);
    const edit = (actor: string, to: string): ReviewEdit => ({
      proposalId: id,
      expectedVersion: 1,
      actor,
      changes: [{ field: 'reviewer', from: null, to }],
    });
    const [[first], [second]] = await Promise.all([
      applyReviewEdits({ store, round, now }, [edit('Reviewer A', 'Ani')]),
      applyReviewEdits({ store, round, now }, [edit('Reviewer B', 'Budi')]),
    ]);
    const results = [first, second];
    const won = results.find((r) => r?.ok);
    const lost = results.find((r) => r && !r.ok);
    expect(won).toBeDefined();
    expect(lost).toMatchObject({ ok: false, code: 'conflict' });
    const winner = won === first ? 'Ani' : 'Budi';
    const loser = winner === 'Ani' ? 'Budi' : 'Ani';
    if (!lost || lost.ok) throw new Error('expected a refusal');
    expect(lost.conflicts).toEqual([{ field: 'reviewer', current: winner, yours: loser }]);
    expect(lost.message.en).toContain('reviewer changed by someone else');
    expect(lost.message.id).toContain('reviewer sudah diubah orang lain');
    const state = await review(id);
    expect(state).toMatchObject({ reviewer: winner, version: 2 });
    expect(state?.audit).toHaveLength(1);

    // The loser's value is still in the sheet at version 1: reconcile reports it and does not apply it.
    fake.setCell(tab, `${column('reviewer')}${row}`, loser);
    const report = await reconcile(deps());
    expect(report.sheet).toMatchObject({ applied: 0, behind: 1 });
    expect(String(fake.cell(tab, `${column('syncNote')}${row}`))).toContain(`reviewer = ${winner}`);
    expect(await review(id)).toMatchObject({ reviewer: winner, version: 2 });
  });

  it('fails loudly when Google rejects a token signed with the wrong key or lacking a scope', async () => {
    fake.addResponse(formResponse(sample(11)));
    const genuine = JSON.parse(fake.serviceAccountKeyJson()) as Record<string, string>;
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const forged = serviceAccountAuth(
      parseServiceAccountKey(JSON.stringify({ ...genuine, private_key: otherKey })),
    );
    await expect(reconcile(deps(forged))).rejects.toMatchObject({ status: 401 });
    expect(fake.requests.map((r) => r.status)).toEqual([401]);
    expect(await store.listRound(round.id)).toEqual([]);

    // A genuine key whose token lacks the spreadsheets scope gets 403 from the Sheets API.
    const formsOnly = new auth.JWT({
      email: genuine.client_email,
      key: genuine.private_key,
      keyId: genuine.private_key_id,
      scopes: [
        'https://www.googleapis.com/auth/forms.body.readonly',
        'https://www.googleapis.com/auth/forms.responses.readonly',
      ],
    });
    formsOnly.useJWTAccessWithScope = true;
    const error = await reconcile(deps(formsOnly)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 403 });
    expect(String((error as Error).message)).toContain('insufficient authentication scopes');
    expect(fake.requestsTo('sheets.values.batchGet').map((r) => r.status)).toEqual([403]);
  });
});
