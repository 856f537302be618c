// The rules of one commitment's negotiation with agencies (K/L): start it, apply a change (agencies, text
// revisions, meetings, status with a reasoned explanation). Pure: the next state or a typed refusal.
import { MIN_REASON_LENGTH } from '../review/review';
import { type CommitmentText, changedFields, normaliseText } from './commitment-text';
import {
  AGENCY_POSITION_LABELS,
  AGENCY_POSITIONS,
  AGENCY_ROLES,
  type AgencyChange,
  type AgencyInvolvement,
  type AgencyRole,
  agencyKey,
  canMoveNegotiation,
  hasResponse,
  isFinalNegotiation,
  isIsoDate,
  latestText,
  leadAgency,
  MEETING_TYPES,
  type Meeting,
  type MeetingInput,
  meetingId,
  NEGOTIATION_REOPEN_TO,
  NEGOTIATION_STATUS_LABELS,
  NEGOTIATION_STATUSES,
  NEGOTIATION_TRANSITIONS,
  type NegotiationChange,
  type NegotiationEvent,
  type NegotiationFieldChange,
  type NegotiationFieldValue,
  type NegotiationOutcome,
  type NegotiationRefusal,
  type NegotiationRefusalCode,
  type NegotiationState,
  type NegotiationStatus,
  RESPONSE_CHANNELS,
  type TextRevision,
  waitingSinceOf,
} from './negotiation-vocabulary';

// The vocabulary and the state's shape live in negotiation-vocabulary.ts; re-exported for existing importers.
export * from './negotiation-vocabulary';

const refuse = (code: NegotiationRefusalCode, id: string, en: string): NegotiationRefusal => ({
  ok: false,
  code,
  message: { id, en },
});

const statusLabel = (s: NegotiationStatus) => NEGOTIATION_STATUS_LABELS[s];

export interface StartNegotiation {
  commitmentId: string;
  title: string;
  sourceProposalIds: readonly string[];
  /** The CSO text from consolidation. */
  csoText: CommitmentText;
  /** The lead agency; defaults to the CSO text's lead agency. */
  leadAgency?: string;
  supporting?: readonly string[];
}

/**
 * A commitment enters negotiation: status not_started, version 1, the CSO text as revision 1, the lead
 * agency (and any supporting ones) pending. Refused only without an actor.
 */
export function startNegotiation(
  input: StartNegotiation,
  actor: string,
  nowIso: string,
): { ok: true; state: NegotiationState } | NegotiationRefusal {
  if (!actor.trim())
    return refuse('actor_required', 'Perubahan harus mencatat pelakunya', 'A change must name its actor');
  const text = normaliseText(input.csoText);
  const lead = (input.leadAgency ?? text.leadAgency).replace(/\s+/g, ' ').trim();
  const pending = (agency: string, role: AgencyRole): AgencyInvolvement => ({
    agency,
    role,
    position: 'pending',
    respondedAt: null,
    channel: null,
    note: '',
  });
  // Without a lead agency the negotiation waits in not_started until the secretariat names one.
  const agencies = lead ? [pending(lead, 'lead')] : [];
  for (const s of input.supporting ?? []) {
    const name = s.replace(/\s+/g, ' ').trim();
    if (name && !agencies.some((a) => agencyKey(a.agency) === agencyKey(name)))
      agencies.push(pending(name, agencies.length ? 'supporting' : 'lead'));
  }
  return {
    ok: true,
    state: {
      commitmentId: input.commitmentId,
      title: input.title.trim(),
      sourceProposalIds: [...input.sourceProposalIds],
      status: 'not_started',
      version: 1,
      agencies,
      texts: [
        {
          revision: 1,
          source: 'cso',
          text: { ...text, leadAgency: text.leadAgency || lead },
          at: nowIso,
          actor: actor.trim(),
          changed: [],
        },
      ],
      meetings: [],
      nextMeeting: null,
      reasonedResponse: '',
      startedAt: nowIso,
      updatedAt: nowIso,
      audit: [],
    },
  };
}

const HTTPS = /^https:\/\/\S{1,2000}$/;

function validMeeting(m: MeetingInput): NegotiationRefusal | Meeting {
  if (!isIsoDate(m.date))
    return refuse(
      'invalid_value',
      `Tanggal rapat tidak valid: ${String(m.date)}`,
      `Invalid meeting date: ${String(m.date)}`,
    );
  if (!MEETING_TYPES.includes(m.type))
    return refuse(
      'invalid_value',
      `Jenis rapat tidak dikenal: ${String(m.type)}`,
      `Unknown meeting type: ${String(m.type)}`,
    );
  const organisations = (m.organisations ?? []).map((o) => o.replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (!organisations.length)
    return refuse(
      'invalid_value',
      'Rapat harus mencatat organisasi yang hadir',
      'A meeting must list the organisations present',
    );
  const url = (m.minutesUrl ?? '').trim();
  if (url && !HTTPS.test(url))
    return refuse('invalid_value', 'Tautan notulen harus https', 'The minutes link must be an https URL');
  const meeting = {
    date: m.date,
    type: m.type,
    organisations,
    decisions: (m.decisions ?? '').trim(),
    minutesUrl: url || null,
  };
  return { id: m.id?.trim() || meetingId(meeting), ...meeting };
}

function applyAgencies(
  agencies: AgencyInvolvement[],
  changes: readonly AgencyChange[],
  nowIso: string,
): NegotiationRefusal | AgencyInvolvement[] {
  const next = agencies.map((a) => ({ ...a }));
  for (const c of changes) {
    const name = (c.agency ?? '').replace(/\s+/g, ' ').trim();
    if (!name) return refuse('invalid_value', 'Nama instansi wajib diisi', 'The agency name is required');
    if (c.role !== undefined && !AGENCY_ROLES.includes(c.role))
      return refuse(
        'invalid_value',
        `Peran tidak dikenal: ${String(c.role)}`,
        `Unknown role: ${String(c.role)}`,
      );
    if (c.position !== undefined && !AGENCY_POSITIONS.includes(c.position))
      return refuse(
        'invalid_value',
        `Posisi tidak dikenal: ${String(c.position)}`,
        `Unknown position: ${String(c.position)}`,
      );
    if (c.channel !== undefined && c.channel !== null && !RESPONSE_CHANNELS.includes(c.channel))
      return refuse(
        'invalid_value',
        `Saluran tidak dikenal: ${String(c.channel)}`,
        `Unknown channel: ${String(c.channel)}`,
      );
    if (c.respondedAt !== undefined && c.respondedAt !== null && Number.isNaN(Date.parse(c.respondedAt)))
      return refuse('invalid_value', 'Waktu jawaban tidak valid', 'Invalid answer time');
    const at = next.findIndex((a) => agencyKey(a.agency) === agencyKey(name));
    if (c.remove) {
      if (at < 0)
        return refuse('unknown_agency', `Instansi ${name} tidak terlibat`, `Agency ${name} is not involved`);
      next.splice(at, 1);
      continue;
    }
    const current: AgencyInvolvement =
      at >= 0
        ? (next[at] as AgencyInvolvement)
        : {
            agency: name,
            role: 'supporting',
            position: 'pending',
            respondedAt: null,
            channel: null,
            note: '',
          };
    const position = c.position ?? current.position;
    const moved = position !== current.position;
    const updated: AgencyInvolvement = {
      ...current,
      role: c.role ?? current.role,
      position,
      respondedAt:
        position === 'pending'
          ? null
          : c.respondedAt !== undefined
            ? c.respondedAt
            : moved
              ? nowIso
              : current.respondedAt,
      channel: position === 'pending' ? null : c.channel !== undefined ? c.channel : current.channel,
      note: c.note !== undefined ? c.note.trim() : current.note,
    };
    if (updated.role === 'lead') for (const a of next) if (a !== current) a.role = 'supporting';
    if (at >= 0) next[at] = updated;
    else next.push(updated);
  }
  return next;
}

/**
 * Applies a change. Returns the next state (version + 1, one audit event) or a typed refusal with a
 * bilingual message. Rules: the version must be current; status moves only along NEGOTIATION_TRANSITIONS
 * (or a reopen); every final status needs a reasoned explanation; agreeing needs a lead agency that
 * supports; agreed_with_changes needs a text that differs from the CSO text; the text is locked while a
 * final status stands. A not-started negotiation moves into discussion with its first answer or meeting.
 */
export function applyNegotiation(
  current: NegotiationState,
  change: NegotiationChange,
  actor: string,
  nowIso: string,
): NegotiationOutcome {
  if (!actor.trim())
    return refuse('actor_required', 'Perubahan harus mencatat pelakunya', 'A change must name its actor');
  if (change.responseId && hasResponse(current, change.responseId))
    return refuse(
      'already_applied',
      `Tanggapan ${change.responseId} sudah dicatat`,
      `Response ${change.responseId} was already recorded`,
    );
  if (change.expectedVersion !== current.version)
    return refuse(
      'stale_version',
      `Data sudah diubah orang lain (versi ${current.version}, bukan ${change.expectedVersion}); muat ulang lalu coba lagi`,
      `Someone else changed this negotiation (version ${current.version}, not ${change.expectedVersion}); reload and try again`,
    );
  if (change.status !== undefined && !NEGOTIATION_STATUSES.includes(change.status))
    return refuse(
      'illegal_transition',
      `Status tidak dikenal: ${String(change.status)}`,
      `Unknown status: ${String(change.status)}`,
    );

  const agencies = applyAgencies(current.agencies, change.agencies ?? [], nowIso);
  if (!Array.isArray(agencies)) return agencies;

  const meetings = [...current.meetings];
  for (const input of change.meetings ?? []) {
    const m = validMeeting(input);
    if ('ok' in m) return m;
    const at = meetings.findIndex((x) => x.id === m.id);
    if (at >= 0) meetings[at] = m;
    else meetings.push(m);
  }
  meetings.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));

  if (change.nextMeeting !== undefined && change.nextMeeting !== null && !isIsoDate(change.nextMeeting))
    return refuse(
      'invalid_value',
      `Tanggal rapat berikutnya tidak valid: ${change.nextMeeting}`,
      `Invalid next meeting date: ${change.nextMeeting}`,
    );

  // A first answer or meeting means the discussion has started.
  const startsDiscussion =
    current.status === 'not_started' &&
    change.status === undefined &&
    (agencies.some((a) => a.position !== 'pending') || meetings.length > current.meetings.length);
  const to = change.status ?? (startsDiscussion ? 'in_discussion' : current.status);
  const reopening = isFinalNegotiation(current.status) && to === NEGOTIATION_REOPEN_TO;
  if (!canMoveNegotiation(current.status, to, change.reopen === true)) {
    const allowed = NEGOTIATION_TRANSITIONS[current.status];
    const list = (lang: 'id' | 'en') =>
      [...allowed, ...(isFinalNegotiation(current.status) ? [NEGOTIATION_REOPEN_TO] : [])]
        .map((s) => statusLabel(s)[lang])
        .join(', ') || '-';
    return refuse(
      'illegal_transition',
      `Status negosiasi tidak dapat diubah dari ${statusLabel(current.status).id} ke ${statusLabel(to).id}; yang diizinkan: ${list('id')}${isFinalNegotiation(current.status) ? ' (buka kembali dengan reopen)' : ''}`,
      `Negotiation status cannot change from ${statusLabel(current.status).en} to ${statusLabel(to).en}; allowed: ${list('en')}${isFinalNegotiation(current.status) ? ' (reopen to go back)' : ''}`,
    );
  }

  const texts = [...current.texts];
  if (change.text) {
    // The agreed text stands while a final status does: reopen the negotiation to revise it.
    if (isFinalNegotiation(current.status) && !reopening)
      return refuse(
        'text_locked',
        `Teks komitmen terkunci selama status ${statusLabel(current.status).id}; buka kembali negosiasi untuk merevisinya`,
        `The commitment text is locked while the status is ${statusLabel(current.status).en}; reopen the negotiation to revise it`,
      );
    const before = latestText(current);
    const text = normaliseText({ ...before.text, ...change.text });
    const changed = changedFields(before.text, text);
    if (changed.length) {
      texts.push({
        revision: before.revision + 1,
        source: 'negotiation',
        text,
        at: nowIso,
        actor: actor.trim(),
        changed,
        ...(change.note?.trim() ? { note: change.note.trim() } : {}),
      });
    }
  }

  const next: NegotiationState = {
    ...current,
    status: to,
    agencies,
    texts,
    meetings,
    nextMeeting: change.nextMeeting === undefined ? current.nextMeeting : change.nextMeeting,
    reasonedResponse:
      change.reasonedResponse === undefined ? current.reasonedResponse : change.reasonedResponse.trim(),
  };

  // Invariants of the resulting state.
  if (agencies.length > 0 && !agencies.some((a) => a.role === 'lead'))
    return refuse(
      'lead_required',
      'Satu instansi harus menjadi pelaksana utama',
      'One agency must be the lead agency',
    );
  if (agencies.length === 0 && to !== 'not_started')
    return refuse(
      'lead_required',
      'Negosiasi membutuhkan instansi pelaksana utama',
      'A negotiation needs a lead agency',
    );
  if (isFinalNegotiation(to) && next.reasonedResponse.length < MIN_REASON_LENGTH)
    return refuse(
      'reason_required',
      `Status ${statusLabel(to).id} wajib disertai penjelasan beralasan (minimal ${MIN_REASON_LENGTH} karakter)`,
      `A ${statusLabel(to).en} status needs a reasoned explanation (at least ${MIN_REASON_LENGTH} characters)`,
    );
  if ((to === 'agreed' || to === 'agreed_with_changes') && to !== current.status) {
    const lead = leadAgency(next);
    if (!lead || (lead.position !== 'supports' && lead.position !== 'supports_with_changes'))
      return refuse(
        'lead_must_support',
        `Kesepakatan membutuhkan dukungan instansi utama${lead ? ` (${lead.agency}: ${AGENCY_POSITION_LABELS[lead.position].id})` : ''}`,
        `An agreement needs the lead agency's support${lead ? ` (${lead.agency}: ${AGENCY_POSITION_LABELS[lead.position].en})` : ''}`,
      );
  }
  if (
    to === 'agreed_with_changes' &&
    changedFields((texts[0] as TextRevision).text, latestText(next).text).length === 0
  )
    return refuse(
      'changes_required',
      'Disepakati dengan perubahan membutuhkan teks yang berbeda dari teks OMS; catat revisinya',
      'Agreed with changes needs a text that differs from the CSO text; record the revision',
    );

  const changes = diffStates(current, next);
  if (changes.length === 0) return refuse('no_change', 'Tidak ada yang berubah', 'Nothing changed');
  const note = change.note?.trim();
  const event: NegotiationEvent = {
    at: nowIso,
    actor: actor.trim(),
    action: reopening ? 'reopen' : 'negotiation',
    version: current.version + 1,
    changes,
    ...(change.responseId ? { responseId: change.responseId } : {}),
    ...(note ? { note } : {}),
  };
  return {
    ok: true,
    state: {
      ...next,
      version: event.version,
      updatedAt: nowIso,
      audit: [...current.audit, event],
      waitingSince: waitingSince(current, agencies, event),
    },
    event,
  };
}

/** waitingSince after an event: agencies it added or set back to pending wait from now; removed ones not. */
function waitingSince(
  current: NegotiationState,
  agencies: readonly AgencyInvolvement[],
  event: NegotiationEvent,
): Record<string, string> {
  const out = { ...waitingSinceOf(current), ...waitingSinceOf({ audit: [event] }) };
  for (const key of Object.keys(out)) if (!agencies.some((a) => agencyKey(a.agency) === key)) delete out[key];
  return out;
}

function diffStates(a: NegotiationState, b: NegotiationState): NegotiationFieldChange[] {
  const out: NegotiationFieldChange[] = [];
  const add = (field: string, from: NegotiationFieldValue, to: NegotiationFieldValue) => {
    if (from !== to) out.push({ field, from, to });
  };
  add('status', a.status, b.status);
  add('reasonedResponse', a.reasonedResponse, b.reasonedResponse);
  add('nextMeeting', a.nextMeeting, b.nextMeeting);
  const before = new Map(a.agencies.map((x) => [agencyKey(x.agency), x]));
  const after = new Map(b.agencies.map((x) => [agencyKey(x.agency), x]));
  for (const [key, x] of after) {
    const y = before.get(key);
    const f = (name: string) => `agency[${x.agency}].${name}`;
    if (!y) {
      add(`agency[${x.agency}]`, null, x.role);
      if (x.position !== 'pending') add(f('position'), 'pending', x.position);
      continue;
    }
    add(f('role'), y.role, x.role);
    add(f('position'), y.position, x.position);
    add(f('respondedAt'), y.respondedAt, x.respondedAt);
    add(f('channel'), y.channel, x.channel);
    add(f('note'), y.note, x.note);
  }
  for (const [key, y] of before) if (!after.has(key)) add(`agency[${y.agency}]`, y.role, null);
  const rev = latestText(b);
  if (rev.revision > latestText(a).revision)
    for (const f of rev.changed) add(`text.${f}`, latestText(a).revision, rev.revision);
  const known = new Map(a.meetings.map((m) => [m.id, JSON.stringify(m)]));
  for (const m of b.meetings)
    if (known.get(m.id) !== JSON.stringify(m)) add('meeting', null, `${m.date} ${m.type}`);
  return out;
}
