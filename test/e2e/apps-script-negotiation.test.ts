// The negotiation tab and the agency-response form, through the built Apps Script bundle in the
// simulation. The API is a capture server whose answers are made by the real domain code
// (shared/negotiation), and every request the bundle sends is parsed by the API's own parser.
import { beforeEach, describe, expect, it } from '@jest/globals';
import { loadAppsScript } from '../../infra/apps-script-sim/load';
import { createAppsScriptServices } from '../../infra/apps-script-sim/services';
import { csoText } from '../../shared/negotiation/commitment-text';
import {
  AGENCY_FORM_QUESTIONS_BY_ID,
  agencyPositionChoice,
} from '../../shared/negotiation/google/agency-form-spec';
import {
  NEGOTIATION_COLUMNS,
  NEGOTIATION_TAB,
  negotiationColumnIndex,
  negotiationHeaderRow,
} from '../../shared/negotiation/google/negotiation-sheet';
import { type NegotiationState, startNegotiation } from '../../shared/negotiation/negotiation';
import {
  applyNegotiationEdit,
  type NegotiationEditResult,
  parseNegotiationEdits,
  sheetSnapshot,
} from '../../shared/negotiation/negotiation-api';
import { CODE, ensureBuilt, useBuiltAppsScript, verifySigned } from '../support/built-apps-script';

const SECRET = 'e2e-negotiation-secret-0123456789abcdef';
const AGENCY_FORM = { id: 'sim-agency-form', title: 'Formulir K/L' };
const col = (key: Parameters<typeof negotiationColumnIndex>[0]) => negotiationColumnIndex(key);

function state(commitmentId: string, lead: string, supporting: string[] = []): NegotiationState {
  const out = startNegotiation(
    {
      commitmentId,
      title: `Komitmen ${commitmentId}`,
      sourceProposalIds: ['p_0000000000000001'],
      csoText: csoText({
        problem: 'Masalah',
        solution: 'Portal di 100 desa',
        expectedResults: 'Hasil',
        leadAgency: lead,
        milestones: [],
      }),
      supporting,
    },
    'konsolidasi / consolidation',
    '2022-09-01T00:00:00.000Z',
  );
  if (!out.ok) throw new Error('not started');
  return out.state;
}

const A = state('c_00000000000000a1', 'Kementerian Desa', ['Kementerian Dalam Negeri']);
const B = state('c_00000000000000b2', 'Kementerian Keuangan');
const answer = (results: NegotiationEditResult[], states: NegotiationState[]) => ({
  status: 200,
  body: JSON.stringify({ results, focalPoints: 0, negotiations: states.map(sheetSnapshot) }),
});

beforeEach(ensureBuilt);

describe('the negotiation tab and the agency form, through the built bundle', () => {
  const built = useBuiltAppsScript(SECRET);
  let seen = 0;
  const negotiationRequests = async () =>
    (await built.server.requests()).slice(seen).filter((r) => r.path === '/v1/negotiations');
  const tab = () => built.sim.sheet(NEGOTIATION_TAB)?.values ?? [];

  beforeEach(async () => {
    // The agency form the secretariat made by hand: a fresh simulation that can open it.
    await built.sim.close();
    built.sim = createAppsScriptServices({
      properties: {
        COCREATE_API_URL: built.server.url,
        COCREATE_SIGNING_SECRET: SECRET,
        COCREATE_AGENCY_FORM_ID: AGENCY_FORM.id,
      },
      forms: [AGENCY_FORM],
      fetchTimeoutMs: 5_000,
    });
    built.app = loadAppsScript(CODE, built.sim);
    built.app.call('setup');
    seen = (await built.server.requests()).length;
    await built.server.respondWith(answer([], [A, B]));
    built.app.call('refreshNegotiations');
  });

  it('setup builds the agency form from its spec, without email collection, with its own trigger and link template', () => {
    const form = built.sim.forms().find((f) => f.id === AGENCY_FORM.id);
    expect(form?.items.map((i) => i.title)).toEqual(Object.values(AGENCY_FORM_QUESTIONS_BY_ID));
    expect(form?.collectEmail).toBe(false);
    expect(built.sim.triggers().filter((t) => t.handler === 'onAgencyResponse')).toEqual([
      expect.objectContaining({ sourceId: AGENCY_FORM.id }),
    ]);
    expect(built.sim.properties().COCREATE_AGENCY_FORM_LINK).toMatch(
      /usp=pp_url&entry\.\d+=%7BcommitmentId%7D&entry\.\d+=%7Bagency%7D$/,
    );
    // Running setup again installs the trigger once, not twice.
    built.app.call('setup');
    expect(built.sim.triggers().filter((t) => t.handler === 'onAgencyResponse')).toHaveLength(1);
  });

  it('fills the tab with one row per commitment and agency, each with its pre-filled form link and no focal point', () => {
    const rows = tab();
    expect(rows[0]).toEqual(negotiationHeaderRow());
    expect(rows.slice(1).map((r) => [r[col('commitmentId')], r[col('agency')], r[col('position')]])).toEqual([
      [A.commitmentId, 'Kementerian Desa', 'Belum menjawab / Pending'],
      [A.commitmentId, 'Kementerian Dalam Negeri', 'Belum menjawab / Pending'],
      [B.commitmentId, 'Kementerian Keuangan', 'Belum menjawab / Pending'],
    ]);
    expect(String(rows[2]?.[col('responseLink')])).toContain(`=${A.commitmentId}&`);
    expect(String(rows[2]?.[col('responseLink')])).toContain('=Kementerian%20Dalam%20Negeri');
    expect(NEGOTIATION_COLUMNS.map((c) => c.key)).not.toContain('email');
    // No address anywhere in the review spreadsheet's negotiation tab (working groups open it).
    expect(JSON.stringify(tab())).not.toContain('@');
    const sheet = built.sim.sheet(NEGOTIATION_TAB);
    expect(sheet?.validations.map((v) => v.criteria)).toEqual(['VALUE_IN_LIST', 'VALUE_IN_LIST']);
  });

  it('pushes a position edit to POST /v1/negotiations and writes back the version and a sync note', async () => {
    const next = applyNegotiationEdit(
      A,
      {
        commitmentId: A.commitmentId,
        agency: 'Kementerian Desa',
        expectedVersion: 1,
        actor: 'x',
        changes: [{ field: 'position', to: 'supports' }],
      },
      '2022-09-10T00:00:00.000Z',
    );
    if (!next.ok) throw new Error('refused');
    await built.server.respondWith(answer([next], [next.state, B]));
    seen = (await built.server.requests()).length;
    const event = built.sim.userEdit({
      sheet: NEGOTIATION_TAB,
      row: 2,
      column: col('position') + 1,
      values: [['Mendukung / Supports']],
      user: 'peninjau@example.org',
    });
    expect(built.app.call('onReviewEdit', event)).toMatchObject({ outcome: 'synced', edits: 1, ok: 1 });
    const [req, ...more] = await negotiationRequests();
    expect(more).toEqual([]);
    expect(verifySigned(req, SECRET).ok).toBe(true);
    const body = parseNegotiationEdits(req?.body ?? '');
    expect(body.list).toBe(true);
    expect(body.edits).toEqual([
      {
        commitmentId: A.commitmentId,
        agency: 'Kementerian Desa',
        expectedVersion: 1,
        actor: 'peninjau@example.org',
        changes: [{ field: 'position', from: 'pending', to: 'supports' }],
      },
    ]);
    const rows = tab();
    expect(rows[1]?.[col('version')]).toBe(2);
    expect(rows[1]?.[col('syncNote')]).toBe('Tersinkron v2 / Synced v2');
    expect(rows[1]?.[col('status')]).toBe('Dalam pembahasan / In discussion');
    // The commitment's other agency row carries the new version too.
    expect(rows[2]?.[col('version')]).toBe(2);
  });

  it('shows a conflict in the sync note', async () => {
    const moved = applyNegotiationEdit(
      A,
      {
        commitmentId: A.commitmentId,
        agency: 'Kementerian Desa',
        expectedVersion: 1,
        actor: 'y',
        changes: [{ field: 'position', to: 'needs_budget' }],
      },
      '2022-09-10T00:00:00.000Z',
    );
    if (!moved.ok) throw new Error('refused');
    const refused = applyNegotiationEdit(
      moved.state,
      {
        commitmentId: A.commitmentId,
        agency: 'Kementerian Desa',
        expectedVersion: 1,
        actor: 'x',
        changes: [{ field: 'position', from: 'pending', to: 'declines' }],
      },
      '2022-09-10T00:01:00.000Z',
    );
    expect(refused).toMatchObject({ ok: false, code: 'conflict' });
    await built.server.respondWith(answer([refused], [moved.state, B]));
    built.app.call(
      'onReviewEdit',
      built.sim.userEdit({
        sheet: NEGOTIATION_TAB,
        row: 2,
        column: col('position') + 1,
        values: [['Menolak / Declines']],
      }),
    );
    const row = tab()[1] ?? [];
    expect(row[col('syncNote')]).toMatch(
      /^Bentrok: position .*tersimpan «needs_budget», Anda «declines» \/ Conflict:/,
    );
    expect(row[col('position')]).toBe('Perlu anggaran / Needs budget');
  });

  it('keeps an edit in the outbox while the API is down, and retryOutbox delivers it once', async () => {
    const next = applyNegotiationEdit(
      B,
      {
        commitmentId: B.commitmentId,
        expectedVersion: 1,
        actor: 'x',
        changes: [{ field: 'nextMeeting', to: '2022-10-01' }],
      },
      '2022-09-10T00:00:00.000Z',
    );
    if (!next.ok) throw new Error('refused');
    await built.server.respondWith({ status: 503, body: 'maintenance' }, answer([next], [A, next.state]));
    seen = (await built.server.requests()).length;
    const event = built.sim.userEdit({
      sheet: NEGOTIATION_TAB,
      row: 4,
      column: col('nextMeeting') + 1,
      values: [['2022-10-01']],
    });
    expect(built.app.call('onReviewEdit', event)).toMatchObject({ outcome: 'queued' });
    expect(
      Object.keys(built.sim.properties()).filter((k) => k.startsWith('outbox:negotiation-')),
    ).toHaveLength(1);
    expect(tab()[3]?.[col('syncNote')]).toMatch(/^Belum tersinkron/);
    expect(built.app.call('retryOutbox')).toMatchObject({ delivered: 1, stillQueued: 0 });
    const sent = await negotiationRequests();
    expect(sent.map((r) => r.status).slice(0, 2)).toEqual([503, 200]);
    expect(parseNegotiationEdits(sent[1]?.body ?? '').edits[0]).toMatchObject({
      commitmentId: B.commitmentId,
      changes: [{ field: 'nextMeeting', from: null, to: '2022-10-01' }],
    });
    expect(tab()[3]?.[col('version')]).toBe(2);
  });

  it('records an agency-form answer once, through onAgencyResponse and the signed API', async () => {
    const event = built.sim.submitResponse(
      {
        responseId: 'agency-resp-1',
        timestamp: '2022-09-12T03:00:00Z',
        answersByTitle: {
          [AGENCY_FORM_QUESTIONS_BY_ID.commitment_id]: B.commitmentId,
          [AGENCY_FORM_QUESTIONS_BY_ID.agency]: 'Kementerian Keuangan',
          [AGENCY_FORM_QUESTIONS_BY_ID.position]: agencyPositionChoice('supports_with_changes'),
          [AGENCY_FORM_QUESTIONS_BY_ID.changes]: 'Tonggak kedua digeser ke 2024 (ilustrasi)',
        },
        itemTypes: { [AGENCY_FORM_QUESTIONS_BY_ID.position]: 'MULTIPLE_CHOICE' },
      },
      AGENCY_FORM.id,
    );
    seen = (await built.server.requests()).length;
    // What the API does with the body the bundle sends: the real domain code.
    const first = async () => {
      const [req] = (await negotiationRequests()).slice(-1);
      const [edit] = parseNegotiationEdits(req?.body ?? '').edits;
      if (!edit) throw new Error('no edit');
      return edit;
    };
    await built.server.respondWith({ status: 200, body: '{"results":[]}' });
    built.app.call('onAgencyResponse', event);
    const edit = await first();
    expect(edit).toMatchObject({
      commitmentId: B.commitmentId,
      agency: 'Kementerian Keuangan',
      responseId: 'agency-resp-1',
      changes: [
        { field: 'position', to: 'supports_with_changes' },
        { field: 'channel', to: 'form' },
        { field: 'respondedAt', to: '2022-09-12T03:00:00.000Z' },
        { field: 'note', to: 'Tonggak kedua digeser ke 2024 (ilustrasi)' },
      ],
    });
    expect(edit.expectedVersion).toBeUndefined();
    const applied = applyNegotiationEdit(B, edit, '2022-09-12T03:00:05.000Z');
    if (!applied.ok) throw new Error('refused');
    // The trigger fires again for the same response: the server answers it as a duplicate.
    const again = applyNegotiationEdit(applied.state, edit, '2022-09-12T03:00:09.000Z');
    expect(again).toMatchObject({ ok: true, duplicate: true, version: 2 });
    await built.server.respondWith(answer([again], [A, applied.state]));
    expect(built.app.call('onAgencyResponse', event)).toMatchObject({
      outcome: 'duplicate',
      responseId: 'agency-resp-1',
    });
    const row = tab()[3] ?? [];
    expect(row[col('position')]).toBe('Mendukung dengan perubahan / Supports with changes');
    expect(row[col('note')]).toBe('Tonggak kedua digeser ke 2024 (ilustrasi)');
  });
});
