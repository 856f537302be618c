// The consolidated status digest as data: totals and changes since the last digest, the working group x
// status table, what needs attention (slow reviews, decisions without a reasoned response, invalid
// submissions), new merges, the commitments with their lineage and the upcoming deadlines. Pure and O(n):
// the caller loads the round and the previous digest, and renders the model (digest-render.ts).

import { commitmentsOf, joinReviews, type ReviewedProposal } from '../consolidation/round-view';
import type { RoundConfig, RoundDeadline } from '../definitions/round';
import type { StoredProposal } from '../ingest/ingest';
import type { NegotiationState } from '../negotiation/negotiation';
import { buildNegotiationDigest, type NegotiationDigest } from '../negotiation/negotiation-digest';
import type { Text } from '../platform/i18n';
import { redactOptional, redactPersonalData } from '../platform/redaction';
import { type ReviewStatus, STATUSES } from '../review/lifecycle';
import { type AuditEvent, isFinal, MIN_REASON_LENGTH, type ReviewState } from '../review/review';

/** Used when the round does not set reviewSlaDays. */
export const DEFAULT_REVIEW_SLA_DAYS = 7;

/** Who a digest is for: the secretariat (the whole round) or one working group (its proposals only). */
export type DigestAudience = { kind: 'secretariat' } | { kind: 'working_group'; groupId: string };

export const SECRETARIAT: DigestAudience = { kind: 'secretariat' };

/** The audience as stored with the digest claim: `secretariat` or `group:<id>`. */
export function audienceKey(audience: DigestAudience): string {
  return audience.kind === 'secretariat' ? 'secretariat' : `group:${audience.groupId}`;
}

/** The counts a digest is compared on next time; stored with the digest claim. */
export interface DigestSummary {
  total: number;
  invalid: number;
  commitments: number;
  waitingTooLong: number;
  missingReason: number;
  byStatus: Record<ReviewStatus, number>;
}

/** The digest sent before this one for the same audience. */
export interface PreviousDigest {
  period: string;
  sentAt: string;
  summary: DigestSummary;
}

export type DigestMetric = 'total' | 'commitments' | 'invalid' | 'waitingTooLong' | 'missingReason';

export interface DigestChange {
  /** A summary count, or a status count when `status` is set. */
  metric: DigestMetric | 'status';
  status?: ReviewStatus;
  before: number;
  now: number;
  delta: number;
}

export interface DigestProposalRef {
  id: string;
  title: string;
  organisation: string;
  workingGroupId: string;
}

export interface DigestGroupRow {
  /** '' for proposals whose working group is not in the round. */
  id: string;
  name: Text;
  counts: Record<ReviewStatus, number>;
  total: number;
}

export interface WaitingProposal extends DigestProposalRef {
  status: ReviewStatus;
  reviewer: string | null;
  /** When the proposal entered its current status (or was submitted). */
  waitingSince: string;
  days: number;
}

export interface MissingReason extends DigestProposalRef {
  status: ReviewStatus;
  reviewer: string | null;
  /** What is there now (shorter than the minimum), possibly empty. */
  reasonedResponse: string;
}

export interface InvalidProposal extends DigestProposalRef {
  issues: Text[];
}

export interface NewMerge extends DigestProposalRef {
  into: { id: string; title: string } | null;
  /** When the merge decision was recorded (null when the review has no audit event for it). */
  at: string | null;
  actor: string | null;
  reasonedResponse: string;
}

export interface DigestCommitment {
  id: string;
  title: string;
  sources: { id: string; title: string; organisation: string }[];
  coAuthors: string[];
  workingGroups: { id: string; name: Text }[];
  /** IRM pre-check flags still raised on the commitment's text (hints; set by the digest use case). */
  irmFlags?: Text[];
}

export interface GroupProposal extends DigestProposalRef {
  status: ReviewStatus;
  reviewer: string | null;
}

export interface UpcomingDeadline {
  date: string;
  label: Text;
  daysLeft: number;
}

export interface DigestModel {
  round: { id: string; name: Text; timeZone: string };
  audience: DigestAudience;
  /** The working group's name for a group digest. */
  audienceName: Text | null;
  period: string;
  generatedAt: string;
  reviewSlaDays: number;
  summary: DigestSummary;
  previous: { period: string; sentAt: string } | null;
  /** Empty when there is no previous digest to compare with. */
  changes: DigestChange[];
  byGroup: DigestGroupRow[];
  /** A working group's digest lists each of its proposals (in lifecycle order); empty for the secretariat. */
  groupProposals: GroupProposal[];
  /** Oldest first. */
  waitingTooLong: WaitingProposal[];
  missingReason: MissingReason[];
  invalid: InvalidProposal[];
  /** Merges recorded since the previous digest (all merges for a first digest), latest first. */
  newMerges: NewMerge[];
  commitments: DigestCommitment[];
  /** Negotiation with agencies, of the commitments shown; null when the caller passed no negotiations. */
  negotiation: NegotiationDigest | null;
  /** Today and later, soonest first. */
  deadlines: UpcomingDeadline[];
}

export interface DigestInput {
  proposals: readonly StoredProposal[];
  reviews: ReadonlyMap<string, ReviewState>;
  round: RoundConfig;
  /** The instant the digest is made (ISO). */
  now: string;
  /** The period it is sent for, e.g. `2022-W32`. */
  period: string;
  audience?: DigestAudience;
  previous?: PreviousDigest;
  /** Every commitment's negotiation (shared/negotiation/round-negotiations.ts); absent: no section. */
  negotiations?: readonly NegotiationState[];
}

const DAY_MS = 86_400_000;
const UNASSIGNED: Text = { id: 'Tanpa kelompok kerja', en: 'No working group' };
const WAITING_STATUSES: ReadonlySet<ReviewStatus> = new Set(['submitted', 'in_review']);

const zeroCounts = () => Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ReviewStatus, number>;

/** The round's deadlines: its own list, or the submission deadline and the action-plan period. */
export function roundDeadlines(round: RoundConfig): RoundDeadline[] {
  return (
    round.deadlines ?? [
      {
        date: round.submissionDeadline,
        label: { id: 'Batas akhir pengajuan usulan', en: 'Proposal submission deadline' },
      },
      {
        date: round.periodStart,
        label: { id: 'Periode rencana aksi dimulai', en: 'Action-plan period starts' },
      },
      {
        date: round.periodEnd,
        label: { id: 'Periode rencana aksi berakhir', en: 'Action-plan period ends' },
      },
    ]
  );
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The latest audit event that moved the status to `status`. */
function lastStatusEvent(audit: readonly AuditEvent[] | undefined, status: ReviewStatus): AuditEvent | null {
  if (!audit) return null;
  for (let i = audit.length - 1; i >= 0; i--) {
    const e = audit[i] as AuditEvent;
    if (e.changes.some((c) => c.field === 'status' && c.to === status)) return e;
  }
  return null;
}

/** A proposal with its contact details and any reviewer identity removed from what the digest shows. */
function redactForDigest(p: ReviewedProposal): ReviewedProposal {
  const own = [p.contactName, p.email, p.phone];
  const r = (s: string) => redactPersonalData(s, own);
  return {
    ...p,
    title: r(p.title),
    organisation: r(p.organisation),
    reasonedResponse: r(p.reasonedResponse ?? ''),
    reviewer: redactOptional(p.reviewer, own),
    issues: (p.issues ?? []).map((i) => ({ ...i, message: { id: r(i.message.id), en: r(i.message.en) } })),
  };
}

const ref = (p: ReviewedProposal): DigestProposalRef => ({
  id: p.id,
  title: p.title,
  organisation: p.organisation,
  workingGroupId: p.workingGroupId,
});

/**
 * Builds the digest of a round for one audience. A working group's digest holds only that group's
 * proposals, and the commitments that have a source in the group (with their full lineage).
 */
export function buildDigestModel(input: DigestInput): DigestModel {
  const { round, reviews } = input;
  const audience = input.audience ?? SECRETARIAT;
  const nowMs = Date.parse(input.now);
  const sla = round.reviewSlaDays ?? DEFAULT_REVIEW_SLA_DAYS;
  // Every text the digest shows passes the one redaction first (HTML and text render from this model).
  const all = joinReviews(input.proposals, reviews).map(redactForDigest);
  const byId = new Map<string, ReviewedProposal>();
  for (const p of all) byId.set(p.id, p);
  const groupId = audience.kind === 'working_group' ? audience.groupId : null;
  const mine = groupId === null ? all : all.filter((p) => p.workingGroupId === groupId);
  const groupName = new Map(round.workingGroups.map((g) => [g.id, g.name]));
  const previousAt = input.previous ? Date.parse(input.previous.sentAt) : null;

  const rows = new Map<string, DigestGroupRow>();
  const visibleGroups =
    groupId === null ? round.workingGroups : round.workingGroups.filter((g) => g.id === groupId);
  for (const g of visibleGroups) rows.set(g.id, { id: g.id, name: g.name, counts: zeroCounts(), total: 0 });
  const unassigned: DigestGroupRow = { id: '', name: UNASSIGNED, counts: zeroCounts(), total: 0 };

  const byStatus = zeroCounts();
  const waitingTooLong: WaitingProposal[] = [];
  const missingReason: MissingReason[] = [];
  const invalid: InvalidProposal[] = [];
  const newMerges: NewMerge[] = [];

  for (const p of mine) {
    const row = rows.get(p.workingGroupId) ?? unassigned;
    row.counts[p.status]++;
    row.total++;
    byStatus[p.status]++;
    const review = reviews.get(p.id);
    if (!p.valid) {
      invalid.push({ ...ref(p), issues: p.issues.map((i) => i.message) });
    }
    if (WAITING_STATUSES.has(p.status)) {
      const entered = lastStatusEvent(review?.audit, p.status)?.at;
      const since = entered && entered > p.submittedAt ? entered : p.submittedAt;
      const days = Math.floor((nowMs - Date.parse(since)) / DAY_MS);
      if (days > sla) {
        waitingTooLong.push({ ...ref(p), status: p.status, reviewer: p.reviewer, waitingSince: since, days });
      }
    }
    if (isFinal(p.status) && (p.reasonedResponse ?? '').trim().length < MIN_REASON_LENGTH) {
      missingReason.push({
        ...ref(p),
        status: p.status,
        reviewer: p.reviewer,
        reasonedResponse: (p.reasonedResponse ?? '').trim(),
      });
    }
    if (p.status === 'merged') {
      const event = lastStatusEvent(review?.audit, 'merged');
      const at = event?.at ?? null;
      const isNew = previousAt === null || (at !== null && Date.parse(at) > previousAt);
      if (isNew) {
        const target = p.mergeTarget ? byId.get(p.mergeTarget) : undefined;
        newMerges.push({
          ...ref(p),
          into: p.mergeTarget ? { id: p.mergeTarget, title: target?.title ?? '' } : null,
          at,
          actor: redactOptional(event?.actor ?? p.reviewer),
          reasonedResponse: p.reasonedResponse ?? '',
        });
      }
    }
  }
  waitingTooLong.sort((a, b) => b.days - a.days || a.title.localeCompare(b.title));
  newMerges.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));

  const statusOrder = new Map(STATUSES.map((st, i) => [st, i]));
  const groupProposals: GroupProposal[] =
    groupId === null
      ? []
      : mine
          .map((p) => ({ ...ref(p), status: p.status, reviewer: p.reviewer }))
          .sort(
            (a, b) =>
              (statusOrder.get(a.status) ?? 0) - (statusOrder.get(b.status) ?? 0) ||
              a.title.localeCompare(b.title),
          );
  const commitments = digestCommitments(all, byId, groupId, round);
  const summary: DigestSummary = {
    total: mine.length,
    invalid: invalid.length,
    commitments: commitments.length,
    waitingTooLong: waitingTooLong.length,
    missingReason: missingReason.length,
    byStatus,
  };
  const today = localDate(input.now, round.timeZone);
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const deadlines = roundDeadlines(round)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date) && d.date >= today)
    .map((d) => ({
      date: d.date,
      label: d.label,
      daysLeft: Math.round((Date.parse(`${d.date}T00:00:00Z`) - todayMs) / DAY_MS),
    }))
    .sort((a, b) => a.date.localeCompare(b.date));

  return {
    round: { id: round.id, name: round.name, timeZone: round.timeZone },
    audience,
    audienceName: groupId === null ? null : (groupName.get(groupId) ?? { id: groupId, en: groupId }),
    period: input.period,
    generatedAt: input.now,
    reviewSlaDays: sla,
    summary,
    previous: input.previous ? { period: input.previous.period, sentAt: input.previous.sentAt } : null,
    changes: input.previous ? changesSince(input.previous.summary, summary) : [],
    byGroup: [...rows.values(), ...(unassigned.total ? [unassigned] : [])],
    groupProposals,
    waitingTooLong,
    missingReason,
    invalid,
    newMerges,
    commitments,
    negotiation: input.negotiations
      ? buildNegotiationDigest(
          (() => {
            const shown = new Set(commitments.map((c) => c.id));
            const byId = new Map(input.negotiations.map((n) => [n.commitmentId, n]));
            return commitments.flatMap((c) =>
              shown.has(c.id) && byId.has(c.id) ? [byId.get(c.id) as NegotiationState] : [],
            );
          })(),
          input.now,
          {
            ...(round.agencyResponseDays !== undefined ? { responseDays: round.agencyResponseDays } : {}),
            clean: (t) => redactPersonalData(t),
          },
        )
      : null,
    deadlines,
  };
}

/** Commitments from the whole round's decisions (merges may cross groups), kept when they touch the group. */
function digestCommitments(
  all: readonly ReviewedProposal[],
  byId: ReadonlyMap<string, ReviewedProposal>,
  groupId: string | null,
  round: RoundConfig,
): DigestCommitment[] {
  const order = new Map(round.workingGroups.map((g, i) => [g.id, i]));
  const names = new Map(round.workingGroups.map((g) => [g.id, g.name]));
  const rank = (c: { workingGroupIds: string[] }) => order.get(c.workingGroupIds[0] ?? '') ?? order.size;
  const collator = new Intl.Collator('id');
  return commitmentsOf(all)
    .filter((c) => !c.dissolvedAt && (groupId === null || c.workingGroupIds.includes(groupId)))
    .sort((a, b) => rank(a) - rank(b) || collator.compare(a.title, b.title))
    .map((c) => ({
      id: c.id,
      title: c.title,
      sources: c.sourceProposalIds.map((id) => {
        const p = byId.get(id);
        return { id, title: p?.title ?? '', organisation: p?.organisation ?? '' };
      }),
      coAuthors: [...c.coAuthors],
      workingGroups: c.workingGroupIds.map((id) => ({ id, name: names.get(id) ?? UNASSIGNED })),
    }));
}

const METRICS: readonly DigestMetric[] = [
  'total',
  'commitments',
  'invalid',
  'waitingTooLong',
  'missingReason',
];

/** What moved since the previous digest: every summary count, and each status that was or is non-zero. */
export function changesSince(before: DigestSummary, now: DigestSummary): DigestChange[] {
  const change = (metric: DigestChange['metric'], b: number, n: number, status?: ReviewStatus) => ({
    metric,
    ...(status ? { status } : {}),
    before: b,
    now: n,
    delta: n - b,
  });
  const statuses = STATUSES.filter((s) => before.byStatus[s] || now.byStatus[s]).map((s) =>
    change('status', before.byStatus[s], now.byStatus[s], s),
  );
  const [total, ...rest] = METRICS.map((m) => change(m, before[m], now[m]));
  return [total as DigestChange, ...statuses, ...rest];
}

/** Reads a summary stored with an earlier claim; tolerant of missing or older fields (they count as 0). */
export function parseDigestSummary(value: unknown): DigestSummary | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
  const statuses = (typeof v.byStatus === 'object' && v.byStatus !== null ? v.byStatus : {}) as Record<
    string,
    unknown
  >;
  const byStatus = zeroCounts();
  for (const s of STATUSES) byStatus[s] = n(statuses[s]);
  return {
    total: n(v.total),
    invalid: n(v.invalid),
    commitments: n(v.commitments),
    waitingTooLong: n(v.waitingTooLong),
    missingReason: n(v.missingReason),
    byStatus,
  };
}
