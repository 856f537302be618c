// The negotiation's vocabulary (statuses, agency positions and roles, response channels, meeting types, with
// their bilingual labels), the shape of its state, changes and refusals, and reading a state. Rules: negotiation.ts.
// Focal points (people at an agency) are NOT part of this state: see focal-point.ts.
import { stableHash } from '../platform/hash';
import type { Text } from '../platform/i18n';
import { type CommitmentText, fieldText, type TextField } from './commitment-text';

export const NEGOTIATION_STATUSES = [
  'not_started',
  'in_discussion',
  'agreed',
  'agreed_with_changes',
  'declined',
  'adopted',
] as const;
export type NegotiationStatus = (typeof NEGOTIATION_STATUSES)[number];

export const NEGOTIATION_STATUS_LABELS: Record<NegotiationStatus, Text> = {
  not_started: { id: 'Belum dimulai', en: 'Not started' },
  in_discussion: { id: 'Dalam pembahasan', en: 'In discussion' },
  agreed: { id: 'Disepakati', en: 'Agreed' },
  agreed_with_changes: { id: 'Disepakati dengan perubahan', en: 'Agreed with changes' },
  declined: { id: 'Ditolak', en: 'Declined' },
  adopted: { id: 'Diadopsi dalam rencana aksi', en: 'Adopted in the action plan' },
};

/** Statuses that end a stage of the negotiation: each needs a reasoned explanation. */
export const FINAL_NEGOTIATION_STATUSES: readonly NegotiationStatus[] = [
  'agreed',
  'agreed_with_changes',
  'declined',
  'adopted',
];

/**
 * Ordinary transitions. Leaving a final status other than towards adoption takes an explicit `reopen`
 * back to in_discussion, so a published agreement is never undone by a stray edit.
 */
export const NEGOTIATION_TRANSITIONS: Readonly<Record<NegotiationStatus, readonly NegotiationStatus[]>> = {
  not_started: ['in_discussion'],
  in_discussion: ['agreed', 'agreed_with_changes', 'declined'],
  agreed: ['adopted'],
  agreed_with_changes: ['adopted'],
  declined: [],
  adopted: [],
};
export const NEGOTIATION_REOPEN_TO: NegotiationStatus = 'in_discussion';

export const AGENCY_POSITIONS = [
  'pending',
  'supports',
  'supports_with_changes',
  'needs_budget',
  'declines',
] as const;
export type AgencyPosition = (typeof AGENCY_POSITIONS)[number];

export const AGENCY_POSITION_LABELS: Record<AgencyPosition, Text> = {
  pending: { id: 'Belum menjawab', en: 'Pending' },
  supports: { id: 'Mendukung', en: 'Supports' },
  supports_with_changes: { id: 'Mendukung dengan perubahan', en: 'Supports with changes' },
  needs_budget: { id: 'Perlu anggaran', en: 'Needs budget' },
  declines: { id: 'Menolak', en: 'Declines' },
};

export const AGENCY_ROLES = ['lead', 'supporting'] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];

export const AGENCY_ROLE_LABELS: Record<AgencyRole, Text> = {
  lead: { id: 'Utama', en: 'Lead' },
  supporting: { id: 'Pendukung', en: 'Supporting' },
};

/** How an agency's answer reached the secretariat. */
export const RESPONSE_CHANNELS = ['form', 'meeting', 'letter', 'email', 'phone', 'other'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

export const RESPONSE_CHANNEL_LABELS: Record<ResponseChannel, Text> = {
  form: { id: 'Formulir tanggapan', en: 'Response form' },
  meeting: { id: 'Rapat', en: 'Meeting' },
  letter: { id: 'Surat resmi', en: 'Official letter' },
  email: { id: 'Email', en: 'Email' },
  phone: { id: 'Telepon', en: 'Phone' },
  other: { id: 'Lainnya', en: 'Other' },
};

export const MEETING_TYPES = [
  'bilateral',
  'multi_stakeholder',
  'technical',
  'public_consultation',
  'other',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_TYPE_LABELS: Record<MeetingType, Text> = {
  bilateral: { id: 'Rapat bilateral', en: 'Bilateral meeting' },
  multi_stakeholder: { id: 'Forum multipihak', en: 'Multi-stakeholder forum' },
  technical: { id: 'Rapat teknis', en: 'Technical meeting' },
  public_consultation: { id: 'Konsultasi publik', en: 'Public consultation' },
  other: { id: 'Lainnya', en: 'Other' },
};

/** One agency's part in a commitment. The agency is an institution (public), never a person. */
export interface AgencyInvolvement {
  agency: string;
  role: AgencyRole;
  position: AgencyPosition;
  /** When it answered (ISO); null while pending. */
  respondedAt: string | null;
  channel: ResponseChannel | null;
  note: string;
}

export interface Meeting {
  /** Stable id: given, or derived from date, type and organisations. */
  id: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  type: MeetingType;
  organisations: string[];
  decisions: string;
  /** https link to the minutes, or null. */
  minutesUrl: string | null;
}

/** One version of the commitment's text: revision 1 is the CSO text from consolidation. */
export interface TextRevision {
  revision: number;
  source: 'cso' | 'negotiation';
  text: CommitmentText;
  at: string;
  actor: string;
  /** The parts that differ from the previous revision (all parts for the CSO text). */
  changed: TextField[];
  note?: string;
}

export type NegotiationFieldValue = string | number | null;

export interface NegotiationFieldChange {
  /** `status`, `reasonedResponse`, `nextMeeting`, `text.<part>`, `meeting`, or `agency[<name>].<field>`. */
  field: string;
  from: NegotiationFieldValue;
  to: NegotiationFieldValue;
}

export interface NegotiationEvent {
  at: string;
  actor: string;
  action: 'negotiation' | 'reopen' | 'start';
  /** The state version this event produced. */
  version: number;
  changes: NegotiationFieldChange[];
  /** The agency-form response this event came from (each is applied once). */
  responseId?: string;
  note?: string;
}

export interface NegotiationState {
  /** The commitment being negotiated (shared/consolidation/consolidation.ts Commitment.id). */
  commitmentId: string;
  title: string;
  /** proposal -> commitment -> negotiated commitment: the source proposals, first the primary one. */
  sourceProposalIds: string[];
  status: NegotiationStatus;
  /** Optimistic concurrency: a change names the version it was made against. */
  version: number;
  agencies: AgencyInvolvement[];
  /**
   * Oldest first; texts[0] is the CSO text and the last is the latest. As stored, only those two (the
   * store keeps every revision as its own item): count revisions with latestText(state).revision.
   */
  texts: TextRevision[];
  meetings: Meeting[];
  /** ISO date of the next planned meeting, or null. */
  nextMeeting: string | null;
  reasonedResponse: string;
  startedAt: string;
  updatedAt: string;
  /** Events in order; as stored, only the tail (shared/review auditTail): the store keeps every event whole. */
  audit: NegotiationEvent[];
  /**
   * Since when each agency (by agencyKey) is waited on: the latest event that added it or set it back to
   * pending. Kept here because the stored audit is only a tail; absent on states never changed since.
   */
  waitingSince?: Record<string, string>;
}

/** What a change may say about one agency (matched by name, case and spacing ignored). */
export interface AgencyChange {
  agency: string;
  role?: AgencyRole;
  position?: AgencyPosition;
  /** Defaults to now when the position moves away from pending. */
  respondedAt?: string | null;
  channel?: ResponseChannel | null;
  note?: string;
  /** Takes the agency off the commitment. */
  remove?: boolean;
}

export type MeetingInput = Omit<Meeting, 'id'> & { id?: string };

export interface NegotiationChange {
  expectedVersion: number;
  status?: NegotiationStatus;
  /** Required to move a final status back to in_discussion. */
  reopen?: boolean;
  reasonedResponse?: string;
  agencies?: AgencyChange[];
  /** Parts of a new text revision; parts left out keep the latest revision's value. */
  text?: Partial<CommitmentText>;
  meetings?: MeetingInput[];
  nextMeeting?: string | null;
  /** The agency-form response this change comes from: a response already applied is refused as such. */
  responseId?: string;
  note?: string;
}

export type NegotiationRefusalCode =
  | 'actor_required'
  | 'stale_version'
  | 'illegal_transition'
  | 'reason_required'
  | 'lead_required'
  | 'lead_must_support'
  | 'unknown_agency'
  | 'invalid_value'
  | 'text_locked'
  | 'changes_required'
  | 'already_applied'
  | 'no_change';

export interface NegotiationRefusal {
  ok: false;
  code: NegotiationRefusalCode;
  message: Text;
}

export type NegotiationOutcome =
  | { ok: true; state: NegotiationState; event: NegotiationEvent }
  | NegotiationRefusal;

// Reading a state.

export function isFinalNegotiation(status: NegotiationStatus): boolean {
  return FINAL_NEGOTIATION_STATUSES.includes(status);
}

/** Whether an ordinary change (or a reopen) may move `from` to `to`. */
export function canMoveNegotiation(from: NegotiationStatus, to: NegotiationStatus, reopen = false): boolean {
  if (from === to) return true;
  if (NEGOTIATION_TRANSITIONS[from].includes(to)) return true;
  return reopen && isFinalNegotiation(from) && to === NEGOTIATION_REOPEN_TO;
}

/** Agency names compare without case or extra spaces ("Kementerian  keuangan" is "Kementerian Keuangan"). */
export function agencyKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

export const isIsoDate = (s: unknown): s is string =>
  typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export function meetingId(m: Pick<Meeting, 'date' | 'type' | 'organisations'>): string {
  const orgs = m.organisations.map(agencyKey).sort().join('|');
  return `m_${stableHash(`meeting|${m.date}|${m.type}|${orgs}`)}`;
}

/** The latest text revision (the CSO text until a revision is made). */
export function latestText(state: Pick<NegotiationState, 'texts'>): TextRevision {
  return state.texts[state.texts.length - 1] as TextRevision;
}

/** One part of the latest text as a string (milestones one per line). */
export function fieldTextOf(state: Pick<NegotiationState, 'texts'>, part: TextField): string {
  return fieldText(latestText(state).text, part);
}

export function leadAgency(state: Pick<NegotiationState, 'agencies'>): AgencyInvolvement | undefined {
  return state.agencies.find((a) => a.role === 'lead');
}

/** The latest event that added each agency or set it back to pending, read from the (stored) audit. */
export function waitingSinceOf(
  state: Pick<NegotiationState, 'audit' | 'waitingSince'>,
): Record<string, string> {
  if (state.waitingSince) return state.waitingSince;
  const out: Record<string, string> = {};
  for (const e of state.audit)
    for (const c of e.changes) {
      const m = /^agency\[(.*)\](\.position)?$/.exec(c.field);
      if (m && (m[2] ? c.to === 'pending' : c.from === null)) out[agencyKey(m[1] ?? '')] = e.at;
    }
  return out;
}

/**
 * Whether an agency-form response is among the state's (recent) events. The store keeps one marker per
 * applied response for those older than the stored tail (NegotiationStore.hasAnswer).
 */
export function hasResponse(state: NegotiationState, responseId: string): boolean {
  return state.audit.some((e) => e.responseId === responseId);
}
