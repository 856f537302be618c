// Consolidation edits: merge (many-to-one, with lineage), undo a merge, split a proposal into commitments.
// Status changes are returned for the caller to apply through the review workflow.
import { stableHash } from '../platform/hash';
import type { Text } from '../platform/i18n';
import type { ReviewStatus } from '../review/lifecycle';
import { isFinal, MIN_REASON_LENGTH } from '../review/review';

/** What consolidation needs to know about a proposal and its review. */
export interface ConsolidationProposal {
  id: string;
  title: string;
  workingGroupId: string;
  organisation: string;
  submittedAt: string;
  status: ReviewStatus;
  mergeTarget?: string | null;
  reasonedResponse?: string;
}

/** A proposal's review fields at one moment, so that a merge can be reverted exactly. */
export interface SourceSnapshot {
  proposalId: string;
  status: ReviewStatus;
  mergeTarget: string | null;
  reasonedResponse: string;
}

/** A status change the caller applies through applyReview (with `reopen` when it leaves a final status). */
export interface SourceChange {
  proposalId: string;
  from: SourceSnapshot;
  to: SourceSnapshot;
  reopen: boolean;
}

export interface CommitmentEvent {
  kind: 'created' | 'merged' | 'split' | 'merge_undone';
  at: string;
  actor: string;
  sourceProposalIds: string[];
  title?: string;
  /** merged: the sources before the merge (what undo restores) and after it (what undo expects to find). */
  previous?: SourceSnapshot[];
  applied?: SourceSnapshot[];
  /** split: which part this commitment is (1-based) and of how many. */
  part?: number;
  parts?: number;
}

export interface Commitment {
  id: string;
  title: string;
  /** Every working group a source came from: a merge may cross working groups. */
  workingGroupIds: string[];
  /** Source proposals; the first is the primary one (the commitment's id derives from it). */
  sourceProposalIds: string[];
  /** Co-authoring organisations, one per distinct organisation of the sources. */
  coAuthors: string[];
  createdAt: string;
  history: CommitmentEvent[];
  /** Set when the merge that created this commitment was undone; a dissolved commitment is kept for audit. */
  dissolvedAt?: string;
}

export type ConsolidationRefusalCode =
  | 'too_few_sources'
  | 'duplicate_source'
  | 'not_mergeable'
  | 'title_required'
  | 'reason_required'
  | 'actor_required'
  | 'not_a_merge'
  | 'changed_since_merge'
  | 'too_few_parts';

export interface ConsolidationRefusal {
  ok: false;
  code: ConsolidationRefusalCode;
  message: Text;
}

const refuse = (code: ConsolidationRefusalCode, id: string, en: string): ConsolidationRefusal => ({
  ok: false,
  code,
  message: { id, en },
});

/** The id of the commitment a proposal leads (accepted alone, or as the primary of a merge). */
export function commitmentIdFor(primaryProposalId: string): string {
  return `c_${stableHash(`commitment|${primaryProposalId}`)}`;
}

function splitCommitmentId(proposalId: string, index: number, title: string): string {
  return `c_${stableHash(`split|${proposalId}|${index}|${title}`)}`;
}

export function snapshot(p: ConsolidationProposal): SourceSnapshot {
  return {
    proposalId: p.id,
    status: p.status,
    mergeTarget: p.mergeTarget ?? null,
    reasonedResponse: p.reasonedResponse ?? '',
  };
}

function uniqueInOrder(values: Iterable<string>, key: (v: string) => string = (v) => v): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const v = raw.trim();
    const k = key(v);
    if (!v || seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}

/** Lineage fields derived from the sources, first source first. */
export function lineage(sources: readonly ConsolidationProposal[]) {
  return {
    sourceProposalIds: sources.map((s) => s.id),
    workingGroupIds: uniqueInOrder(sources.map((s) => s.workingGroupId)),
    coAuthors: uniqueInOrder(
      sources.map((s) => s.organisation),
      (o) => o.toLowerCase().replace(/\s+/g, ' '),
    ),
  };
}

export interface MergeOptions {
  title: string;
  /** Defaults to commitmentIdFor(the first proposal), which consolidateRound derives too. */
  commitmentId?: string;
  /** The reasoned response recorded on every source that the merge decides (Standard 4). */
  reason: string;
}

export type MergeOutcome =
  | { ok: true; commitment: Commitment; changes: SourceChange[] }
  | ConsolidationRefusal;

/**
 * Merges proposals (many-to-one, across working groups too) into one commitment. The first proposal is the
 * primary: it becomes accepted; the others become merged into it. Sources must be in review (the primary may
 * already be accepted), so every change is a legal review transition. The commitment's history records each
 * source before and after, which is what undoMerge restores.
 */
export function mergeProposals(
  proposals: readonly ConsolidationProposal[],
  opts: MergeOptions,
  actor: string,
  nowIso: string,
): MergeOutcome {
  if (!actor.trim())
    return refuse('actor_required', 'Penggabungan harus mencatat pelakunya', 'A merge must name its actor');
  if (proposals.length < 2) {
    return refuse(
      'too_few_sources',
      'Penggabungan membutuhkan minimal dua usulan',
      'A merge needs at least two proposals',
    );
  }
  const ids = new Set(proposals.map((p) => p.id));
  if (ids.size !== proposals.length) {
    return refuse(
      'duplicate_source',
      'Usulan yang sama disebut dua kali',
      'The same proposal is listed twice',
    );
  }
  const title = opts.title.trim();
  if (!title)
    return refuse(
      'title_required',
      'Komitmen hasil penggabungan wajib berjudul',
      'The merged commitment needs a title',
    );
  const reason = opts.reason.trim();
  if (reason.length < MIN_REASON_LENGTH) {
    return refuse(
      'reason_required',
      `Penggabungan wajib disertai tanggapan beralasan (minimal ${MIN_REASON_LENGTH} karakter)`,
      `A merge needs a reasoned response (at least ${MIN_REASON_LENGTH} characters)`,
    );
  }
  const [primary, ...others] = proposals as [ConsolidationProposal, ...ConsolidationProposal[]];
  if (primary.status !== 'in_review' && primary.status !== 'accepted') {
    return refuse(
      'not_mergeable',
      `Usulan utama ${primary.id} harus berstatus sedang ditinjau atau diterima (sekarang: ${primary.status})`,
      `The primary proposal ${primary.id} must be in review or accepted (now: ${primary.status})`,
    );
  }
  for (const p of others) {
    if (p.status !== 'in_review') {
      return refuse(
        'not_mergeable',
        `Usulan ${p.id} harus berstatus sedang ditinjau untuk digabung (sekarang: ${p.status}); buka kembali dahulu`,
        `Proposal ${p.id} must be in review to be merged (now: ${p.status}); reopen it first`,
      );
    }
  }

  const previous = proposals.map(snapshot);
  const applied: SourceSnapshot[] = [
    primary.status === 'accepted'
      ? snapshot(primary)
      : { proposalId: primary.id, status: 'accepted', mergeTarget: null, reasonedResponse: reason },
    ...others.map((p) => ({
      proposalId: p.id,
      status: 'merged' as const,
      mergeTarget: primary.id,
      reasonedResponse: reason,
    })),
  ];
  const changes = previous
    .map((from, i) => ({
      proposalId: from.proposalId,
      from,
      to: applied[i] as SourceSnapshot,
      reopen: false,
    }))
    .filter((c) => !sameSnapshot(c.from, c.to));
  const lin = lineage(proposals);
  const commitment: Commitment = {
    id: opts.commitmentId?.trim() || commitmentIdFor(primary.id),
    title,
    ...lin,
    createdAt: nowIso,
    history: [
      {
        kind: 'merged',
        at: nowIso,
        actor: actor.trim(),
        sourceProposalIds: lin.sourceProposalIds,
        title,
        previous,
        applied,
      },
    ],
  };
  return { ok: true, commitment, changes };
}

export type UndoOutcome =
  | { ok: true; commitment: Commitment; changes: SourceChange[] }
  | ConsolidationRefusal;

/**
 * Undoes the merge that created a commitment: every source goes back to its status, merge target and
 * reasoned response from before the merge, and the commitment is dissolved (kept, with the undo in its
 * history). Refused when a source was changed since the merge, so a later decision is never overwritten.
 */
export function undoMerge(
  commitment: Commitment,
  current: readonly ConsolidationProposal[],
  actor: string,
  nowIso: string,
): UndoOutcome {
  if (!actor.trim())
    return refuse('actor_required', 'Pembatalan harus mencatat pelakunya', 'An undo must name its actor');
  const merge = [...commitment.history].reverse().find((e) => e.kind === 'merged');
  if (commitment.dissolvedAt || !merge?.previous || !merge.applied) {
    return refuse(
      'not_a_merge',
      `Komitmen ${commitment.id} bukan hasil penggabungan yang masih berlaku`,
      `Commitment ${commitment.id} is not a merge that is still in effect`,
    );
  }
  const byId = new Map(current.map((p) => [p.id, p]));
  const changed = merge.applied.filter((a) => {
    const now = byId.get(a.proposalId);
    return !now || !sameSnapshot(snapshot(now), a);
  });
  if (changed.length > 0) {
    const list = changed.map((c) => c.proposalId).join(', ');
    return refuse(
      'changed_since_merge',
      `Penggabungan tidak dapat dibatalkan: usulan ${list} sudah berubah sejak digabung`,
      `The merge cannot be undone: proposal ${list} changed since the merge`,
    );
  }
  const changes: SourceChange[] = [];
  merge.applied.forEach((applied, i) => {
    const before = merge.previous?.[i];
    if (before && !sameSnapshot(applied, before)) {
      changes.push({
        proposalId: applied.proposalId,
        from: applied,
        to: before,
        reopen: isFinal(applied.status),
      });
    }
  });
  return {
    ok: true,
    changes,
    commitment: {
      ...commitment,
      dissolvedAt: nowIso,
      history: [
        ...commitment.history,
        { kind: 'merge_undone', at: nowIso, actor: actor.trim(), sourceProposalIds: merge.sourceProposalIds },
      ],
    },
  };
}

export type SplitOutcome =
  | { ok: true; commitments: Commitment[]; change: SourceChange | null }
  | ConsolidationRefusal;

/**
 * Splits one proposal into several commitments, each keeping lineage to the same source. The proposal
 * becomes accepted (a reason is required unless it already is).
 */
export function splitProposal(
  proposal: ConsolidationProposal,
  parts: readonly { title: string }[],
  actor: string,
  nowIso: string,
  opts: { reason?: string } = {},
): SplitOutcome {
  if (!actor.trim())
    return refuse('actor_required', 'Pemecahan harus mencatat pelakunya', 'A split must name its actor');
  const titles = parts.map((p) => p.title.trim());
  if (titles.length < 2) {
    return refuse(
      'too_few_parts',
      'Pemecahan membutuhkan minimal dua bagian',
      'A split needs at least two parts',
    );
  }
  if (titles.some((t) => !t)) {
    return refuse('title_required', 'Setiap bagian wajib berjudul', 'Every part needs a title');
  }
  if (proposal.status !== 'in_review' && proposal.status !== 'accepted') {
    return refuse(
      'not_mergeable',
      `Usulan ${proposal.id} harus berstatus sedang ditinjau atau diterima untuk dipecah (sekarang: ${proposal.status})`,
      `Proposal ${proposal.id} must be in review or accepted to be split (now: ${proposal.status})`,
    );
  }
  const reason = opts.reason?.trim() ?? '';
  let change: SourceChange | null = null;
  if (proposal.status !== 'accepted') {
    if (reason.length < MIN_REASON_LENGTH) {
      return refuse(
        'reason_required',
        `Pemecahan wajib disertai tanggapan beralasan (minimal ${MIN_REASON_LENGTH} karakter)`,
        `A split needs a reasoned response (at least ${MIN_REASON_LENGTH} characters)`,
      );
    }
    const from = snapshot(proposal);
    change = {
      proposalId: proposal.id,
      from,
      to: { proposalId: proposal.id, status: 'accepted', mergeTarget: null, reasonedResponse: reason },
      reopen: false,
    };
  }
  const lin = lineage([proposal]);
  const commitments = titles.map(
    (title, i): Commitment => ({
      id: splitCommitmentId(proposal.id, i, title),
      title,
      ...lin,
      createdAt: nowIso,
      history: [
        {
          kind: 'split',
          at: nowIso,
          actor: actor.trim(),
          sourceProposalIds: [proposal.id],
          title,
          part: i + 1,
          parts: titles.length,
        },
      ],
    }),
  );
  return { ok: true, commitments, change };
}

function sameSnapshot(a: SourceSnapshot, b: SourceSnapshot): boolean {
  return (
    a.proposalId === b.proposalId &&
    a.status === b.status &&
    a.mergeTarget === b.mergeTarget &&
    a.reasonedResponse === b.reasonedResponse
  );
}
