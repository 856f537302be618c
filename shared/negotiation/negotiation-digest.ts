// The negotiation section of the digest, as data: status per commitment with its lead agency, the
// agencies that have not answered for more than N days, and what changed from the CSO text (word by word).
// Pure: the caller passes the round's negotiations (roundNegotiations) and the instant. No agency notes,
// no focal points: a working group reads this too.

import {
  type AgencyPosition,
  type AgencyRole,
  agencyKey,
  latestText,
  NEGOTIATION_STATUSES,
  type NegotiationState,
  type NegotiationStatus,
  waitingSinceOf,
} from './negotiation';
import { type FieldDiff, textDiff } from './text-diff';

/** Used when the round does not set agencyResponseDays. */
export const DEFAULT_AGENCY_RESPONSE_DAYS = 14;
const DAY_MS = 86_400_000;

export interface DigestAgency {
  agency: string;
  role: AgencyRole;
  position: AgencyPosition;
  respondedAt: string | null;
}

export interface DigestNegotiation {
  commitmentId: string;
  title: string;
  status: NegotiationStatus;
  lead: string | null;
  agencies: DigestAgency[];
  textRevisions: number;
  /** Latest text against the CSO text, per changed part. */
  changes: FieldDiff[];
  nextMeeting: string | null;
  meetings: number;
}

export interface SilentAgency {
  agency: string;
  role: AgencyRole;
  commitmentId: string;
  title: string;
  /** Since when it is waited on: when it was added or put back to pending, else when negotiation started. */
  since: string;
  days: number;
}

export interface NegotiationDigest {
  responseDays: number;
  counts: Record<NegotiationStatus, number>;
  commitments: DigestNegotiation[];
  /** Longest silence first. */
  silent: SilentAgency[];
}

/** When an agency's wait started: the latest event that added it or set it back to pending. */
export function pendingSince(state: NegotiationState, agency: string): string {
  return waitingSinceOf(state)[agencyKey(agency)] ?? state.startedAt;
}

/**
 * The section from the round's negotiations. `clean` redacts outward text (the diff words). Commitments
 * keep the order given; silent agencies are those still pending for more than `responseDays` days.
 */
export function buildNegotiationDigest(
  negotiations: readonly NegotiationState[],
  nowIso: string,
  opts: { responseDays?: number; clean?: (text: string) => string } = {},
): NegotiationDigest {
  const responseDays = opts.responseDays ?? DEFAULT_AGENCY_RESPONSE_DAYS;
  const clean = opts.clean ?? ((t: string) => t);
  const nowMs = Date.parse(nowIso);
  const counts = Object.fromEntries(NEGOTIATION_STATUSES.map((s) => [s, 0])) as Record<
    NegotiationStatus,
    number
  >;
  const silent: SilentAgency[] = [];
  const commitments = negotiations.map((n): DigestNegotiation => {
    counts[n.status]++;
    const waiting = n.status === 'not_started' || n.status === 'in_discussion';
    for (const a of n.agencies) {
      if (!waiting || a.position !== 'pending') continue;
      const since = pendingSince(n, a.agency);
      const days = Math.floor((nowMs - Date.parse(since)) / DAY_MS);
      if (days > responseDays)
        silent.push({
          agency: a.agency,
          role: a.role,
          commitmentId: n.commitmentId,
          title: n.title,
          since,
          days,
        });
    }
    const cso = n.texts[0]?.text;
    const changes = cso ? textDiff(cso, latestText(n).text) : [];
    return {
      commitmentId: n.commitmentId,
      title: n.title,
      status: n.status,
      lead: n.agencies.find((a) => a.role === 'lead')?.agency ?? null,
      agencies: n.agencies.map((a) => ({
        agency: a.agency,
        role: a.role,
        position: a.position,
        respondedAt: a.respondedAt,
      })),
      textRevisions: latestText(n).revision,
      changes: changes.map((d) => ({
        field: d.field,
        changes: d.changes.map((c) => ({ ...c, text: clean(c.text) })),
      })),
      nextMeeting: n.nextMeeting,
      meetings: n.meetings.length,
    };
  });
  silent.sort((a, b) => b.days - a.days || a.agency.localeCompare(b.agency));
  return { responseDays, counts, commitments, silent };
}
