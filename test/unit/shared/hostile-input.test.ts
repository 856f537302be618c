// Hostile input at the domain level: values that once reached DynamoDB (or a reader) whole or unbounded.
import { describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../infra/demo/sample-round';
import { formSpec } from '../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../shared/definitions/round';
import { parseIndonesianNumber } from '../../../shared/ingest/locale-parse';
import { clean, proposalFromAnswers } from '../../../shared/ingest/proposal';
import { MAX_QUOTED_CHARS, validateProposal } from '../../../shared/ingest/validation';
import { applyReview, initialReviewState } from '../../../shared/review/review';
import {
  applyReviewEdit,
  MAX_MERGE_TARGET_LENGTH,
  parseReviewEdits,
} from '../../../shared/review/review-api';

const spec = formSpec(DEFAULT_ROUND);
const meta = {
  roundId: DEFAULT_ROUND.id,
  responseId: 'r1',
  submittedAt: '2023-08-01T00:00:00.000Z',
  source: 'form' as const,
};
const sample = SAMPLE_PROPOSALS[0]?.answers ?? {};
const REASON = 'Sesuai nilai OGP dan dapat diukur melalui tonggak yang jelas.';

describe('budgets beyond what a number holds exactly', () => {
  it('reads amounts up to Number.MAX_SAFE_INTEGER and refuses larger ones', () => {
    expect(parseIndonesianNumber('Rp 9.007.199.254.740.991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseIndonesianNumber('Rp 10.000.000.000.000.000')).toBeNull();
    expect(parseIndonesianNumber('1'.repeat(400))).toBeNull();
  });

  it('reports a 20-digit budget as a validation issue, not a stored number', () => {
    const p = proposalFromAnswers(spec, { ...sample, budget: 'Rp 10.000.000.000.000.000' }, meta);
    expect(p.budgetIdr).toBeNull();
    expect(validateProposal(p, spec, DEFAULT_ROUND).map((i) => i.code)).toContain('budget_invalid');
  });
});

describe('issue messages never copy a submitted value whole', () => {
  it('quotes at most a short prefix of a long budget, working group or date', () => {
    const long = 'x'.repeat(60_000);
    const p = proposalFromAnswers(
      spec,
      { ...sample, budget: long, working_group: long, m1_start: long, email: `${long}@` },
      meta,
    );
    const issues = validateProposal(p, spec, DEFAULT_ROUND);
    expect(issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(['budget_invalid', 'working_group', 'milestone_date_invalid', 'email']),
    );
    for (const i of issues) {
      expect(i.message.id.length).toBeLessThan(MAX_QUOTED_CHARS + 300);
      expect(i.message.en.length).toBeLessThan(MAX_QUOTED_CHARS + 300);
    }
  });

  it('redacts contact data in a quoted value before cutting it, so no half address is left to read', () => {
    // Found by the personal-data property: the cut fell inside the address, which then no longer read as one.
    const budget = `Hubungi (021) 0700400 atau Hubungi qkaaaad00@lsm.org email ${'x'.repeat(40)}`;
    const p = proposalFromAnswers(spec, { ...sample, budget }, meta);
    const issue = validateProposal(p, spec, DEFAULT_ROUND).find((i) => i.code === 'budget_invalid');
    expect(issue).toBeDefined();
    expect(JSON.stringify(issue)).not.toContain('qkaaaad00');
    expect(JSON.stringify(issue)).not.toContain('0700400');
  });

  it('does not quote an invalid email address back at all (it is personal data)', () => {
    const p = proposalFromAnswers(spec, { ...sample, email: 'ani.rahma@@lsm' }, meta);
    const issue = validateProposal(p, spec, DEFAULT_ROUND).find((i) => i.code === 'email');
    expect(issue).toBeDefined();
    expect(JSON.stringify(issue)).not.toContain('ani.rahma');
  });
});

describe('characters that make stored text read differently', () => {
  it('drops lone surrogates and bidi overrides from answers', () => {
    expect(clean('Judul\ud800 \u202eusulan\u2066')).toBe('Judul usulan');
    const p = proposalFromAnswers(spec, { ...sample, title: 'Air \udc00bersih\u202d' }, meta);
    expect(p.title).toBe('Air bersih');
  });

  it('drops them from review edits too', () => {
    const body = JSON.stringify({
      edits: [
        {
          proposalId: 'p_a',
          expectedVersion: 1,
          actor: 'ani\u202e@example.org',
          changes: [{ field: 'reasonedResponse', to: 'alasan\ud800 yang jelas' }],
        },
      ],
    });
    const [edit] = parseReviewEdits(body).edits;
    expect(edit?.actor).toBe('ani@example.org');
    expect(edit?.changes[0]?.to).toBe('alasan yang jelas');
  });
});

describe('review edits that reach keys or final decisions', () => {
  const edit = (changes: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ edits: [{ proposalId: 'p_a', expectedVersion: 1, actor: 'ani', changes, ...extra }] });

  it('refuses a merge target that cannot be a proposal id (too long or not an id)', () => {
    const long = 'p'.repeat(MAX_MERGE_TARGET_LENGTH + 1);
    expect(() => parseReviewEdits(edit([{ field: 'mergeTarget', to: long }]))).toThrow(/mergeTarget/);
    expect(() => parseReviewEdits(edit([{ field: 'mergeTarget', to: 'p_a#SK' }]))).toThrow(/mergeTarget/);
  });

  it('reads a numeric merge target as the text id it names', () => {
    const [e] = parseReviewEdits(edit([{ field: 'mergeTarget', to: 12345 }])).edits;
    expect(e?.changes[0]?.to).toBe('12345');
  });

  it('reopens a final decision through the API when the edit says reopen, with an audit event', () => {
    const accepted = {
      ...initialReviewState('p_a', { status: 'accepted', version: 3 }),
      reasonedResponse: REASON,
    };
    const [e] = parseReviewEdits(
      JSON.stringify({
        edits: [
          {
            proposalId: 'p_a',
            expectedVersion: 3,
            actor: 'ani',
            reopen: true,
            note: 'Data baru dari K/L',
            changes: [{ field: 'status', from: 'accepted', to: 'in_review' }],
          },
        ],
      }),
    ).edits;
    const result = applyReviewEdit(accepted, e as NonNullable<typeof e>, '2023-09-01T00:00:00.000Z');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state.status).toBe('in_review');
    expect(result.state.audit.at(-1)).toMatchObject({ action: 'reopen', note: 'Data baru dari K/L' });
  });

  it('names the decision in plain English when a reasoned response is missing', () => {
    const current = initialReviewState('p_a', { status: 'in_review' });
    for (const status of ['accepted', 'merged', 'rejected', 'withdrawn'] as const) {
      const out = applyReview(current, { expectedVersion: 1, status, mergeTarget: 'p_b' }, 'ani', 'now');
      expect(out.ok).toBe(false);
      if (out.ok) continue;
      expect(out.message.en).not.toMatch(/\bA (Accepted|Merged|Rejected|Withdrawn)\b/);
      expect(out.message.en).toMatch(/reasoned response/);
    }
  });
});
