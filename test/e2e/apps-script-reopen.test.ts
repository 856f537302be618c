// A working group reopens a final decision in the review spreadsheet: the built Code.js (in a vm with the
// simulated Apps Script services) against `cocreate dev` (the built reviews Lambda on dynalite).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadAppsScript } from '../../infra/apps-script-sim/load';
import { type AppsScriptSim, createAppsScriptServices } from '../../infra/apps-script-sim/services';
import { signedPost } from '../../infra/cli/signed-client';
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import { makeDocumentClient } from '../../lambdas/adapters/aws-clients';
import { DynamoProposalStore } from '../../lambdas/adapters/dynamodb-proposal-store';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { answersToTitles } from '../../shared/ingest/answers';
import { proposalId } from '../../shared/ingest/proposal';
import { REOPEN_CELL, REVIEW_COLUMNS, tabForProposal } from '../../shared/review/review-sheet';
import { CODE, ensureBuilt } from '../support/built-apps-script';
import { type DevStack, startDevStack } from '../support/dev-stack';

const col = (key: string) => REVIEW_COLUMNS.findIndex((c) => c.key === key) + 1;
const SAMPLE = SAMPLE_PROPOSALS[0];
if (!SAMPLE) throw new Error('no sample proposal');
const ID = proposalId(DEFAULT_ROUND.id, SAMPLE.responseId);
const TAB = tabForProposal(DEFAULT_ROUND, String(SAMPLE.answers.working_group));
const REASON = 'Diterima: relevan dengan nilai OGP, tonggak dapat diverifikasi (ilustratif).';
const WHY = 'Dibuka kembali: data baru dari K/L mengubah masalahnya (ilustratif).';

let stack: DevStack;
let sim: AppsScriptSim;
let app: ReturnType<typeof loadAppsScript>;

beforeAll(async () => {
  ensureBuilt();
  stack = await startDevStack();
  sim = createAppsScriptServices({
    properties: { COCREATE_API_URL: stack.apiUrl, COCREATE_SIGNING_SECRET: stack.signingSecret },
    fetchTimeoutMs: 20_000,
  });
  app = loadAppsScript(CODE, sim);
  app.call('setup');
  const event = sim.submitResponse({
    responseId: SAMPLE.responseId,
    timestamp: SAMPLE.submittedAt,
    answersByTitle: answersToTitles(formSpec(DEFAULT_ROUND), SAMPLE.answers),
  });
  expect(app.call('onFormSubmit', event)).toMatchObject({ outcome: 'delivered' });
});
afterAll(async () => {
  await sim?.close();
  await stack?.stop();
});

/** A reviewer types into one cell of the proposal's row (row 2 of its tab) and the trigger fires. */
const type = (key: string, value: string, user = 'peninjau@example.org') =>
  app.call('onReviewEdit', sim.userEdit({ sheet: TAB, row: 2, column: col(key), values: [[value]], user }));
const cell = (key: string) => sim.sheet(TAB)?.values[1]?.[col(key) - 1];

async function stored() {
  const doc = makeDocumentClient({ dynamodbEndpoint: stack.dynamodbUrl });
  try {
    const store = new DynamoProposalStore(doc, stack.tableName);
    const state = (await store.getReviews(DEFAULT_ROUND.id, [ID])).get(ID);
    return { state, trail: await store.auditTrail(DEFAULT_ROUND.id, ID) };
  } finally {
    doc.destroy();
  }
}

describe('reopening a final decision from the review spreadsheet, on the built artefacts', () => {
  it('refuses a direct change of the decision and says on the row exactly how to reopen it', async () => {
    expect(cell('proposalId')).toBe(ID);
    expect(type('status', 'Sedang ditinjau / In review')).toMatchObject({ outcome: 'synced', ok: 1 });
    expect(type('reasonedResponse', REASON)).toMatchObject({ ok: 1 });
    expect(type('status', 'Diterima / Accepted')).toMatchObject({ ok: 1 });
    expect(cell('version')).toBe(4);

    expect(type('status', 'Ditolak / Rejected')).toMatchObject({ outcome: 'synced', ok: 0, refused: 1 });
    expect(cell('version')).toBe(4);
    expect(cell('syncNote')).toMatch(
      /^Status tidak dapat diubah dari Diterima ke Ditolak; .*Untuk membuka kembali di lembar ini: tulis alasannya di kolom «Tanggapan beralasan», lalu pilih «Dibuka kembali \/ Reopened» di kolom «Status» \/ Status cannot change from Accepted to Rejected; .*To reopen it in this sheet: write why in the «Reasoned response» column, then choose «Dibuka kembali \/ Reopened» in the «Status» column$/,
    );
    expect((await stored()).state).toMatchObject({ status: 'accepted', version: 4 });
  });

  it('reopens it as the refusal says: the reason as the audit note, the row showing the reopened state', async () => {
    expect(type('reasonedResponse', WHY)).toMatchObject({ ok: 1 });
    expect(type('status', REOPEN_CELL, 'budi@example.org')).toMatchObject({ outcome: 'synced', ok: 1 });
    expect([cell('status'), cell('version'), cell('syncNote')]).toEqual([
      'Dibuka kembali / Reopened',
      6,
      'Dibuka kembali: Sedang ditinjau, tersinkron v6 / Reopened: In review, synced v6',
    ]);
    const { state, trail } = await stored();
    expect(state).toMatchObject({ status: 'in_review', version: 6 });
    expect(trail.filter((e) => e.action === 'reopen')).toEqual([
      expect.objectContaining({
        version: 6,
        actor: 'budi@example.org',
        note: WHY,
        changes: [{ field: 'status', from: 'accepted', to: 'in_review' }],
      }),
    ]);
    // The dashboard counts the reopened row under its own word.
    const dashboard = sim.sheet('Dasbor')?.values ?? [];
    const header = dashboard[3] ?? [];
    const groupRow = dashboard.find((r) => String(r[0]).startsWith(TAB)) ?? [];
    expect(groupRow[header.indexOf(REOPEN_CELL)]).toBe(1);
  });

  it('never overwrites a newer decision made elsewhere: the stale row is refused as a conflict', async () => {
    // Someone decides again through the API while the row still shows version 6.
    const other = await signedPost(stack.apiUrl, '/v1/reviews', stack.signingSecret, {
      edits: [
        {
          proposalId: ID,
          expectedVersion: 6,
          actor: 'sekretariat (ilustratif)',
          changes: [{ field: 'status', from: 'in_review', to: 'accepted' }],
        },
      ],
    });
    expect(other.json).toMatchObject({ results: [{ ok: true, version: 7 }] });
    expect(type('status', 'Ditolak / Rejected')).toMatchObject({ refused: 1 });
    expect(cell('version')).toBe(7);
    expect(cell('syncNote')).toMatch(
      /^Bentrok: status .*tersimpan «Diterima \/ Accepted», Anda «Ditolak \/ Rejected»/,
    );
    expect((await stored()).state).toMatchObject({ status: 'accepted', version: 7 });
  });
});
