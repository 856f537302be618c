// Ingest use case: a parsed submission -> validated proposal -> idempotent conditional write.
// Shared by the ingest Lambda and the CSV import, so both paths validate and store the same way.

import type { FormSpec } from '../../shared/definitions/form-spec';
import type { RoundConfig } from '../../shared/definitions/round';
import {
  evaluateSubmission,
  type IngestPlan,
  planIngest,
  type SubmissionBody,
} from '../../shared/ingest/ingest';
import { duplicateIssue, findLikelyDuplicate, type Issue } from '../../shared/ingest/validation';
import { isDomainError } from '../../shared/platform/errors';
import type { ProposalStore } from '../ports/proposal-store';
import { conflictBackoffMs, MAX_CONFLICT_ATTEMPTS, sleep } from './conflict-backoff';

export interface IngestDeps {
  store: ProposalStore;
  spec: FormSpec;
  round: RoundConfig;
  now: () => Date;
}

export interface IngestOutcome {
  id: string;
  result: IngestPlan['kind'];
  revision: number;
  valid: boolean;
  issues: Issue[];
}

export async function ingestSubmission(deps: IngestDeps, body: SubmissionBody): Promise<IngestOutcome> {
  const { proposal, issues } = evaluateSubmission(body, deps.spec, deps.round);
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) await sleep(conflictBackoffMs(attempt));
    const existing = await deps.store.get(proposal.roundId, proposal.id);
    let plan = planIngest(existing, proposal, issues, deps.now().toISOString());
    if (plan.kind === 'create' || plan.kind === 'revise') {
      // Only a write needs the duplicate check: one query of the organisation's own proposals.
      const dup = findLikelyDuplicate(
        proposal,
        await deps.store.sameOrganisation(proposal.roundId, proposal.organisation),
      );
      if (dup)
        plan = planIngest(existing, proposal, [...issues, duplicateIssue(dup)], deps.now().toISOString());
    }
    try {
      if (plan.kind === 'create') await deps.store.save(plan.record);
      if (plan.kind === 'revise') {
        await deps.store.saveHistory(plan.previous);
        await deps.store.save(plan.record, plan.previous.version);
      }
      return {
        id: plan.record.id,
        result: plan.kind,
        revision: plan.record.revision,
        valid: plan.record.valid,
        issues: plan.record.issues,
      };
    } catch (e) {
      // Someone wrote the same proposal between our read and write: read again and re-plan.
      if (isDomainError(e) && e.code === 'conflict' && attempt < MAX_CONFLICT_ATTEMPTS) continue;
      throw e;
    }
  }
}
