import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { splitUtf8, utf8Length } from '../../../../shared/platform/utf8';

describe('UTF-8 sizing without TextEncoder', () => {
  it('counts bytes as Node does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')),
    );
  });

  it('splits into pieces under the limit that join back to the original, never inside a character', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 4, max: 40 }),
        (s, max) => {
          const parts = splitUtf8(s, max);
          return (
            parts.join('') === s &&
            parts.every((p) => utf8Length(p) <= max) &&
            parts.every((p) => !/^[\udc00-\udfff]/.test(p) && !/[\ud800-\udbff]$/.test(p))
          );
        },
      ),
    );
  });
});
