import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS, type SampleProposal } from '../../../infra/demo/sample-round';
import { DynamoNegotiationStore } from '../../../lambdas/adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../../../lambdas/adapters/dynamodb-proposal-store';
import { parseServiceAccountKey, serviceAccountAuth } from '../../../lambdas/adapters/google/google-auth';
import { GoogleReviewSheet } from '../../../lambdas/adapters/google/google-sheets';
import { ingestSubmission } from '../../../lambdas/services/ingest-service';
import { applyNegotiationEdits, listRoundNegotiations } from '../../../lambdas/services/negotiations-service';
import { RECONCILE_ACTOR, type ReconcileDeps, reconcile } from '../../../lambdas/services/reconcile-service';
import { applyReviewEdits } from '../../../lambdas/services/reviews-service';
import { formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND, type RoundConfig } from '../../../shared/definitions/round';
import {
  NEGOTIATION_TAB,
  type NegotiationColumnKey,
  negotiationColumnIndex,
  negotiationHeaderRow,
  negotiationRows,
  negotiationStatusCell,
  positionCell,
} from '../../../shared/negotiation/google/negotiation-sheet';
import { headerRow, tabName, UNASSIGNED_TAB } from '../../../shared/review/review-sheet';
import { columnLetters, GoogleApiFake } from '../../support/google-api-fake';
import { startDynamo } from '../../support/local-servers';

const spec = formSpec(DEFAULT_ROUND);
const now = () => new Date('2022-09-01T03:00:00Z');
let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let store: DynamoProposalStore;
let negotiations: DynamoNegotiationStore;
let fake: GoogleApiFake;
let roundNo = 0;
let round: RoundConfig;
let commitmentIds: string[];

beforeAll(async () => {
  dynamo = await startDynamo();
  store = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  negotiations = new DynamoNegotiationStore(dynamo.doc, dynamo.tableName);
});
afterAll(async () => dynamo.close());

/** Two accepted proposals (two commitments), and a spreadsheet whose tabs show the round as it is stored. */
beforeEach(async () => {
  round = { ...DEFAULT_ROUND, id: `reconcile-negotiation-${++roundNo}` };
  const ids: string[] = [];
  for (const s of SAMPLE_PROPOSALS.slice(0, 2) as SampleProposal[]) {
    const out = await ingestSubmission(
      { store, spec, round, now },
      { responseId: s.responseId, submittedAt: s.submittedAt, source: 'form', answers: s.answers },
    );
    ids.push(out.id);
  }
  const review = { store, round, now };
  for (const [version, changes] of [
    [1, [{ field: 'status', to: 'in_review' }]],
    [
      2,
      [
        { field: 'status', to: 'accepted' },
        { field: 'reasonedResponse', to: 'Diterima: relevan dengan nilai OGP dan tonggak jelas.' },
      ],
    ],
  ] as const)
    await applyReviewEdits(
      review,
      ids.map((proposalId) => ({ proposalId, expectedVersion: version, actor: 'WG', changes: [...changes] })),
    );
  const states = await listRoundNegotiations({ negotiations, rounds: store, round });
  commitmentIds = states.map((s) => s.commitmentId);
  fake = await GoogleApiFake.start();
  for (const tab of [...round.workingGroups.map(tabName), UNASSIGNED_TAB]) fake.addTab(tab, [headerRow()]);
  // The review tabs are filled by reconcile's own phase 3 on the first run; the negotiation tab as
  // Apps Script's refresh writes it.
  fake.addTab(NEGOTIATION_TAB, [negotiationHeaderRow(), ...states.flatMap((s) => negotiationRows(s))]);
  await reconcile(deps());
});
afterEach(async () => fake?.close());

function deps(): ReconcileDeps {
  const google = {
    auth: serviceAccountAuth(parseServiceAccountKey(fake.serviceAccountKeyJson())),
    rootUrl: fake.url,
  };
  const sheet = new GoogleReviewSheet(fake.spreadsheetId, google);
  return { store, sheet, negotiations, negotiationSheet: sheet, spec, round, now };
}

const cellOf = (row: number, key: NegotiationColumnKey) =>
  `${columnLetters(negotiationColumnIndex(key) + 1)}${row}`;
const rowOf = (commitmentId: string) => {
  const row = fake.findRow(NEGOTIATION_TAB, (cells) => cells[0] === commitmentId);
  if (!row) throw new Error(`no negotiation row for ${commitmentId}`);
  return row;
};
const read = (commitmentId: string, key: NegotiationColumnKey) =>
  fake.cell(NEGOTIATION_TAB, cellOf(rowOf(commitmentId), key));
const type = (commitmentId: string, key: NegotiationColumnKey, value: string | number) =>
  fake.setCell(NEGOTIATION_TAB, cellOf(rowOf(commitmentId), key), value);
const stored = async (id: string) => (await negotiations.getNegotiations(round.id, [id])).get(id);

describe('reconcile of the negotiation tab against dynalite and the Google API fake', () => {
  it('applies an edit typed in the tab while no trigger ran, writes back its version and note, and a second run changes nothing', async () => {
    const [id] = commitmentIds as [string];
    type(id, 'position', positionCell('supports'));
    type(id, 'note', 'Rapat teknis pertama sepakat (ilustrasi).');
    type(id, 'nextMeeting', 44835); // a date typed in Sheets, read unformatted: 2022-10-01

    const reads = fake.requestsTo('sheets.values.batchGet').length;
    const report = await reconcile(deps());
    expect(report.negotiation).toEqual({ tab: true, rows: 2, applied: 1, refused: 0, versionsUpdated: 0 });
    // The negotiation tab is read in one request of its own, beside the one for the review tabs.
    expect(fake.requestsTo('sheets.values.batchGet').length - reads).toBe(2);

    const state = await stored(id);
    expect(state?.version).toBe(2);
    expect(state?.agencies[0]).toMatchObject({
      position: 'supports',
      note: 'Rapat teknis pertama sepakat (ilustrasi).',
    });
    expect(state?.nextMeeting).toBe('2022-10-01');
    expect(state?.audit.at(-1)?.actor).toBe(RECONCILE_ACTOR);
    expect(read(id, 'version')).toBe(2);
    expect(read(id, 'nextMeeting')).toBe('2022-10-01');
    expect(String(read(id, 'syncNote'))).toContain('Synced from the sheet (v2)');

    const writes = fake.requestsTo('sheets.values.batchUpdate').length;
    const again = await reconcile(deps());
    expect(again.negotiation).toEqual({ tab: true, rows: 2, applied: 0, refused: 0, versionsUpdated: 0 });
    expect(fake.requestsTo('sheets.values.batchUpdate').length).toBe(writes);
    expect((await stored(id))?.version).toBe(2);
  });

  it('reports a stale row as a conflict with the stored value and does not apply it', async () => {
    const [id] = commitmentIds as [string];
    const agreed = 'Aksi yang disepakati lewat rapat: portal data terbuka (ilustrasi).';
    const [first] = await applyNegotiationEdits({ negotiations, rounds: store, round, now }, [
      {
        commitmentId: id,
        expectedVersion: 1,
        actor: 'Sekretariat',
        changes: [{ field: 'text.action', to: agreed }],
      },
    ]);
    expect(first).toMatchObject({ ok: true, version: 2 });
    // The tab was not refreshed: its row still says version 1, and someone types another text over it.
    type(id, 'agreedText', 'Teks lain yang diketik di lembar (ilustrasi).');

    const report = await reconcile(deps());
    expect(report.negotiation).toMatchObject({ applied: 0, refused: 1 });
    const state = await stored(id);
    expect(state?.version).toBe(2);
    expect(state?.texts.at(-1)?.text.action).toBe(agreed);
    const note = String(read(id, 'syncNote'));
    expect(note).toContain('Conflict: text.action');
    expect(note).toContain(agreed);
    // The typed text stays for a human to compare, and the row stays behind until it is re-entered.
    expect(read(id, 'agreedText')).toBe('Teks lain yang diketik di lembar (ilustrasi).');
    expect(read(id, 'version')).toBe(1);

    const again = await reconcile(deps());
    expect(again.negotiation).toMatchObject({ applied: 0, refused: 1 });
    expect((await stored(id))?.version).toBe(2);
  });

  it('applies edits of two agency rows of one commitment in the same run and refreshes the text on both rows', async () => {
    const [id] = commitmentIds as [string];
    const lead = String(read(id, 'agency'));
    const support = 'Badan Fiktif Statistik (ilustrasi)';
    const [added] = await applyNegotiationEdits({ negotiations, rounds: store, round, now }, [
      {
        commitmentId: id,
        agency: support,
        expectedVersion: 1,
        actor: 'Sekretariat',
        changes: [{ field: 'role', to: 'supporting' }],
      },
    ]);
    expect(added).toMatchObject({ ok: true, version: 2 });
    const state = await stored(id);
    fake.addTab(NEGOTIATION_TAB, [
      negotiationHeaderRow(),
      ...(await listRoundNegotiations({ negotiations, rounds: store, round })).flatMap((s) =>
        negotiationRows(s),
      ),
    ]);
    expect(state?.agencies.map((a) => a.agency)).toEqual([lead, support]);
    const [leadRow, supportRow] = [lead, support].map((agency) => {
      const row = fake.findRow(NEGOTIATION_TAB, (cells) => cells[0] === id && cells[3] === agency);
      if (!row) throw new Error(`no row for ${agency}`);
      return row;
    }) as [number, number];
    const agreed = 'Aksi yang disempitkan ke tiga kabupaten percontohan (ilustrasi).';
    fake.setCell(NEGOTIATION_TAB, cellOf(leadRow, 'position'), positionCell('supports'));
    fake.setCell(NEGOTIATION_TAB, cellOf(leadRow, 'agreedText'), agreed);
    fake.setCell(NEGOTIATION_TAB, cellOf(supportRow, 'position'), positionCell('needs_budget'));

    const report = await reconcile(deps());
    expect(report.negotiation).toMatchObject({ applied: 2, refused: 0 });
    const after = await stored(id);
    expect(after?.version).toBe(4);
    expect(after?.agencies.map((a) => a.position)).toEqual(['supports', 'needs_budget']);
    expect(after?.texts.at(-1)?.text.action).toBe(agreed);
    for (const row of [leadRow, supportRow]) {
      expect(fake.cell(NEGOTIATION_TAB, cellOf(row, 'version'))).toBe(4);
      expect(fake.cell(NEGOTIATION_TAB, cellOf(row, 'agreedText'))).toBe(agreed);
    }
    const again = await reconcile(deps());
    expect(again.negotiation).toMatchObject({ applied: 0, refused: 0, versionsUpdated: 0 });
  });

  it('brings a row that only lags behind the stored version up to date without an edit', async () => {
    const [, id] = commitmentIds as [string, string];
    const lead = String(read(id, 'agency'));
    const [res] = await applyNegotiationEdits({ negotiations, rounds: store, round, now }, [
      {
        commitmentId: id,
        agency: lead,
        expectedVersion: 1,
        actor: 'Sekretariat',
        changes: [{ field: 'position', to: 'supports' }],
      },
    ]);
    // The same value reached the tab another way (typed there too, or a refresh that stopped half way).
    type(id, 'position', positionCell('supports'));
    type(id, 'status', negotiationStatusCell('in_discussion'));
    expect(res).toMatchObject({ ok: true });
    const version = (await stored(id))?.version;
    expect(version).toBe(2);
    const report = await reconcile(deps());
    expect(report.negotiation).toMatchObject({ applied: 0, refused: 0, versionsUpdated: 1 });
    expect(read(id, 'syncNote')).toBe('');
    expect(read(id, 'version')).toBe(2);
  });

  it('refuses a value the lifecycle does not allow, leaving the stored negotiation as it was', async () => {
    const [id] = commitmentIds as [string];
    type(id, 'nextMeeting', 'minggu depan');
    const report = await reconcile(deps());
    expect(report.negotiation).toMatchObject({ applied: 0, refused: 1 });
    expect(await stored(id)).toBeUndefined();
    expect(String(read(id, 'syncNote'))).toContain('Invalid next meeting date');
  });

  it('skips the phase and still reconciles the review tabs when the spreadsheet has no negotiation tab', async () => {
    const bare = await GoogleApiFake.start();
    try {
      for (const tab of [...round.workingGroups.map(tabName), UNASSIGNED_TAB])
        bare.addTab(tab, [headerRow()]);
      const google = {
        auth: serviceAccountAuth(parseServiceAccountKey(bare.serviceAccountKeyJson())),
        rootUrl: bare.url,
      };
      const sheet = new GoogleReviewSheet(bare.spreadsheetId, google);
      const report = await reconcile({
        store,
        sheet,
        negotiations,
        negotiationSheet: sheet,
        spec,
        round,
        now,
      });
      expect(report.negotiation).toEqual({ tab: false, rows: 0, applied: 0, refused: 0, versionsUpdated: 0 });
      expect(report.sheet.appended).toBe(2);
      expect(bare.requestsTo('sheets.values.batchGet').map((r) => r.status)).toEqual([200, 400]);
    } finally {
      await bare.close();
    }
  });
});
