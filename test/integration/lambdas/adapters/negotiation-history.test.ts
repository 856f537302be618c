// A negotiation revised and answered many times stays changeable: events, text revisions, meetings and
// applied answer ids live in their own items, and every item and key stays inside DynamoDB's limits.

import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeHistoryItems } from '../../../../lambdas/adapters/dynamodb/history-items';
import { DynamoNegotiationStore } from '../../../../lambdas/adapters/dynamodb-negotiation-store';
import { DynamoProposalStore } from '../../../../lambdas/adapters/dynamodb-proposal-store';
import {
  applyNegotiationEdits,
  type NegotiationsDeps,
} from '../../../../lambdas/services/negotiations-service';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { keys } from '../../../../shared/definitions/table';
import { applyNegotiation, startNegotiation } from '../../../../shared/negotiation/negotiation';
import type { NegotiationEdit } from '../../../../shared/negotiation/negotiation-api';
import { negotiationForExport } from '../../../../shared/negotiation/negotiation-export';
import { acceptSampleProposals } from '../../../support/accepted-commitments';
import { watchItemLimits } from '../../../support/item-limits';
import { startDynamo } from '../../../support/local-servers';
import { CSO_TEXT as CSO } from '../../../unit/shared/negotiation/fixtures';

let dynamo: Awaited<ReturnType<typeof startDynamo>>;
let negotiations: DynamoNegotiationStore;
let deps: NegotiationsDeps;
let limits: ReturnType<typeof watchItemLimits>;
let commitmentIds: string[] = [];
let leads: string[] = [];
const round = DEFAULT_ROUND;
let clock = Date.parse('2022-09-01T00:00:00Z');
const now = () => {
  clock += 1000;
  return new Date(clock);
};

beforeAll(async () => {
  dynamo = await startDynamo();
  const proposals = new DynamoProposalStore(dynamo.doc, dynamo.tableName);
  negotiations = new DynamoNegotiationStore(dynamo.doc, dynamo.tableName);
  ({ commitmentIds, leads } = await acceptSampleProposals(proposals, round, now, 2));
  limits = watchItemLimits(dynamo.doc);
  deps = { negotiations, rounds: proposals, round, now };
});
afterAll(async () => dynamo.close());

const one = async (edit: NegotiationEdit) => {
  const [r] = await applyNegotiationEdits(deps, [edit]);
  return r;
};
const answer = (commitment: number, i: number): NegotiationEdit => ({
  commitmentId: commitmentIds[commitment] as string,
  agency: leads[commitment] as string,
  actor: `${leads[commitment]} (formulir)`,
  responseId: `agency-answer-${i}`,
  changes: [
    { field: 'position', to: i % 2 ? 'supports_with_changes' : 'needs_budget' },
    { field: 'channel', to: 'form' },
    { field: 'note', to: `Jawaban ${i}: ${'catatan '.repeat(600)}`.slice(0, 5000) },
  ],
});

describe('negotiation history on dynalite', () => {
  it('keeps a commitment changeable after 200 revisions of a 5,000-character text, 300 answers and 60 meetings', async () => {
    const id = commitmentIds[0] as string;
    let version = 1;
    for (let i = 0; i < 200; i++) {
      const r = await one({
        commitmentId: id,
        expectedVersion: version,
        actor: 'Sekretariat',
        changes: [{ field: 'text.action', to: `${i} ${'tindakan '.repeat(560)}`.slice(0, 5000) }],
      });
      expect(r).toMatchObject({ ok: true, version: version + 1 });
      if (r?.ok) version = r.version;
    }
    for (let i = 0; i < 300; i++) {
      const r = await one(answer(0, i));
      expect(r).toMatchObject({ ok: true, version: version + 1 });
      if (r?.ok) version = r.version;
    }
    for (let i = 0; i < 60; i++) {
      const r = await one({
        commitmentId: id,
        expectedVersion: version,
        actor: 'Sekretariat',
        changes: [],
        meetings: [
          {
            date: `2022-${String(10 + Math.floor(i / 28)).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
            type: 'technical',
            organisations: [leads[0] as string, 'OMS Ilustrasi'],
            decisions: `Rapat ${i}: ${'keputusan '.repeat(500)}`.slice(0, 5000),
            minutesUrl: null,
          },
        ],
      });
      expect(r).toMatchObject({ ok: true, version: version + 1 });
      if (r?.ok) version = r.version;
    }
    // The last change still succeeds: the agreement, with the lead agency's support.
    const agreed = await one({
      commitmentId: id,
      agency: leads[0] as string,
      expectedVersion: version,
      actor: 'Sekretariat',
      changes: [
        { field: 'position', to: 'supports' },
        { field: 'reasonedResponse', to: 'Instansi utama mendukung teks yang direvisi (ilustrasi).' },
        { field: 'status', to: 'agreed_with_changes' },
      ],
    });
    expect(agreed).toMatchObject({
      ok: true,
      version: version + 1,
      state: { status: 'agreed_with_changes' },
    });
    expect(limits.violations).toEqual([]);

    const state = (await negotiations.getNegotiations(round.id, [id])).get(id);
    expect(state?.version).toBe(version + 1);
    expect(state?.meetings).toHaveLength(60);
    expect(state?.texts[0]?.source).toBe('cso');
    expect(state?.texts.at(-1)?.revision).toBe(201);
    expect(state?.texts.at(-1)?.text.action).toMatch(/^199 tindakan/);
    const open = negotiationForExport(state as NonNullable<typeof state>);
    expect(open).toMatchObject({ status: 'agreed_with_changes', textRevisions: 201 });
    expect(open.meetings).toHaveLength(60);
    expect(open.meetings[59]?.decisions).toMatch(/^Rapat 59: (keputusan ){400}/);
    // The whole history reads back, paged: every event and every text revision whole.
    const history = await negotiations.negotiationHistory(round.id, id);
    expect(history.audit.map((e) => e.version)).toEqual(Array.from({ length: version }, (_, i) => i + 2));
    expect(history.texts.map((t) => t.revision)).toEqual(Array.from({ length: 201 }, (_, i) => i + 1));
    expect(history.texts[100]?.text.action).toHaveLength(5000);
    expect(history.audit.filter((e) => e.responseId).length).toBe(300);
  }, 600_000); // ~560 sequential changes: minutes on a busy 2-core machine, not a timing assertion

  it('answers an early agency answer re-delivered after many later ones as a duplicate and changes nothing', async () => {
    const id = commitmentIds[1] as string;
    let version = 1;
    for (let i = 0; i < 120; i++) {
      const r = await one(answer(1, 1000 + i));
      expect(r).toMatchObject({ ok: true, version: version + 1 });
      if (r?.ok) version = r.version;
    }
    const before = (await negotiations.getNegotiations(round.id, [id])).get(id);
    const again = await one(answer(1, 1000));
    expect(again).toMatchObject({ ok: true, version, duplicate: true });
    const after = (await negotiations.getNegotiations(round.id, [id])).get(id);
    expect(after).toEqual(before);
    expect((await negotiations.negotiationHistory(round.id, id)).audit).toHaveLength(120);
  }, 300_000);

  it('writes out the history of an item stored before this layout on its next save, losing no meeting or revision', async () => {
    const start = startNegotiation(
      { commitmentId: 'c_legacy', title: 'Ilustrasi', sourceProposalIds: [], csoText: CSO },
      'Sekretariat',
      '2022-08-01T00:00:00.000Z',
    );
    if (!start.ok) throw new Error(start.message.en);
    let legacy = start.state;
    for (let i = 0; i < 3; i++) {
      const out = applyNegotiation(
        legacy,
        {
          expectedVersion: legacy.version,
          text: { action: `Tindakan ${i}` },
          meetings: [
            {
              date: `2022-08-0${i + 2}`,
              type: 'bilateral',
              organisations: ['OMS Ilustrasi'],
              decisions: `d${i}`,
              minutesUrl: null,
            },
          ],
        },
        'Sekretariat',
        `2022-08-0${i + 2}T00:00:00.000Z`,
      );
      if (!out.ok) throw new Error(out.message.en);
      legacy = out.state;
    }
    // The item as the store wrote it before: everything inline.
    await dynamo.doc.send(
      new PutCommand({
        TableName: dynamo.tableName,
        Item: { ...legacy, ...keys.negotiation(round.id, 'c_legacy') },
      }),
    );
    const read = (await negotiations.getNegotiations(round.id, ['c_legacy'])).get('c_legacy');
    expect(read).toEqual(legacy);
    const r = await one({
      commitmentId: 'c_legacy',
      expectedVersion: legacy.version,
      actor: 'Sekretariat',
      changes: [{ field: 'nextMeeting', to: '2022-09-01' }],
    });
    expect(r).toMatchObject({ ok: true, version: legacy.version + 1 });
    const after = (await negotiations.getNegotiations(round.id, ['c_legacy'])).get('c_legacy');
    expect(after?.meetings).toEqual(legacy.meetings);
    expect(after?.texts.map((t) => t.revision)).toEqual([1, 4]);
    const history = await negotiations.negotiationHistory(round.id, 'c_legacy');
    expect(history.texts).toEqual(legacy.texts);
    expect(history.audit.map((e) => e.version)).toEqual([2, 3, 4, 5]);
    expect(limits.violations).toEqual([]);
  });

  it('never lets a late history write of an older version overwrite what a newer version wrote', async () => {
    const key = keys.negotiationMeeting(round.id, 'c_race', 'm_1');
    const write = (version: number, decisions: string) =>
      writeHistoryItems(
        dynamo.doc,
        dynamo.tableName,
        [{ ...key, meeting: { decisions } }],
        'test item',
        () => ({}),
        {
          version,
        },
      );
    await write(5, 'newer');
    await write(4, 'older, late');
    const read = async () =>
      (await dynamo.doc.send(new GetCommand({ TableName: dynamo.tableName, Key: key }))).Item?.meeting;
    expect(await read()).toEqual({ decisions: 'newer' });
    await write(6, 'newest');
    expect(await read()).toEqual({ decisions: 'newest' });
  });
});
