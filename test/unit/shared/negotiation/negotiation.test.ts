import { describe, expect, it } from '@jest/globals';
import {
  AGENCY_POSITIONS,
  applyNegotiation,
  canMoveNegotiation,
  FINAL_NEGOTIATION_STATUSES,
  hasResponse,
  isFinalNegotiation,
  latestText,
  leadAgency,
  NEGOTIATION_STATUSES,
  NEGOTIATION_TRANSITIONS,
  type NegotiationState,
  type NegotiationStatus,
  startNegotiation,
} from '../../../../shared/negotiation/negotiation';
import { CSO_TEXT, LATER, NOW, ok, REASON, SECRETARIAT, started, supported, walk } from './fixtures';

const apply = (s: NegotiationState, change: Parameters<typeof applyNegotiation>[1]) =>
  applyNegotiation(s, change, SECRETARIAT, LATER);

/** A state in `status`, reached through legal steps. */
function stateIn(status: NegotiationStatus): NegotiationState {
  const s = supported();
  switch (status) {
    case 'not_started':
      return started();
    case 'in_discussion':
      return s;
    case 'agreed':
    case 'declined':
      return walk(s, { status, reasonedResponse: REASON });
    case 'agreed_with_changes':
      return walk(s, { status, reasonedResponse: REASON, text: { action: 'Portal di 50 desa.' } });
    case 'adopted':
      return walk(s, { status: 'agreed', reasonedResponse: REASON }, { status: 'adopted' });
  }
}

describe('starting a negotiation', () => {
  it('puts the commitment in not_started with the CSO text as revision 1 and the lead agency pending', () => {
    const s = started({ supporting: ['Kementerian Dalam Negeri', 'kementerian desa'] });
    expect(s.status).toBe('not_started');
    expect(s.version).toBe(1);
    expect(s.texts).toHaveLength(1);
    expect(s.texts[0]).toMatchObject({ revision: 1, source: 'cso', text: CSO_TEXT, actor: SECRETARIAT });
    // The lead named twice (in another case) is not added again as a supporting agency.
    expect(s.agencies.map((a) => [a.agency, a.role, a.position])).toEqual([
      ['Kementerian Desa', 'lead', 'pending'],
      ['Kementerian Dalam Negeri', 'supporting', 'pending'],
    ]);
    expect(s.sourceProposalIds).toEqual(['p_1', 'p_2']);
  });

  it('waits in not_started without a lead agency, and cannot move on until one is named', () => {
    const out = startNegotiation(
      {
        commitmentId: 'c_x',
        title: 'x',
        sourceProposalIds: ['p_x'],
        csoText: { ...CSO_TEXT, leadAgency: ' ' },
      },
      SECRETARIAT,
      NOW,
    );
    if (!out.ok) throw new Error(out.message.en);
    expect(out.state.agencies).toEqual([]);
    expect(apply(out.state, { expectedVersion: 1, status: 'in_discussion' })).toMatchObject({
      ok: false,
      code: 'lead_required',
    });
    const named = ok(
      apply(out.state, { expectedVersion: 1, agencies: [{ agency: 'Bappenas', role: 'lead' }] }),
    );
    expect(named.agencies).toMatchObject([{ agency: 'Bappenas', role: 'lead', position: 'pending' }]);
  });
});

describe('negotiation transitions', () => {
  it('documents the lifecycle: not_started -> in_discussion -> agreed | agreed_with_changes | declined -> adopted', () => {
    expect(NEGOTIATION_TRANSITIONS.not_started).toEqual(['in_discussion']);
    expect(NEGOTIATION_TRANSITIONS.in_discussion).toEqual(['agreed', 'agreed_with_changes', 'declined']);
    expect(NEGOTIATION_TRANSITIONS.agreed).toEqual(['adopted']);
    expect(NEGOTIATION_TRANSITIONS.agreed_with_changes).toEqual(['adopted']);
    expect(NEGOTIATION_TRANSITIONS.declined).toEqual([]);
    expect(FINAL_NEGOTIATION_STATUSES).toEqual(['agreed', 'agreed_with_changes', 'declined', 'adopted']);
  });

  const pairs = NEGOTIATION_STATUSES.flatMap((a) => NEGOTIATION_STATUSES.map((b) => [a, b] as const)).filter(
    ([a, b]) => a !== b,
  );

  it.each(pairs)('from %s to %s is applied exactly when the lifecycle allows it', (from, to) => {
    const s = stateIn(from);
    const out = apply(s, {
      expectedVersion: s.version,
      status: to,
      reasonedResponse: REASON,
      ...(to === 'agreed_with_changes' && from === 'in_discussion'
        ? { text: { action: 'Portal di 50 desa.' } }
        : {}),
    });
    const legal = NEGOTIATION_TRANSITIONS[from].includes(to);
    expect(out.ok).toBe(legal);
    if (!out.ok && !legal) expect(out.code).toBe('illegal_transition');
  });

  it('refuses skipping discussion: not_started cannot be agreed directly', () => {
    const s = started();
    const out = apply(s, { expectedVersion: 1, status: 'agreed', reasonedResponse: REASON });
    expect(out).toMatchObject({ ok: false, code: 'illegal_transition' });
    if (!out.ok) expect(out.message.en).toContain('Not started');
  });

  it('reopens a final status only back to in_discussion, and only when asked to', () => {
    for (const from of FINAL_NEGOTIATION_STATUSES) {
      expect(canMoveNegotiation(from, 'in_discussion')).toBe(false);
      expect(canMoveNegotiation(from, 'in_discussion', true)).toBe(true);
      expect(canMoveNegotiation(from, 'not_started', true)).toBe(false);
    }
    const declined = stateIn('declined');
    expect(apply(declined, { expectedVersion: declined.version, status: 'in_discussion' })).toMatchObject({
      ok: false,
      code: 'illegal_transition',
    });
    const reopened = ok(
      apply(declined, {
        expectedVersion: declined.version,
        status: 'in_discussion',
        reopen: true,
        note: 'new minister',
      }),
    );
    expect(reopened.status).toBe('in_discussion');
    expect(reopened.audit.at(-1)).toMatchObject({ action: 'reopen', note: 'new minister' });
  });
});

describe('reasoned explanations', () => {
  it.each(FINAL_NEGOTIATION_STATUSES.filter((s) => s !== 'adopted'))(
    '%s without a reasoned explanation is refused',
    (to) => {
      const s = supported();
      for (const reasonedResponse of [undefined, '', 'too short']) {
        const out = apply(s, {
          expectedVersion: s.version,
          status: to,
          ...(reasonedResponse !== undefined ? { reasonedResponse } : {}),
          ...(to === 'agreed_with_changes' ? { text: { action: 'Portal di 50 desa.' } } : {}),
        });
        expect(out).toMatchObject({ ok: false, code: 'reason_required' });
      }
    },
  );

  it('refuses clearing the explanation of a final status afterwards', () => {
    const s = stateIn('agreed');
    expect(apply(s, { expectedVersion: s.version, reasonedResponse: '' })).toMatchObject({
      ok: false,
      code: 'reason_required',
    });
  });

  it('keeps the explanation once given', () => {
    expect(stateIn('declined').reasonedResponse).toBe(REASON);
    expect(isFinalNegotiation('declined')).toBe(true);
  });
});

describe('agreements', () => {
  it('refuses an agreement while the lead agency has not said it supports the commitment', () => {
    for (const position of AGENCY_POSITIONS.filter(
      (p) => p !== 'supports' && p !== 'supports_with_changes',
    )) {
      const s = walk(started(), {
        agencies: [{ agency: 'Kementerian Desa', position }],
        status: 'in_discussion',
      });
      const out = apply(s, { expectedVersion: s.version, status: 'agreed', reasonedResponse: REASON });
      expect(out).toMatchObject({ ok: false, code: 'lead_must_support' });
    }
  });

  it('refuses agreed_with_changes when the text is still the CSO text', () => {
    const s = supported();
    expect(
      apply(s, { expectedVersion: s.version, status: 'agreed_with_changes', reasonedResponse: REASON }),
    ).toMatchObject({ ok: false, code: 'changes_required' });
  });

  it('locks the agreed text until the negotiation is reopened', () => {
    const s = stateIn('agreed');
    expect(apply(s, { expectedVersion: s.version, text: { action: 'Lain.' } })).toMatchObject({
      ok: false,
      code: 'text_locked',
    });
    const reopened = ok(
      apply(s, {
        expectedVersion: s.version,
        status: 'in_discussion',
        reopen: true,
        text: { action: 'Lain.' },
      }),
    );
    expect(latestText(reopened).text.action).toBe('Lain.');
  });
});

describe('the versioned text', () => {
  it('keeps the CSO text and adds a revision naming who changed which parts and when', () => {
    const s = walk(supported(), {
      text: {
        milestones: [
          { deliverable: 'Standar data laporan desa', start: '2023-03-01', end: '2023-09-30' },
          { deliverable: 'Portal diluncurkan di 50 desa', start: '2023-10-01', end: '2024-12-31' },
        ],
        action: 'Membangun portal laporan dana desa di 50 desa percontohan.',
      },
      note: 'scope narrowed at the technical meeting',
    });
    expect(s.texts).toHaveLength(2);
    expect(s.texts[0]?.text).toEqual(CSO_TEXT);
    expect(s.texts[1]).toMatchObject({
      revision: 2,
      source: 'negotiation',
      actor: SECRETARIAT,
      at: LATER,
      changed: ['action', 'milestones'],
      note: 'scope narrowed at the technical meeting',
    });
    expect(s.texts[1]?.text.problem).toBe(CSO_TEXT.problem);
  });

  it('adds no revision for a text that reads the same (spacing aside)', () => {
    const s = supported();
    const out = apply(s, { expectedVersion: s.version, text: { action: `  ${CSO_TEXT.action}  ` } });
    expect(out).toMatchObject({ ok: false, code: 'no_change' });
  });
});

describe('agencies', () => {
  it('records when and through which channel an agency answered, and clears it back to pending', () => {
    const s = walk(started(), {
      agencies: [
        { agency: 'kementerian  desa', position: 'needs_budget', channel: 'letter', note: 'APBN 2024' },
      ],
    });
    expect(s.agencies[0]).toEqual({
      agency: 'Kementerian Desa',
      role: 'lead',
      position: 'needs_budget',
      respondedAt: LATER,
      channel: 'letter',
      note: 'APBN 2024',
    });
    // The first answer starts the discussion.
    expect(s.status).toBe('in_discussion');
    const back = walk(s, { agencies: [{ agency: 'Kementerian Desa', position: 'pending' }] });
    expect(back.agencies[0]).toMatchObject({ position: 'pending', respondedAt: null, channel: null });
  });

  it('keeps exactly one lead: naming a new lead makes the old one supporting', () => {
    const s = walk(started({ supporting: ['Kementerian Dalam Negeri'] }), {
      agencies: [{ agency: 'Kementerian Dalam Negeri', role: 'lead' }],
    });
    expect(leadAgency(s)?.agency).toBe('Kementerian Dalam Negeri');
    expect(s.agencies.filter((a) => a.role === 'lead')).toHaveLength(1);
  });

  it('refuses leaving the commitment without a lead agency', () => {
    const s = started({ supporting: ['Kementerian Dalam Negeri'] });
    expect(
      apply(s, { expectedVersion: 1, agencies: [{ agency: 'Kementerian Desa', role: 'supporting' }] }),
    ).toMatchObject({
      ok: false,
      code: 'lead_required',
    });
    expect(
      apply(s, { expectedVersion: 1, agencies: [{ agency: 'Kementerian Desa', remove: true }] }),
    ).toMatchObject({
      ok: false,
      code: 'lead_required',
    });
  });

  it('adds a new agency as supporting and refuses unknown positions', () => {
    const s = walk(started(), { agencies: [{ agency: 'Bappenas' }] });
    expect(s.agencies.map((a) => `${a.agency}:${a.role}`)).toEqual([
      'Kementerian Desa:lead',
      'Bappenas:supporting',
    ]);
    expect(
      apply(s, {
        expectedVersion: s.version,
        agencies: [{ agency: 'Bappenas', position: 'maybe' as never }],
      }),
    ).toMatchObject({ ok: false, code: 'invalid_value' });
    expect(
      apply(s, { expectedVersion: s.version, agencies: [{ agency: 'Lain', remove: true }] }),
    ).toMatchObject({
      ok: false,
      code: 'unknown_agency',
    });
  });
});

describe('meetings', () => {
  const meeting = {
    date: '2022-09-05',
    type: 'technical' as const,
    organisations: ['Kementerian Desa', 'Sekretariat OMS'],
    decisions: 'Cakupan dipersempit ke 50 desa',
    minutesUrl: 'https://example.org/notulen/1',
  };

  it('keeps meetings as evidence, in date order, each once', () => {
    const s = walk(
      started(),
      { meetings: [meeting] },
      { meetings: [{ ...meeting, date: '2022-08-30', type: 'bilateral' }] },
      { meetings: [{ ...meeting, decisions: 'Cakupan dipersempit ke 50 desa; anggaran 2024' }] },
    );
    expect(s.meetings.map((m) => `${m.date} ${m.type}`)).toEqual([
      '2022-08-30 bilateral',
      '2022-09-05 technical',
    ]);
    expect(s.meetings[1]?.decisions).toContain('anggaran 2024');
    expect(s.status).toBe('in_discussion');
  });

  it('refuses a meeting without a date, organisations or an https minutes link', () => {
    const s = started();
    for (const bad of [
      { ...meeting, date: '5 Sept' },
      { ...meeting, organisations: [' '] },
      { ...meeting, minutesUrl: 'javascript:alert(1)' },
      { ...meeting, type: 'party' as never },
    ]) {
      expect(apply(s, { expectedVersion: 1, meetings: [bad] })).toMatchObject({
        ok: false,
        code: 'invalid_value',
      });
    }
  });
});

describe('concurrency and exactly once', () => {
  it('refuses a change made against an older version', () => {
    const s = supported();
    expect(apply(s, { expectedVersion: s.version - 1, nextMeeting: '2022-10-01' })).toMatchObject({
      ok: false,
      code: 'stale_version',
    });
  });

  it('applies an agency-form response once: the same response again is refused as already applied', () => {
    const s = started();
    const once = ok(
      apply(s, {
        expectedVersion: 1,
        responseId: 'resp-1',
        agencies: [{ agency: 'Kementerian Desa', position: 'supports', channel: 'form' }],
      }),
    );
    expect(hasResponse(once, 'resp-1')).toBe(true);
    expect(
      apply(once, {
        expectedVersion: once.version,
        responseId: 'resp-1',
        agencies: [{ agency: 'Kementerian Desa', position: 'supports', channel: 'form' }],
      }),
    ).toMatchObject({ ok: false, code: 'already_applied' });
  });

  it('never mutates the state it was given, and refuses a change without an actor', () => {
    const s = supported();
    const copy = structuredClone(s);
    ok(apply(s, { expectedVersion: s.version, status: 'declined', reasonedResponse: REASON }));
    expect(s).toEqual(copy);
    expect(applyNegotiation(s, { expectedVersion: s.version, nextMeeting: null }, ' ', LATER)).toMatchObject({
      ok: false,
      code: 'actor_required',
    });
  });

  it('records every change in the audit with the version it produced', () => {
    const s = stateIn('adopted');
    expect(s.audit.map((e) => e.version)).toEqual([2, 3, 4]);
    expect(s.audit.at(-1)?.changes).toEqual([{ field: 'status', from: 'agreed', to: 'adopted' }]);
  });
});
