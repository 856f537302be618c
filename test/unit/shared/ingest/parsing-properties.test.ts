// Property-based checks: parsing and validation take anything people (or attackers) type without
// throwing, and importing the same rows twice changes nothing.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MemoryProposalStore } from '../../../../lambdas/adapters/memory-proposal-store';
import { ingestMany } from '../../../../lambdas/services/bulk-ingest';
import { allQuestions, formSpec, questionTitle } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { answersByTitle, answersFromNamedValues } from '../../../../shared/ingest/answers';
import { submissionsFromCsv } from '../../../../shared/ingest/form-export';
import { parseSubmission } from '../../../../shared/ingest/ingest';
import { parseDate, parseIndonesianNumber, parseTimestamp } from '../../../../shared/ingest/locale-parse';
import { proposalFromAnswers } from '../../../../shared/ingest/proposal';
import { validateProposal } from '../../../../shared/ingest/validation';
import { parseCsv, toCsv } from '../../../../shared/platform/csv';

const spec = formSpec(DEFAULT_ROUND);
const ids = allQuestions(spec).map((q) => q.id);
const titles = allQuestions(spec).map(questionTitle);
const meta = {
  roundId: DEFAULT_ROUND.id,
  responseId: 'r',
  submittedAt: '2022-08-01T00:00:00.000Z',
  source: 'form' as const,
};
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('=1+1', '@SUM(A1)', '<script>x</script>', 'Rp 1.000,-', '31/02/2023'),
);
const answer = fc.oneof(text, fc.array(text, { maxLength: 4 }));

describe('parsing never throws', () => {
  it('reads any answers into a proposal and validates it', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.constantFrom(...ids), fc.string()), answer), (answers) => {
        const p = proposalFromAnswers(spec, answers, meta);
        const issues = validateProposal(p, spec, DEFAULT_ROUND);
        expect(Array.isArray(issues)).toBe(true);
        for (const m of p.milestones) {
          if (m.start) expect(m.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('maps any title-keyed answers and namedValues', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.oneof(fc.constantFrom(...titles), fc.string()), answer), (byTitle) => {
        answersByTitle(spec, byTitle);
        answersFromNamedValues(
          spec,
          Object.fromEntries(Object.entries(byTitle).map(([k, v]) => [k, [String(v)]])),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('reads any number, date and timestamp text as a value or null', () => {
    fc.assert(
      fc.property(text, (s) => {
        const n = parseIndonesianNumber(s);
        expect(n === null || Number.isFinite(n)).toBe(true);
        const d = parseDate(s);
        expect(d === null || /^\d{4}-\d{2}-\d{2}$/.test(d)).toBe(true);
        const t = parseTimestamp(s);
        expect(t === null || !Number.isNaN(Date.parse(t))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses any non-submission body with a malformed error, never anything else', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          text,
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (body) => {
          try {
            parseSubmission(body);
          } catch (e) {
            expect((e as { code?: string }).code).toBe('malformed');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads any CSV text, and what it writes reads back the same', () => {
    fc.assert(
      fc.property(text, (s) => {
        parseCsv(s);
        submissionsFromCsv(spec, parseCsv(s), '2026-01-01T00:00:00.000Z');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (rows) => {
          expect(parseCsv(toCsv(rows))).toEqual(rows.filter((r) => r.some((c) => c !== '')));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('import idempotence', () => {
  it('importing the same rows again changes nothing, whatever the rows hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            ts: fc.constantFrom('01/08/2022 10:00:00', '02/08/2022 11:30:00', 'bukan tanggal', ''),
            answers: fc.dictionary(fc.constantFrom(...ids), answer, { maxKeys: 8 }),
          }),
          { maxLength: 8 },
        ),
        async (rows) => {
          const header = ['Timestamp', ...ids];
          const table = [
            header,
            ...rows.map((r) => [
              r.ts,
              ...ids.map((id) => {
                const v = r.answers[id];
                return Array.isArray(v) ? v.join(';') : (v ?? '');
              }),
            ]),
          ];
          const csv = toCsv(table);
          const store = new MemoryProposalStore();
          const deps = { store, spec, round: DEFAULT_ROUND, now: () => new Date('2022-08-05T00:00:00Z') };
          const mapped = () => submissionsFromCsv(spec, parseCsv(csv), '2022-08-05T00:00:00.000Z').rows;
          await ingestMany(deps, mapped());
          const before = JSON.stringify([...store.proposals.entries()].sort());
          const second = await ingestMany(deps, mapped());
          expect(second.created + second.revised).toBe(0);
          expect(JSON.stringify([...store.proposals.entries()].sort())).toBe(before);
        },
      ),
      { numRuns: 100 },
    );
  });
});
