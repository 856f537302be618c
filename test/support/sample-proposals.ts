// The 22 fictional sample proposals (infra/demo/sample-round.ts) as the form path parses them.
import { SAMPLE_PROPOSALS } from '../../infra/demo/sample-round';
import { formSpec } from '../../shared/definitions/form-spec';
import { DEFAULT_ROUND } from '../../shared/definitions/round';
import { type Proposal, proposalFromAnswers } from '../../shared/ingest/proposal';

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
