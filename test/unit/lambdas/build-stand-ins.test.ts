// The reconcile Lambda bundles small stand-ins (lambdas/build-stand-ins/) for a few packages of the Google and
// AWS clients (see infra/build/build.mjs). Those that replace a package for real are checked here against the
// package itself, which is still installed (a dependency of a dependency); those that stand for paths a
// self-signed JWT never takes must fail loudly, never return something plausible.
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as jwsStandIn from '../../../lambdas/build-stand-ins/jws';
import LRUStandIn from '../../../lambdas/build-stand-ins/mnemonist-lru-cache';
import * as qsStandIn from '../../../lambdas/build-stand-ins/qs';

const realQs = require('qs') as { stringify(p: unknown, o?: object): string };
const realJws = require('jws') as { sign(o: object): string };
const RealLRU = require('mnemonist/lru-cache') as new (
  capacity: number,
) => {
  get(k: string): unknown;
  peek(k: string): unknown;
  has(k: string): boolean;
  set(k: string, v: unknown): void;
  clear(): void;
  size: number;
};

describe('qs stand-in', () => {
  const scalar = fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );
  const params = fc.dictionary(
    fc.string({ unit: 'grapheme', minLength: 1 }).filter((k) => !/[[\]]/.test(k) && k !== '__proto__'),
    fc.oneof(scalar, fc.array(scalar, { maxLength: 4 })),
  );

  it('writes flat parameters exactly as qs does (arrayFormat repeat)', () => {
    fc.assert(
      fc.property(params, (p) => {
        expect(qsStandIn.stringify(p, { arrayFormat: 'repeat' })).toBe(
          realQs.stringify(p, { arrayFormat: 'repeat' }),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the Sheets batchGet query as qs does', () => {
    const p = { ranges: ["'Tata Kelola'!A1:Z", 'Dasbor!A:B'], majorDimension: 'ROWS', fields: undefined };
    expect(qsStandIn.stringify(p, { arrayFormat: 'repeat' })).toBe(
      realQs.stringify(p, { arrayFormat: 'repeat' }),
    );
  });

  it('refuses nested values instead of guessing at bracket notation', () => {
    expect(() => qsStandIn.stringify({ a: { b: 1 } }, { arrayFormat: 'repeat' })).toThrow(/not supported/);
    expect(() => qsStandIn.stringify({ a: [1] })).toThrow(/arrayFormat/);
    expect(() => qsStandIn.parse()).toThrow(/parse is not supported/);
  });
});

describe('jws stand-in', () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('signs an RS256 service-account JWT byte for byte as jws does', () => {
    fc.assert(
      fc.property(
        fc.record({
          iss: fc.emailAddress(),
          sub: fc.emailAddress(),
          scope: fc.string({ unit: 'grapheme' }),
          iat: fc.nat(),
        }),
        fc.option(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 40 }), {
          nil: undefined,
        }),
        (payload, kid) => {
          const header = { alg: 'RS256', typ: 'JWT', ...(kid ? { kid } : {}) };
          expect(jwsStandIn.sign({ header, payload, secret: pem })).toBe(
            realJws.sign({ header, payload, secret: pem }),
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses any other algorithm and verification', () => {
    expect(() => jwsStandIn.sign({ header: { alg: 'HS256' }, payload: {}, secret: 'x' })).toThrow(
      /only RS256/,
    );
    expect(() => jwsStandIn.verify()).toThrow(/not bundled/);
  });
});

describe('LRU cache stand-in', () => {
  const key = fc.constantFrom('a', 'b', 'c', 'd', 'e');
  const op = fc.oneof(
    { arbitrary: fc.record({ op: fc.constantFrom('get', 'peek', 'has'), key }), weight: 6 },
    { arbitrary: fc.record({ op: fc.constant('set'), key, value: fc.nat() }), weight: 6 },
    { arbitrary: fc.record({ op: fc.constant('clear') }), weight: 1 },
  );

  it('evicts the least recently used key: get refreshes a key, peek and has do not', () => {
    for (const Cache of [LRUStandIn, RealLRU]) {
      const c = new Cache(2);
      c.set('a', 1);
      c.set('b', 2);
      c.peek('a');
      c.set('c', 3);
      expect([c.has('a'), c.has('b')]).toEqual([false, true]);
      c.get('b');
      c.set('d', 4);
      expect([c.has('b'), c.has('c')]).toEqual([true, false]);
    }
  });

  it('behaves as mnemonist/lru-cache under any sequence of operations', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(op, { minLength: 10, maxLength: 60, size: 'max' }),
        (capacity, ops) => {
          const ours = new LRUStandIn<string, number>(capacity);
          const real = new RealLRU(capacity);
          for (const o of ops) {
            if (o.op === 'set') {
              ours.set(o.key, o.value as number);
              real.set(o.key, o.value);
            } else if (o.op === 'clear') {
              ours.clear();
              real.clear();
            } else {
              const k = o.key as string;
              expect(ours[o.op as 'get' | 'peek' | 'has'](k)).toEqual(
                real[o.op as 'get' | 'peek' | 'has'](k),
              );
            }
            expect(ours.size).toBe(real.size);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('stand-ins for paths a self-signed JWT never takes', () => {
  it('fail loudly, naming the stand-in', async () => {
    const nodeFetch = await import('../../../lambdas/build-stand-ins/node-fetch');
    expect(() => (nodeFetch.default as unknown as () => unknown)()).toThrow();
  });
});
