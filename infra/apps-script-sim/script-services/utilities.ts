// Utilities: HMAC signatures as Apps Script returns them (signed bytes), UUIDs, and sleep on the simulated clock.
import { createHmac, randomUUID } from 'node:crypto';
import type { Counted, SimClock } from './calls';

export function createUtilities(counted: Counted, clock: SimClock) {
  // developers.google.com/apps-script/reference/utilities/utilities#computeHmacSha256Signature(String,String,Charset):
  // returns a Byte[] whose values are signed Java bytes (-128..127). Charset is an enum of UTF_8 and
  // US_ASCII. getUuid() returns a random UUID string. sleep(ms) blocks; here it only advances the simulated clock (max 300000 ms per call).
  const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
  const toBuffer = (v: unknown, charset: string) =>
    Array.isArray(v)
      ? Buffer.from(v.map((b) => Number(b) & 0xff))
      : Buffer.from(String(v), charset === Charset.US_ASCII ? 'latin1' : 'utf8');
  const Utilities = {
    Charset,
    computeHmacSha256Signature: counted(
      'Utilities.computeHmacSha256Signature',
      (value: unknown, key: unknown, charset: string = Charset.UTF_8): number[] =>
        [...createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest()].map(
          (b) => (b > 127 ? b - 256 : b),
        ),
    ),
    getUuid: counted('Utilities.getUuid', () => randomUUID()),
    sleep: counted('Utilities.sleep', (ms: number) => {
      if (ms > 300_000) throw new Error('Exception: Invalid argument: milliseconds');
      clock.advance(ms);
    }),
  };
  return Utilities;
}
