import { describe, expect, it } from '@jest/globals';
import { applyNegotiation, type NegotiationState } from '../../../../shared/negotiation/negotiation';
import { buildNegotiationDigest, pendingSince } from '../../../../shared/negotiation/negotiation-digest';
import { auditTail } from '../../../../shared/review/review';
import { ok, SECRETARIAT, started } from './fixtures';

const at = (day: number) => `2022-09-${String(day).padStart(2, '0')}T03:00:00.000Z`;
const step = (s: NegotiationState, day: number, change: Parameters<typeof applyNegotiation>[1]) =>
  ok(applyNegotiation(s, change, SECRETARIAT, at(day)));

describe('the digest reading an agency silence', () => {
  it('dates it from when the agency was added even after that event left the stored tail of the audit', () => {
    let s = step(started(), 3, {
      expectedVersion: 1,
      agencies: [{ agency: 'Badan Ilustrasi', role: 'supporting' }],
    });
    s = step(s, 4, {
      expectedVersion: s.version,
      agencies: [{ agency: 'Kementerian Desa', position: 'supports' }],
    });
    for (let i = 0; i < 30; i++)
      s = step(s, 5 + (i % 20), {
        expectedVersion: s.version,
        agencies: [{ agency: 'Kementerian Desa', note: `catatan ${i}` }],
      });
    // As stored: the last 20 events only.
    const stored: NegotiationState = { ...s, audit: auditTail(s.audit) };
    expect(stored.audit.some((e) => e.changes.some((c) => c.field === 'agency[Badan Ilustrasi]'))).toBe(
      false,
    );
    expect(pendingSince(stored, 'badan  ilustrasi')).toBe(at(3));
    const digest = buildNegotiationDigest([stored], '2022-09-30T03:00:00.000Z', { responseDays: 14 });
    expect(digest.silent).toEqual([
      expect.objectContaining({ agency: 'Badan Ilustrasi', since: at(3), days: 27 }),
    ]);
  });

  it('dates it again from when an agency that answered is set back to pending, and forgets a removed one', () => {
    let s = step(started(), 3, {
      expectedVersion: 1,
      agencies: [{ agency: 'Badan Ilustrasi', role: 'supporting' }],
    });
    s = step(s, 4, {
      expectedVersion: s.version,
      agencies: [{ agency: 'Badan Ilustrasi', position: 'supports' }],
    });
    s = step(s, 9, {
      expectedVersion: s.version,
      agencies: [{ agency: 'Badan Ilustrasi', position: 'pending' }],
    });
    expect(pendingSince(s, 'Badan Ilustrasi')).toBe(at(9));
    s = step(s, 10, { expectedVersion: s.version, agencies: [{ agency: 'Badan Ilustrasi', remove: true }] });
    expect(s.waitingSince).not.toHaveProperty('badan ilustrasi');
  });
});
