// The 22 fictional sample proposals (infra/sample-round.ts) as the form path parses them.
import { SAMPLE_PROPOSALS } from '../../infra/sample-round';
import { formSpec } from '../../shared/form-spec';
import { type Proposal, proposalFromAnswers } from '../../shared/proposal';
import { DEFAULT_ROUND } from '../../shared/round';

export function sampleProposals(): Proposal[] {
  const spec = formSpec(DEFAULT_ROUND);
  return SAMPLE_PROPOSALS.map((s) =>
    proposalFromAnswers(spec, s.answers, {
      roundId: DEFAULT_ROUND.id,
      responseId: s.responseId,
      submittedAt: s.submittedAt,
      source: 'form',
    }),
  );
}
