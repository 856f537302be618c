import { describe, expect, it } from '@jest/globals';
import {
  checkRoundConfig,
  DEFAULT_ROUND,
  parseRoundConfig,
  ROUND_FIELDS,
} from '../../../../shared/definitions/round';

const minimal = {
  id: 'r-2027',
  name: { id: 'Putaran 2027', en: 'Round 2027' },
  periodStart: '2027-01-01',
  periodEnd: '2028-12-31',
  submissionDeadline: '2026-12-31',
  workingGroups: [{ id: 'wg', name: { id: 'KK', en: 'WG' } }],
};

const fields = (json: unknown) => {
  const r = checkRoundConfig(json);
  return r.ok ? [] : r.problems.map((p) => p.field);
};

describe('checkRoundConfig', () => {
  it('accepts the sample round and a minimal round, filling languages, time zone and review days', () => {
    expect(checkRoundConfig(JSON.parse(JSON.stringify(DEFAULT_ROUND)))).toEqual({
      ok: true,
      round: DEFAULT_ROUND,
    });
    const r = checkRoundConfig(minimal);
    expect(r.ok && r.round).toMatchObject({
      languages: ['id', 'en'],
      timeZone: 'Asia/Jakarta',
      reviewSlaDays: 7,
    });
  });

  it('names every bad field at once, each with an Indonesian and an English message', () => {
    const r = checkRoundConfig({
      ...minimal,
      id: 'Round 2027',
      name: { id: 'Putaran' },
      languages: ['id', 'fr'],
      timeZone: 'Mars/Olympus',
      periodStart: '2027-02-30',
      submissionDeadline: undefined,
      reviewSlaDays: 0,
      digestRecipients: ['not-an-address'],
      workingGroups: [minimal.workingGroups[0], { ...minimal.workingGroups[0], contacts: 'a@b.org' }],
      colour: 'blue',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.field)).toEqual([
      'colour',
      'id',
      'name.en',
      'languages',
      'timeZone',
      'periodStart',
      'submissionDeadline',
      'reviewSlaDays',
      'workingGroups[1].id',
      'workingGroups[1].contacts',
      'digestRecipients[0]',
    ]);
    for (const p of r.problems) {
      expect(p.message.id).not.toBe('');
      expect(p.message.en).not.toBe('');
      expect(p.message.id).not.toBe(p.message.en);
    }
  });

  it('refuses a period that ends before it starts, and deadlines without a date or a label', () => {
    expect(fields({ ...minimal, periodEnd: '2026-01-01' })).toEqual(['periodEnd']);
    expect(
      fields({
        ...minimal,
        deadlines: [{ date: '2027-13-01', label: { id: 'a', en: 'b' } }, { date: '2027-01-01' }],
      }),
    ).toEqual(['deadlines[0].date', 'deadlines[1].label']);
  });

  it('refuses what is not an object, and a round without working groups', () => {
    expect(fields(null)).toEqual(['(root)']);
    expect(fields([minimal])).toEqual(['(root)']);
    expect(fields({ ...minimal, workingGroups: [] })).toEqual(['workingGroups']);
  });

  it('lists the same fields the RoundConfig type has', () => {
    const everything = {
      ...minimal,
      languages: ['en'],
      timeZone: 'Africa/Nairobi',
      deadlines: [],
      reviewSlaDays: 3,
      digestRecipients: [],
    };
    expect(Object.keys(everything).sort()).toEqual([...ROUND_FIELDS].sort());
    expect(checkRoundConfig(everything).ok).toBe(true);
  });
});

describe('parseRoundConfig', () => {
  it('throws one message naming each bad field in both languages', () => {
    expect(() => parseRoundConfig({ ...minimal, periodEnd: 'soon' })).toThrow(
      /periodEnd: harus tanggal YYYY-MM-DD yang ada .* \/ must be a real date YYYY-MM-DD \(is "soon"\)/,
    );
  });
});
