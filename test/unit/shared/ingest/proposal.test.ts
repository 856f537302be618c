import { describe, expect, it } from '@jest/globals';
import { SAMPLE_PROPOSALS } from '../../../../infra/demo/sample-round';
import { formSpec } from '../../../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { answersByTitle, answersFromNamedValues, answersToTitles } from '../../../../shared/ingest/answers';
import { parseSubmission, planIngest } from '../../../../shared/ingest/ingest';
import { proposalFromAnswers } from '../../../../shared/ingest/proposal';
import { validateProposal } from '../../../../shared/ingest/validation';

const spec = formSpec(DEFAULT_ROUND);
const meta = {
  roundId: DEFAULT_ROUND.id,
  responseId: 'r1',
  submittedAt: '2022-08-01T00:00:00.000Z',
  source: 'form' as const,
};
const sample = SAMPLE_PROPOSALS[0]?.answers ?? {};

describe('proposal from form answers', () => {
  it('maps the sample answers to a valid proposal', () => {
    const p = proposalFromAnswers(spec, sample, meta);
    expect(p.workingGroupId).toBe('anti-corruption-budget');
    expect(p.milestones).toHaveLength(2);
    expect(p.milestones[0]?.start).toBe('2023-02-01');
    expect(p.milestones[1]?.start).toBe('2023-07-01');
    expect(p.budgetIdr).toBe(150_000_000);
    expect(validateProposal(p, spec, DEFAULT_ROUND)).toEqual([]);
  });

  it('reads the same proposal from titles, from namedValues and from ids', () => {
    const byTitle = answersToTitles(spec, sample);
    const fromTitles = answersByTitle(spec, byTitle).answers;
    const named = Object.fromEntries(
      Object.entries(byTitle).map(([k, v]) => [k, [Array.isArray(v) ? v.join(', ') : v]]),
    );
    const fromNamed = answersFromNamedValues(spec, named).answers;
    const direct = proposalFromAnswers(spec, sample, meta);
    expect(proposalFromAnswers(spec, fromTitles, meta)).toEqual(direct);
    expect(proposalFromAnswers(spec, fromNamed, meta)).toEqual(direct);
  });

  it('matches checkbox labels that contain commas', () => {
    const p = proposalFromAnswers(
      spec,
      {
        sdgs: '9. Industri, Inovasi dan Infrastruktur / 9. Industry, Innovation and Infrastructure, 16. Peace, Justice and Strong Institutions',
      },
      meta,
    );
    expect(p.sdgs).toEqual(['sdg9', 'sdg16']);
  });
});

describe('validation', () => {
  it('reports each missing required field with a bilingual message', () => {
    const issues = validateProposal(proposalFromAnswers(spec, {}, meta), spec, DEFAULT_ROUND);
    const codes = issues.map((i) => `${i.code}:${i.field}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'required:title',
        'required:email',
        'working_group:working_group',
        'ogp_value_missing:ogp_values',
        'milestone_missing:m1_deliverable',
      ]),
    );
    for (const i of issues) expect(i.message.id).not.toBe(i.message.en);
  });

  it('flags milestone dates outside the period and an end before the start', () => {
    const p = proposalFromAnswers(spec, { ...sample, m1_start: '01/06/2025', m1_end: '01/01/2025' }, meta);
    const codes = validateProposal(p, spec, DEFAULT_ROUND).map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['milestone_out_of_period', 'milestone_end_before_start']));
  });

  it('requires a justification for every chosen OGP value and a valid email', () => {
    const p = proposalFromAnswers(spec, { ...sample, justify_transparency: '', email: 'bukan-email' }, meta);
    const codes = validateProposal(p, spec, DEFAULT_ROUND).map((i) => `${i.code}:${i.field}`);
    expect(codes).toEqual(
      expect.arrayContaining(['ogp_justification_missing:justify_transparency', 'email:email']),
    );
  });
});

describe('submission body and ingest planning', () => {
  const body = JSON.stringify({ responseId: 'r1', submittedAt: meta.submittedAt, answers: sample });

  it('refuses bodies that are not a submission with a malformed error', () => {
    for (const bad of [
      '',
      'null',
      '[]',
      '{"responseId":1}',
      '{"responseId":"r","submittedAt":"x","answers":{}}',
      '{"responseId":"r","submittedAt":"2022-01-01","answers":{"a":{"b":1}}}',
    ]) {
      expect(() => parseSubmission(bad)).toThrow(expect.objectContaining({ code: 'malformed' }));
    }
  });

  it('creates, then treats a retry as unchanged, an edit as a new revision and an older copy as stale', () => {
    const first = proposalFromAnswers(spec, parseSubmission(body).answers, meta);
    const created = planIngest(undefined, first, [], 't1');
    expect(created).toMatchObject({
      kind: 'create',
      record: { version: 1, revision: 1, status: 'submitted' },
    });
    expect(planIngest(created.record, first, [], 't2').kind).toBe('unchanged');
    const edited = { ...first, title: `${first.title} (revisi)`, submittedAt: '2022-08-02T00:00:00.000Z' };
    const revised = planIngest(created.record, edited, [], 't3');
    expect(revised).toMatchObject({ kind: 'revise', record: { version: 2, revision: 2, createdAt: 't1' } });
    const older = { ...first, title: 'lama', submittedAt: '2022-07-01T00:00:00.000Z' };
    expect(planIngest(revised.record, older, [], 't4').kind).toBe('stale');
  });
});
