// Property: Indonesian personal-data patterns typed into any free-text field (and into the review's
// reasoned response, reviewer and audit actor) never reach the open-data JSON, its CSV or the digest.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { commitmentsOf, joinReviews } from '../../../../shared/consolidation/round-view';
import { allQuestions, formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { buildDigestModel } from '../../../../shared/digest/digest-model';
import { renderDigest } from '../../../../shared/digest/digest-render';
import { planIngest } from '../../../../shared/ingest/ingest';
import { proposalFromAnswers } from '../../../../shared/ingest/proposal';
import { validateProposal } from '../../../../shared/ingest/validation';
import { openDataCsv, openDataExport } from '../../../../shared/open-data/open-data';
import { applyReview, initialReviewState, type ReviewState } from '../../../../shared/review/review';

const spec = formSpec(DEFAULT_ROUND);
const FREE_TEXT = allQuestions(spec)
  .filter((q) => q.type === 'text' || q.type === 'paragraph')
  .map((q) => q.id);

/** A piece of personal data as written, and what must not be found of it in any output. */
interface Secret {
  written: string;
  /** Digits of a number (searched for with separators removed), or a token of an address. */
  digits?: string;
  token?: string;
}

const digitsOf = (n: number, len: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: len }).map((d) => d.join(''));
const toFullWidth = (s: string) =>
  s.replace(/[0-9@.+()-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const phone: fc.Arbitrary<Secret> = fc
  .tuple(
    fc.constantFrom('21', '22', '31', '61', '274'),
    digitsOf(7, 7),
    fc.constantFrom('811', '812', '813', '821', '852', '857', '878', '896'),
    digitsOf(4, 4),
    digitsOf(4, 4),
    fc.integer({ min: 0, max: 8 }),
    fc.boolean(),
  )
  .map(([area, local, prefix, a, b, form, wide]) => {
    const forms = [
      `(0${area}) ${local}`,
      `0${area}-${local}`,
      `0${area} ${local}`,
      `0${prefix}-${a}-${b}`,
      `0${prefix}${a}${b}`,
      `0${prefix} ${a} ${b}`,
      `+62 ${prefix} ${a} ${b}`,
      `+62-${prefix}-${a}-${b}`,
      `62${prefix}${a}${b}`,
    ];
    const written = forms[form] as string;
    const digits = written.replace(/\D/g, '').slice(-7);
    return { written: wide ? toFullWidth(written) : written, digits };
  });

const nik: fc.Arbitrary<Secret> = fc
  .tuple(fc.integer({ min: 11, max: 94 }), digitsOf(14, 14), fc.boolean())
  .map(([province, rest, grouped]) => {
    const n = `${province}${rest}`;
    return { written: grouped ? n.replace(/(\d{4})(?=\d)/g, '$1 ') : n, digits: n.slice(-10) };
  });

const token = fc.stringMatching(/^[a-z]{3}[a-z0-9]{5}$/).map((t) => `q${t}`);
const email: fc.Arbitrary<Secret> = fc
  .tuple(
    token,
    fc.constantFrom('lsm', 'yayasan-x', 'mail'),
    fc.constantFrom('org', 'or.id', 'co.id', 'example'),
    fc.integer({ min: 0, max: 4 }),
  )
  .map(([local, domain, tld, form]) => {
    const dotted = tld.replace('.', ' [dot] ');
    const forms = [
      `${local}@${domain}.${tld}`,
      `${local} [at] ${domain} [dot] ${dotted}`,
      `${local}(at)${domain}(dot)${tld.replace('.', '(dot)')}`,
      `${local} @ ${domain} . ${tld}`,
      toFullWidth(`${local}@${domain}.${tld}`),
    ];
    return { written: forms[form] as string, token: local };
  });

const secret = fc.oneof(phone, nik, email);
const FILLER = ['Hubungi', 'kontak:', 'atau', 'untuk informasi lebih lanjut', 'WA', 'NIK', 'email'];

/** A free-text answer with a secret somewhere inside. */
const textWith = (s: Secret) =>
  fc.tuple(fc.constantFrom(...FILLER), fc.constantFrom(...FILLER)).map(([a, b]) => `${a} ${s.written} ${b}`);

function leaks(output: string, secrets: readonly Secret[]): Secret[] {
  const normal = output.normalize('NFKC');
  const digitsOnly = normal.replace(/[\s.\-()/+]/g, '');
  const lower = normal.toLowerCase();
  return secrets.filter((s) =>
    s.digits ? digitsOnly.includes(s.digits) : lower.includes(s.token as string),
  );
}

describe('personal data never leaves through open data or the digest', () => {
  it('redacts phones, NIK and (obfuscated) emails in every free-text field, the review and the commitment', () => {
    const base = SAMPLE_PROPOSALS[0]?.answers ?? {};
    const target = SAMPLE_PROPOSALS[1]?.answers ?? {};
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...FREE_TEXT), secret), { minLength: 1, maxLength: 6 }),
        fc.tuple(secret, secret, secret),
        fc.constantFrom('accepted', 'merged', 'in_review'),
        (placed, [inReason, inReviewer, inEmailField], status) => {
          const secrets: Secret[] = [...placed.map(([, s]) => s), inReason, inReviewer];
          const answers: Record<string, string | string[] | undefined> = { ...base };
          for (const [field, s] of placed)
            answers[field] = `${answers[field] ?? ''} ${fc.sample(textWith(s), 1)[0]}`.trim();
          // An invalid address in the email field comes back in an issue message only if it is quoted.
          answers.email = `${inEmailField.written}@@`;
          if (inEmailField.token) secrets.push(inEmailField);
          const meta = {
            roundId: DEFAULT_ROUND.id,
            submittedAt: '2023-08-01T00:00:00.000Z',
            source: 'form' as const,
          };
          const stored = [
            { answers, responseId: 'r-pii' },
            { answers: target, responseId: 'r-target' },
          ].map(({ answers: a, responseId }) => {
            const p = proposalFromAnswers(spec, a, { ...meta, responseId });
            return planIngest(undefined, p, validateProposal(p, spec, DEFAULT_ROUND), meta.submittedAt)
              .record;
          });
          const [mine, other] = stored as [(typeof stored)[0], (typeof stored)[0]];
          const reason = `Keputusan diambil setelah diskusi; hubungi ${inReason.written} untuk detail.`;
          const review = (
            id: string,
            to: 'accepted' | 'merged' | 'in_review',
            mergeTarget?: string,
          ): ReviewState => {
            let state = initialReviewState(id);
            for (const change of [
              { status: 'in_review' as const, reviewer: `Peninjau ${inReviewer.written}` },
              ...(to === 'in_review'
                ? []
                : [{ status: to, reasonedResponse: reason, ...(mergeTarget ? { mergeTarget } : {}) }]),
            ]) {
              const out = applyReview(
                state,
                { expectedVersion: state.version, ...change },
                `rev ${inReviewer.written}`,
                '2023-08-05T00:00:00.000Z',
              );
              if (out.ok) state = out.state;
            }
            return state;
          };
          const reviews = new Map([
            [mine.id, review(mine.id, status as 'accepted', status === 'merged' ? other.id : undefined)],
            [other.id, review(other.id, 'accepted')],
          ]);
          const joined = joinReviews(stored, reviews);
          const data = openDataExport(
            joined,
            commitmentsOf(joined),
            '2023-08-10T00:00:00.000Z',
            DEFAULT_ROUND,
          );
          const model = buildDigestModel({
            proposals: stored,
            reviews,
            round: DEFAULT_ROUND,
            now: '2023-08-10T00:00:00.000Z',
            period: '2023-W32',
          });
          const outputs = {
            json: JSON.stringify(data),
            csv: openDataCsv(data),
            ...Object.fromEntries(
              (['id', 'en'] as const).flatMap((lang) => {
                const d = renderDigest(model, { lang });
                return [
                  [`digest-html-${lang}`, d.html],
                  [`digest-text-${lang}`, d.text],
                ];
              }),
            ),
          };
          for (const [name, output] of Object.entries(outputs)) {
            expect({ name, leaked: leaks(output, secrets).map((s) => s.written) }).toEqual({
              name,
              leaked: [],
            });
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
