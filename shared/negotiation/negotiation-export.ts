// The negotiation of a commitment as published in the open data (`commitments[].negotiation`): status,
// each agency's role and position, the CSO text beside the agreed text, meetings as evidence, and the
// reasoned explanation of a final status. Built from an allow-list: agency notes and the audit (who
// typed what) stay internal, and focal points are never in the state to begin with.
import { type CommitmentText, normaliseText } from './commitment-text';
import {
  type AgencyPosition,
  type AgencyRole,
  isFinalNegotiation,
  latestText,
  type MeetingType,
  type NegotiationState,
  type NegotiationStatus,
} from './negotiation';
import { type FieldDiff, textDiff } from './text-diff';

export interface OpenDataAgency {
  agency: string;
  role: AgencyRole;
  position: AgencyPosition;
  respondedAt?: string;
}

export interface OpenDataMeeting {
  date: string;
  type: MeetingType;
  organisations: string[];
  decisions: string;
  minutesUrl: string | null;
}

export interface OpenDataNegotiation {
  status: NegotiationStatus;
  agencies: OpenDataAgency[];
  /** The CSO text from consolidation. */
  proposedText: CommitmentText;
  /** The agreed text once agreed (or adopted); null before and when declined. */
  agreedText: CommitmentText | null;
  /** How many revisions the text went through (1: only the CSO text). */
  textRevisions: number;
  /** Word-level differences from proposedText to agreedText, per changed part; empty when none. */
  differences: FieldDiff[];
  meetings: OpenDataMeeting[];
  /** Present once a final status explains itself. */
  reasonedResponse?: string;
}

const AGREED: readonly NegotiationStatus[] = ['agreed', 'agreed_with_changes', 'adopted'];

/** Whether the state's latest text is an agreed one. */
export function hasAgreedText(status: NegotiationStatus): boolean {
  return AGREED.includes(status);
}

/**
 * The public view of one negotiation. `clean` is applied to every free text (the caller passes the
 * redaction of personal data, so an email typed into a decision never reaches the open data).
 */
export function negotiationForExport(
  state: NegotiationState,
  clean: (text: string) => string = (t) => t,
): OpenDataNegotiation {
  const cleanText = (t: CommitmentText): CommitmentText =>
    normaliseText({
      problem: clean(t.problem),
      action: clean(t.action),
      milestones: t.milestones.map((m) => ({
        deliverable: clean(m.deliverable),
        start: m.start,
        end: m.end,
      })),
      leadAgency: clean(t.leadAgency),
      expectedResults: clean(t.expectedResults),
    });
  const proposed = cleanText((state.texts[0] ?? latestText(state)).text);
  const agreed = hasAgreedText(state.status) ? cleanText(latestText(state).text) : null;
  return {
    status: state.status,
    agencies: state.agencies.map((a) => ({
      agency: clean(a.agency),
      role: a.role,
      position: a.position,
      ...(a.respondedAt ? { respondedAt: a.respondedAt } : {}),
    })),
    proposedText: proposed,
    agreedText: agreed,
    textRevisions: latestText(state).revision,
    differences: agreed ? textDiff(proposed, agreed) : [],
    meetings: state.meetings.map((m) => ({
      date: m.date,
      type: m.type,
      organisations: m.organisations.map(clean),
      decisions: clean(m.decisions),
      minutesUrl: m.minutesUrl,
    })),
    ...(isFinalNegotiation(state.status) && state.reasonedResponse
      ? { reasonedResponse: clean(state.reasonedResponse) }
      : {}),
  };
}
