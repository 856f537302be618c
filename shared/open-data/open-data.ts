// The public open-data export of a round (OGP repository requirement): proposals with their status and
// reasoned response, and the commitments with their lineage. Built from an allow-list of public fields, so
// no personal data (contact name, email, phone, edit link, reviewer identities) can leak in; organisation
// names are public. Email addresses and phone numbers typed into free text are redacted as well.

import type { Commitment } from '../consolidation/consolidation';
import type { OgpValue } from '../definitions/ogp';
import type { RoundConfig } from '../definitions/round';
import type { StoredProposal } from '../ingest/ingest';
import type { NegotiationState } from '../negotiation/negotiation';
import { negotiationForExport, type OpenDataNegotiation } from '../negotiation/negotiation-export';
import { roundNegotiations } from '../negotiation/round-negotiations';
import { toCsv } from '../platform/csv';
import type { Text } from '../platform/i18n';
import { redactPersonalData } from '../platform/redaction';
import { safeCell } from '../platform/spreadsheet-safe';
import { type IrmCheck, irmCheck } from '../publishing/irm-check';
import type { ReviewStatus } from '../review/lifecycle';
import { isFinal } from '../review/review';

/** A stored proposal with, when the review has them, its reasoned response and merge target. */
export type ExportableProposal = StoredProposal & {
  reasonedResponse?: string;
  mergeTarget?: string | null;
};

export interface OpenDataMilestone {
  deliverable: string;
  expectedOutput: string;
  start: string;
  end: string;
}

export interface OpenDataProposal {
  id: string;
  roundId: string;
  title: string;
  workingGroup: string;
  workingGroupName?: Text;
  organisation: string;
  leadAgency: string;
  status: ReviewStatus;
  /** Published once a decision is final; drafts written during review stay internal. */
  reasonedResponse: string;
  /** The proposal this one was merged into (merged proposals only). */
  mergedInto: string | null;
  /** Commitments this proposal is a source of. */
  commitmentIds: string[];
  submittedAt: string;
  problem: string;
  solution: string;
  expectedResults: string;
  ogpValues: { value: OgpValue; justification: string }[];
  milestones: OpenDataMilestone[];
  sdgs: string[];
  budgetIdr: number | null;
  /** IRM pre-check hints (shared/publishing/irm-check.ts): for reviewers, never a decision. With a round only. */
  irmCheck?: IrmCheck;
}

/** A commitment as published: its lineage, without the internal history, and its negotiation with government. */
export type OpenDataCommitment = Pick<
  Commitment,
  'id' | 'title' | 'workingGroupIds' | 'sourceProposalIds' | 'coAuthors' | 'createdAt'
> & {
  negotiation?: OpenDataNegotiation;
  /** The IRM pre-check of the commitment's text (its primary proposal's). With a round only. */
  irmCheck?: IrmCheck;
};

export interface OpenDataExport {
  generatedAt: string;
  round?: { id: string; name: Text; periodStart: string; periodEnd: string };
  proposals: OpenDataProposal[];
  commitments: OpenDataCommitment[];
}

/** Kept for callers of the earlier name: the one redaction lives in shared/platform/redaction.ts. */
export const redactPersonal = redactPersonalData;

/**
 * The open-data export. Only listed fields are copied; every text goes through redactPersonal with the
 * proposal's own contact name, email and phone. Dissolved commitments (undone merges) are left out.
 */
export function openDataExport(
  proposals: readonly ExportableProposal[],
  commitments: readonly Commitment[],
  generatedAt: string,
  round?: RoundConfig,
  /** Stored negotiations by commitment id: with it, every commitment carries its `negotiation` (a commitment never negotiated shows the state it starts in). */
  negotiations?: ReadonlyMap<string, NegotiationState>,
  /**
   * Which parts to render (a page of the export): only these proposals (all when absent), and the
   * commitments or not. Lineage and redaction still read every proposal given.
   */
  only?: { proposalIds?: ReadonlySet<string>; commitments?: boolean },
): OpenDataExport {
  const active = only?.commitments === false ? [] : commitments.filter((c) => !c.dissolvedAt);
  const lineage = only?.commitments === false ? commitments.filter((c) => !c.dissolvedAt) : active;
  const commitmentsOf = new Map<string, string[]>();
  for (const c of lineage) {
    for (const id of c.sourceProposalIds) commitmentsOf.set(id, [...(commitmentsOf.get(id) ?? []), c.id]);
  }
  const groupName = new Map((round?.workingGroups ?? []).map((g) => [g.id, g.name]));
  const ownById = new Map(proposals.map((p) => [p.id, [p.contactName, p.email, p.phone]]));
  const ownOfSources = (c: Commitment) => c.sourceProposalIds.flatMap((id) => ownById.get(id) ?? []);
  const negotiationOf = new Map(
    negotiations
      ? roundNegotiations(active, new Map(proposals.map((p) => [p.id, p])), negotiations).map((n) => [
          n.commitmentId,
          n,
        ])
      : [],
  );
  const proposalById = new Map(proposals.map((p) => [p.id, p]));
  const primaryOf = (c: Commitment) => proposalById.get(c.sourceProposalIds[0] ?? '');

  return {
    generatedAt,
    ...(round
      ? {
          round: {
            id: round.id,
            name: { id: round.name.id, en: round.name.en },
            periodStart: round.periodStart,
            periodEnd: round.periodEnd,
          },
        }
      : {}),
    proposals: (only?.proposalIds ? proposals.filter((p) => only.proposalIds?.has(p.id)) : proposals).map(
      (p): OpenDataProposal => {
        const name = groupName.get(p.workingGroupId);
        const own = [p.contactName, p.email, p.phone];
        const clean = (s: string | undefined) => redactPersonalData(s ?? '', own);
        return {
          id: p.id,
          roundId: p.roundId,
          title: clean(p.title),
          workingGroup: p.workingGroupId,
          ...(name ? { workingGroupName: { id: name.id, en: name.en } } : {}),
          organisation: clean(p.organisation),
          leadAgency: clean(p.leadAgency),
          status: p.status,
          reasonedResponse: isFinal(p.status) ? clean(p.reasonedResponse) : '',
          mergedInto: p.status === 'merged' ? (p.mergeTarget ?? null) : null,
          commitmentIds: commitmentsOf.get(p.id) ?? [],
          submittedAt: p.submittedAt,
          problem: clean(p.problem),
          solution: clean(p.solution),
          expectedResults: clean(p.expectedResults),
          ogpValues: p.ogpValues.map((v) => ({ value: v.value, justification: clean(v.justification) })),
          milestones: p.milestones.map((m) => ({
            deliverable: clean(m.deliverable),
            expectedOutput: clean(m.expectedOutput),
            start: m.start,
            end: m.end,
          })),
          sdgs: [...p.sdgs],
          budgetIdr: p.budgetIdr,
          ...(round ? { irmCheck: irmCheck(p, round) } : {}),
        };
      },
    ),
    commitments: active.map((c) => ({
      id: c.id,
      // A commitment's title is often a source proposal's: redact every source's own contact details too.
      title: redactPersonalData(c.title, ownOfSources(c)),
      workingGroupIds: [...c.workingGroupIds],
      sourceProposalIds: [...c.sourceProposalIds],
      coAuthors: c.coAuthors.map((o) => redactPersonalData(o, ownOfSources(c))),
      createdAt: c.createdAt,
      ...(negotiationOf.has(c.id)
        ? {
            negotiation: negotiationForExport(negotiationOf.get(c.id) as NegotiationState, (t) =>
              redactPersonalData(t, ownOfSources(c)),
            ),
          }
        : {}),
      ...(round && primaryOf(c) ? { irmCheck: irmCheck(primaryOf(c) as ExportableProposal, round) } : {}),
    })),
  };
}

/** CSV columns, one row per proposal. */
export const OPEN_DATA_CSV_COLUMNS = [
  'id',
  'round_id',
  'title',
  'working_group',
  'organisation',
  'lead_agency',
  'status',
  'reasoned_response',
  'merged_into',
  'commitment_ids',
  'commitment_titles',
  'submitted_at',
  'ogp_values',
  'milestones',
  'problem',
  'solution',
  'expected_results',
  'sdgs',
  'budget_idr',
  'irm_flags',
] as const;

/**
 * The export as CSV (one row per proposal; lists joined with "; ", milestones as "deliverable (start to
 * end)" joined with " | "). Every cell is neutralised against spreadsheet formula injection.
 */
export function openDataCsv(data: OpenDataExport): string {
  const titles = new Map(data.commitments.map((c) => [c.id, c.title]));
  const rows = data.proposals.map((p) =>
    [
      p.id,
      p.roundId,
      p.title,
      p.workingGroup,
      p.organisation,
      p.leadAgency,
      p.status,
      p.reasonedResponse,
      p.mergedInto ?? '',
      p.commitmentIds.join('; '),
      p.commitmentIds.map((id) => titles.get(id) ?? '').join('; '),
      p.submittedAt,
      p.ogpValues.map((v) => v.value).join('; '),
      p.milestones.map((m) => `${m.deliverable} (${m.start || '?'} - ${m.end || '?'})`).join(' | '),
      p.problem,
      p.solution,
      p.expectedResults,
      p.sdgs.join('; '),
      p.budgetIdr === null ? '' : String(p.budgetIdr),
      (p.irmCheck?.flags ?? []).map((f) => f.code).join('; '),
    ].map(safeCell),
  );
  return toCsv([[...OPEN_DATA_CSV_COLUMNS], ...rows]);
}
