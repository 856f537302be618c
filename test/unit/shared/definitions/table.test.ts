import { describe, expect, it } from '@jest/globals';
import { keys } from '../../../../shared/definitions/table';
import { parseFocalPoint } from '../../../../shared/negotiation/focal-point';
import { agencyKey } from '../../../../shared/negotiation/negotiation';
import { limitViolation } from '../../../support/item-limits';

const focalKey = (agency: string, email: string) => {
  const out = parseFocalPoint({ agency, name: 'Narahubung Fiktif', email });
  if (!out.ok) throw new Error(out.message.en);
  return keys.focalPoint('round-1', agencyKey(out.focalPoint.agency), out.focalPoint.email);
};

describe('keys.focalPoint', () => {
  it('keeps the readable key of an ordinary agency and address', () => {
    expect(focalKey('Kementerian Fiktif', 'narahubung1@instansi.example.org').sk).toBe(
      'FOCAL#kementerian fiktif#narahubung1@instansi.example.org',
    );
  });

  it('stays within the sort-key limit for the longest agency and address the parser accepts', () => {
    // 200 and 254 characters of three bytes each in UTF-8: over 1,300 bytes if put in the key as they are.
    const agency = '機'.repeat(200);
    const email = `${'名'.repeat(254 - '@instansi.example.org'.length)}@instansi.example.org`;
    const key = focalKey(agency, email);
    expect(limitViolation(key)).toBeNull();
    expect(focalKey(agency, email)).toEqual(key);
    expect(focalKey(agency, `x${email.slice(1)}`).sk).not.toBe(key.sk);
    expect(focalKey(`x${agency.slice(1)}`, email).sk).not.toBe(key.sk);
  });
});
