// The round as the public sees it: every proposal with a citable entry number, its decision and where it
// went, and every commitment with its sources, text and IRM hints. Every text passes through one redactor
// built from all the round's contacts, so no contact's name, email or phone reaches a published page.
// Everything published (site, reasoned response, action plan, notifications' links) is rendered from this.
import type { Commitment } from '../consolidation/consolidation';
import { OGP_VALUES, type OgpValue } from '../definitions/ogp';
import type { RoundConfig } from '../definitions/round';
import type { ExportableProposal } from '../open-data/open-data';
import type { Text } from '../platform/i18n';
import { REDACTED, redactPersonalData } from '../platform/redaction';
import { type ReviewStatus, STATUS_LABELS } from '../review/lifecycle';
import { isFinal } from '../review/review';
import { type IrmCheck, irmCheck } from './irm-check';

/** What negotiation with government did to a commitment (issue 15 fills it; absent until then). */
export interface CommitmentNegotiation {
  /** The negotiation's status slug (e.g. agreed), when known: part of a notification's once-only key. */
  code?: string;
  status: Text;
  /** True once negotiation ended (agreed, or closed without agreement). */
  concluded: boolean;
  /** What changed, in a sentence (published). */
  summary?: Text;
  /** The agreed text, shown beside the CSO's text. */
  agreed?: { title?: string; solution?: string; milestones?: PublicMilestone[] };
}

export interface PublicMilestone {
  deliverable: string;
  expectedOutput: string;
  start: string;
  end: string;
  responsible: string;
}

/** Where a proposal went: the decision's consequence, citing commitment numbers. */
export type Outcome =
  | { kind: 'accepted'; commitment: number }
  | { kind: 'split'; commitments: number[] }
  | { kind: 'merged'; commitment: number; coAuthors: string[] }
  | { kind: 'rejected' }
  | { kind: 'withdrawn' }
  | { kind: 'pending' };

export interface PublicProposal {
  /** Citable entry number: order of submission, stable as later proposals arrive. */
  entry: number;
  id: string;
  title: string;
  organisation: string;
  workingGroupId: string;
  workingGroupName: Text;
  status: ReviewStatus;
  statusLabel: Text;
  submittedAt: string;
  leadAgency: string;
  problem: string;
  causes: string;
  doneSoFar: string;
  solution: string;
  expectedResults: string;
  objective: string;
  howItSolves: string;
  supportingAgencies: string;
  ogpValues: { value: OgpValue; label: Text; justification: string }[];
  milestones: PublicMilestone[];
  /** Published once the decision is final (drafts stay internal). */
  reasonedResponse: string;
  outcome: Outcome;
  irm: IrmCheck;
}

export interface PublicCommitment {
  /** Number in the action plan (1-based), in the order of its primary proposal's entry. */
  number: number;
  id: string;
  title: string;
  workingGroupIds: string[];
  workingGroupNames: Text[];
  /** Source proposals, primary first. */
  sources: { entry: number; id: string; title: string; organisation: string }[];
  coAuthors: string[];
  /** The CSO text: the primary proposal's template fields. */
  leadAgency: string;
  supportingAgencies: string;
  problem: string;
  causes: string;
  doneSoFar: string;
  solution: string;
  howItSolves: string;
  expectedResults: string;
  ogpValues: PublicProposal['ogpValues'];
  milestones: PublicMilestone[];
  irm: IrmCheck;
  negotiation?: CommitmentNegotiation;
}

export interface PublicRound {
  round: {
    id: string;
    name: Text;
    periodStart: string;
    periodEnd: string;
    submissionDeadline: string;
    workingGroups: { id: string; name: Text }[];
  };
  generatedAt: string;
  proposals: PublicProposal[];
  commitments: PublicCommitment[];
}

export interface PublicRoundInput {
  proposals: readonly ExportableProposal[];
  commitments: readonly Commitment[];
  round: RoundConfig;
  generatedAt: string;
  negotiation?: ReadonlyMap<string, CommitmentNegotiation>;
}

/**
 * A redactor for the whole round: emails and phone numbers in any text, and every contact's own name,
 * email and phone wherever they stand as whole words (a contact may be named in another proposal's text).
 */
export function roundRedactor(
  proposals: readonly Pick<ExportableProposal, 'contactName' | 'email' | 'phone'>[],
) {
  const own = new Set<string>();
  for (const p of proposals) {
    for (const v of [p.contactName, p.email, p.phone]) {
      const t = (v ?? '').trim();
      if (t.length >= 3) own.add(t.normalize('NFKC').toLowerCase());
    }
  }
  const alternatives = [...own]
    .sort((a, b) => b.length - a.length)
    .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const contacts = alternatives.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu')
    : null;
  return (text: string | undefined): string => {
    const out = redactPersonalData(text ?? '');
    return contacts ? out.replace(contacts, REDACTED) : out;
  };
}

const bySubmission = (a: ExportableProposal, b: ExportableProposal) =>
  a.submittedAt < b.submittedAt
    ? -1
    : a.submittedAt > b.submittedAt
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;

export function buildPublicRound(input: PublicRoundInput): PublicRound {
  const { round } = input;
  const clean = roundRedactor(input.proposals);
  const groupName = (id: string): Text =>
    round.workingGroups.find((g) => g.id === id)?.name ?? { id: id || '-', en: id || '-' };
  const ordered = [...input.proposals].sort(bySubmission);
  const entryOf = new Map(ordered.map((p, i) => [p.id, i + 1]));
  const byId = new Map(ordered.map((p) => [p.id, p]));

  const active = input.commitments
    .filter((c) => !c.dissolvedAt && c.sourceProposalIds.length > 0)
    .map((c, i) => ({ c, i }))
    .sort(
      (a, b) =>
        (entryOf.get(a.c.sourceProposalIds[0] as string) ?? 0) -
          (entryOf.get(b.c.sourceProposalIds[0] as string) ?? 0) || a.i - b.i,
    )
    .map(({ c }) => c);
  const numberOf = new Map(active.map((c, i) => [c.id, i + 1]));
  const commitmentsOf = new Map<string, Commitment[]>();
  for (const c of active) {
    for (const id of c.sourceProposalIds) commitmentsOf.set(id, [...(commitmentsOf.get(id) ?? []), c]);
  }

  const milestonesOf = (p: ExportableProposal): PublicMilestone[] =>
    p.milestones.map((m) => ({
      deliverable: clean(m.deliverable),
      expectedOutput: clean(m.expectedOutput),
      start: m.start,
      end: m.end,
      responsible: clean(m.responsible),
    }));
  const valuesOf = (p: ExportableProposal): PublicProposal['ogpValues'] =>
    p.ogpValues.map((v) => ({
      value: v.value,
      label: OGP_VALUES.find((o) => o.value === v.value)?.label ?? { id: v.value, en: v.value },
      justification: clean(v.justification),
    }));

  const outcomeOf = (p: ExportableProposal): Outcome => {
    const fed = commitmentsOf.get(p.id) ?? [];
    const numbers = fed.map((c) => numberOf.get(c.id) as number);
    if (p.status === 'accepted' && numbers.length > 1) return { kind: 'split', commitments: numbers };
    if (p.status === 'accepted' && numbers.length === 1)
      return { kind: 'accepted', commitment: numbers[0] as number };
    if (p.status === 'merged' && fed[0]) {
      return {
        kind: 'merged',
        commitment: numbers[0] as number,
        coAuthors: fed[0].coAuthors.map((o) => clean(o)),
      };
    }
    if (p.status === 'rejected') return { kind: 'rejected' };
    if (p.status === 'withdrawn') return { kind: 'withdrawn' };
    return { kind: 'pending' };
  };

  const proposals = ordered.map((p): PublicProposal => {
    const text = {
      leadAgency: clean(p.leadAgency),
      problem: clean(p.problem),
      expectedResults: clean(p.expectedResults),
      ogpValues: valuesOf(p),
      milestones: milestonesOf(p),
    };
    return {
      entry: entryOf.get(p.id) as number,
      id: p.id,
      title: clean(p.title),
      organisation: clean(p.organisation),
      workingGroupId: p.workingGroupId,
      workingGroupName: groupName(p.workingGroupId),
      status: p.status,
      statusLabel: STATUS_LABELS[p.status],
      submittedAt: p.submittedAt,
      ...text,
      causes: clean(p.causes),
      doneSoFar: clean(p.doneSoFar),
      solution: clean(p.solution),
      objective: clean(p.objective),
      howItSolves: clean(p.howItSolves),
      supportingAgencies: clean(p.actors?.government),
      reasonedResponse: isFinal(p.status) ? clean(p.reasonedResponse) : '',
      outcome: outcomeOf(p),
      irm: irmCheck(text, round),
    };
  });
  const publicById = new Map(proposals.map((p) => [p.id, p]));

  const commitments = active.map((c): PublicCommitment => {
    const primary = publicById.get(c.sourceProposalIds[0] as string) as PublicProposal;
    const negotiation = input.negotiation?.get(c.id);
    return {
      number: numberOf.get(c.id) as number,
      id: c.id,
      // A split part has its own title; otherwise the commitment's title (the primary's, or the merge's).
      title: clean(c.title),
      workingGroupIds: [...c.workingGroupIds],
      workingGroupNames: c.workingGroupIds.map(groupName),
      sources: c.sourceProposalIds
        .filter((id) => byId.has(id))
        .map((id) => {
          const s = publicById.get(id) as PublicProposal;
          return { entry: s.entry, id, title: s.title, organisation: s.organisation };
        }),
      coAuthors: c.coAuthors.map((o) => clean(o)),
      leadAgency: primary.leadAgency,
      supportingAgencies: primary.supportingAgencies,
      problem: primary.problem,
      causes: primary.causes,
      doneSoFar: primary.doneSoFar,
      solution: primary.solution,
      howItSolves: primary.howItSolves,
      expectedResults: primary.expectedResults,
      ogpValues: primary.ogpValues,
      milestones: primary.milestones,
      irm: primary.irm,
      ...(negotiation ? { negotiation: cleanNegotiation(negotiation, clean) } : {}),
    };
  });

  return {
    round: {
      id: round.id,
      name: round.name,
      periodStart: round.periodStart,
      periodEnd: round.periodEnd,
      submissionDeadline: round.submissionDeadline,
      workingGroups: round.workingGroups.map((g) => ({ id: g.id, name: g.name })),
    },
    generatedAt: input.generatedAt,
    proposals,
    commitments,
  };
}

function cleanNegotiation(
  n: CommitmentNegotiation,
  clean: (s: string | undefined) => string,
): CommitmentNegotiation {
  const t = (x: Text): Text => ({ id: clean(x.id), en: clean(x.en) });
  return {
    ...(n.code ? { code: n.code } : {}),
    status: t(n.status),
    concluded: n.concluded,
    ...(n.summary ? { summary: t(n.summary) } : {}),
    ...(n.agreed
      ? {
          agreed: {
            ...(n.agreed.title !== undefined ? { title: clean(n.agreed.title) } : {}),
            ...(n.agreed.solution !== undefined ? { solution: clean(n.agreed.solution) } : {}),
            ...(n.agreed.milestones
              ? {
                  milestones: n.agreed.milestones.map((m) => ({
                    ...m,
                    deliverable: clean(m.deliverable),
                    expectedOutput: clean(m.expectedOutput),
                    responsible: clean(m.responsible),
                  })),
                }
              : {}),
          },
        }
      : {}),
  };
}

/** A commitment's label as cited elsewhere: "Komitmen 3" / "Commitment 3". */
export function commitmentLabel(n: number): Text {
  return { id: `Komitmen ${n}`, en: `Commitment ${n}` };
}
