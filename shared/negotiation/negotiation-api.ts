// POST /v1/negotiations: edits of the negotiation tab (one row per commitment and agency) and answers from
// the agency-response form, applied with the same optimistic concurrency as review edits. An edit names
// the version it was made against and, per field, the value it replaced: a stale edit whose fields nobody
// else touched is rebased, a real conflict is refused with both values. An agency-form answer carries its
// response id instead of a version and is applied exactly once.
import { DomainError } from '../platform/errors';
import type { Text } from '../platform/i18n';
import { parseMilestoneLines, TEXT_FIELDS, type TextField } from './commitment-text';
import { type FocalPoint, parseFocalPoint } from './focal-point';
import {
  AGENCY_POSITIONS,
  AGENCY_ROLES,
  type AgencyChange,
  type AgencyPosition,
  type AgencyRole,
  agencyKey,
  applyNegotiation,
  fieldTextOf,
  hasResponse,
  type MeetingInput,
  type NegotiationChange,
  type NegotiationFieldValue,
  type NegotiationRefusalCode,
  type NegotiationState,
  type NegotiationStatus,
  RESPONSE_CHANNELS,
  type ResponseChannel,
} from './negotiation';

export const MAX_NEGOTIATION_EDITS = 200;
const MAX_TEXT = 5000;

/** Fields of the commitment as a whole. */
export const COMMITMENT_FIELDS = [
  'status',
  'reasonedResponse',
  'nextMeeting',
  ...TEXT_FIELDS.map((f) => `text.${f}` as const),
] as const;
/** Fields of one agency on the commitment (the edit names the agency). */
export const AGENCY_FIELDS = ['role', 'position', 'channel', 'respondedAt', 'note'] as const;
export type CommitmentField = (typeof COMMITMENT_FIELDS)[number];
export type AgencyField = (typeof AGENCY_FIELDS)[number];
export type NegotiationField = CommitmentField | AgencyField;

export interface NegotiationFieldEdit {
  field: NegotiationField;
  /** The value replaced, when known (a single-cell edit): what a stale edit is rebased on. */
  from?: NegotiationFieldValue;
  to: NegotiationFieldValue;
}

export interface NegotiationEdit {
  commitmentId: string;
  /** The agency of the row: required for agency fields, and names the agency an answer is from. */
  agency?: string;
  /** Absent only for an agency-form answer (which carries responseId). */
  expectedVersion?: number;
  actor: string;
  /** An agency-form response id: the answer is applied once, whatever the version. */
  responseId?: string;
  /** Reopen a final status (back to in discussion). */
  reopen?: boolean;
  changes: NegotiationFieldEdit[];
  meetings?: MeetingInput[];
}

export interface NegotiationEditsBody {
  requestId?: string;
  edits: NegotiationEdit[];
  /** Focal points to record (secretariat only; personal data, never answered back). */
  focalPoints?: FocalPoint[];
  /** Answer with every commitment's current negotiation too (the negotiation tab's refresh). */
  list?: boolean;
}

export type NegotiationEditResult =
  | {
      commitmentId: string;
      agency?: string;
      ok: true;
      version: number;
      rebased: boolean;
      /** The same agency-form response had been applied before: nothing changed now. */
      duplicate?: boolean;
      state: NegotiationState;
    }
  | {
      commitmentId: string;
      agency?: string;
      ok: false;
      code: NegotiationRefusalCode | 'conflict' | 'not_found';
      message: Text;
      state?: NegotiationState;
      conflicts?: { field: NegotiationField; current: NegotiationFieldValue; yours: NegotiationFieldValue }[];
    };

const malformed = (en: string, id: string) => new DomainError('malformed', { id, en });

const isValue = (v: unknown): v is NegotiationFieldValue =>
  v === null || typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));

export const isAgencyField = (f: string): f is AgencyField =>
  (AGENCY_FIELDS as readonly string[]).includes(f);

function parseMeetings(raw: unknown, where: string): MeetingInput[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > 20)
    throw malformed(`${where}.meetings must be a list (max 20)`, `${where}.meetings harus daftar (maks. 20)`);
  return raw.map((m, i) => {
    const r = (m ?? {}) as Record<string, unknown>;
    const s = (v: unknown, max: number) => {
      if (v === undefined || v === null) return '';
      if (typeof v !== 'string' || v.length > max)
        throw malformed(
          `${where}.meetings[${i}] has an invalid field`,
          `${where}.meetings[${i}] tidak valid`,
        );
      return v;
    };
    const orgs = r.organisations;
    if (!Array.isArray(orgs) || orgs.length > 50 || orgs.some((o) => typeof o !== 'string' || o.length > 200))
      throw malformed(
        `${where}.meetings[${i}].organisations must be a list of names`,
        `${where}.meetings[${i}].organisations harus daftar nama`,
      );
    return {
      ...(typeof r.id === 'string' && r.id ? { id: s(r.id, 100) } : {}),
      date: s(r.date, 10),
      type: s(r.type, 40) as MeetingInput['type'],
      organisations: orgs as string[],
      decisions: s(r.decisions, MAX_TEXT),
      minutesUrl: s(r.minutesUrl, 2000) || null,
    };
  });
}

/** Parses and shape-checks a body; throws DomainError('malformed'|'too_large') with the reason. */
export function parseNegotiationEdits(rawBody: string): NegotiationEditsBody {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw malformed('Body is not valid JSON', 'Isi permintaan bukan JSON yang valid');
  }
  const b = json as Record<string, unknown>;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.edits))
    throw malformed('Body must be { "edits": [...] }', 'Isi permintaan harus { "edits": [...] }');
  if (b.edits.length > MAX_NEGOTIATION_EDITS)
    throw new DomainError('too_large', {
      id: `Maksimal ${MAX_NEGOTIATION_EDITS} perubahan per permintaan`,
      en: `At most ${MAX_NEGOTIATION_EDITS} edits per request`,
    });
  const edits = b.edits.map((e, i): NegotiationEdit => {
    const r = (e ?? {}) as Record<string, unknown>;
    const where = `edits[${i}]`;
    if (typeof r.commitmentId !== 'string' || !/^[\w-]{1,100}$/.test(r.commitmentId))
      throw malformed(`${where}.commitmentId is invalid`, `${where}.commitmentId tidak valid`);
    if (r.agency !== undefined && (typeof r.agency !== 'string' || !r.agency.trim() || r.agency.length > 200))
      throw malformed(`${where}.agency must be a name (max 200)`, `${where}.agency harus nama (maks. 200)`);
    if (
      r.responseId !== undefined &&
      (typeof r.responseId !== 'string' || !/^[\w.:-]{1,200}$/.test(r.responseId))
    )
      throw malformed(`${where}.responseId is invalid`, `${where}.responseId tidak valid`);
    if (
      r.expectedVersion === undefined
        ? r.responseId === undefined
        : !Number.isInteger(r.expectedVersion) || (r.expectedVersion as number) < 0
    )
      throw malformed(
        `${where}.expectedVersion must be a whole number (only an agency-form answer with responseId may leave it out)`,
        `${where}.expectedVersion harus bilangan bulat (hanya jawaban formulir instansi dengan responseId yang boleh tanpa versi)`,
      );
    if (typeof r.actor !== 'string' || !r.actor.trim() || r.actor.length > 200)
      throw malformed(`${where}.actor is required`, `${where}.actor wajib`);
    if (!Array.isArray(r.changes) || r.changes.length > 40)
      throw malformed(`${where}.changes must be a list`, `${where}.changes harus daftar`);
    const meetings = parseMeetings(r.meetings, where);
    if (r.changes.length === 0 && meetings.length === 0 && r.reopen !== true)
      throw malformed(`${where} changes nothing`, `${where} tidak mengubah apa pun`);
    const changes = r.changes.map((c, j): NegotiationFieldEdit => {
      const f = (c ?? {}) as Record<string, unknown>;
      const known =
        (COMMITMENT_FIELDS as readonly string[]).includes(f.field as string) ||
        isAgencyField(f.field as string);
      if (!known)
        throw malformed(
          `${where}.changes[${j}].field is not a negotiation field`,
          `${where}.changes[${j}].field bukan kolom negosiasi`,
        );
      if (isAgencyField(f.field as string) && r.agency === undefined)
        throw malformed(
          `${where}.changes[${j}] is an agency field: the edit must name its agency`,
          `${where}.changes[${j}] kolom instansi: sebutkan instansinya`,
        );
      if (!isValue(f.to) || ('from' in f && !isValue(f.from)))
        throw malformed(
          `${where}.changes[${j}] values must be text, numbers or null`,
          `${where}.changes[${j}] harus teks, angka atau null`,
        );
      if (typeof f.to === 'string' && f.to.length > MAX_TEXT)
        throw malformed(`${where}.changes[${j}].to is too long`, `${where}.changes[${j}].to terlalu panjang`);
      return {
        field: f.field as NegotiationField,
        to: f.to,
        ...('from' in f ? { from: f.from as NegotiationFieldValue } : {}),
      };
    });
    return {
      commitmentId: r.commitmentId,
      ...(typeof r.agency === 'string' ? { agency: r.agency.replace(/\s+/g, ' ').trim() } : {}),
      ...(r.expectedVersion !== undefined ? { expectedVersion: r.expectedVersion as number } : {}),
      actor: r.actor.trim(),
      ...(typeof r.responseId === 'string' ? { responseId: r.responseId } : {}),
      ...(r.reopen === true ? { reopen: true } : {}),
      changes,
      ...(meetings.length ? { meetings } : {}),
    };
  });
  let focalPoints: FocalPoint[] | undefined;
  if (b.focalPoints !== undefined) {
    if (!Array.isArray(b.focalPoints) || b.focalPoints.length > 500)
      throw malformed('focalPoints must be a list (max 500)', 'focalPoints harus daftar (maks. 500)');
    focalPoints = b.focalPoints.map((f, i) => {
      const out = parseFocalPoint(f);
      if (!out.ok)
        throw malformed(`focalPoints[${i}]: ${out.message.en}`, `focalPoints[${i}]: ${out.message.id}`);
      return out.focalPoint;
    });
  }
  return {
    ...(typeof b.requestId === 'string' ? { requestId: b.requestId } : {}),
    edits,
    ...(focalPoints ? { focalPoints } : {}),
    ...(b.list === true ? { list: true } : {}),
  };
}

/** The stored value of a field (agency fields of the named agency; null when it is not involved). */
export function negotiationFieldValue(
  state: NegotiationState,
  field: NegotiationField,
  agency?: string,
): NegotiationFieldValue {
  if (isAgencyField(field)) {
    const a = state.agencies.find((x) => agencyKey(x.agency) === agencyKey(agency ?? ''));
    return a ? (a[field] ?? null) : null;
  }
  if (field.startsWith('text.')) return fieldTextOf(state, field.slice(5) as TextField);
  return (state[field as 'status' | 'reasonedResponse' | 'nextMeeting'] ?? null) as NegotiationFieldValue;
}

const same = (a: NegotiationFieldValue | undefined, b: NegotiationFieldValue | undefined) =>
  (a ?? null) === (b ?? null) || String(a ?? '').trim() === String(b ?? '').trim();

const str = (v: NegotiationFieldValue) => (v === null ? '' : String(v));

function invalid(edit: NegotiationEdit, en: string, id: string): NegotiationEditResult {
  return {
    commitmentId: edit.commitmentId,
    ...(edit.agency ? { agency: edit.agency } : {}),
    ok: false,
    code: 'invalid_value',
    message: { id, en },
  };
}

function toChange(edit: NegotiationEdit, expectedVersion: number): NegotiationChange | NegotiationEditResult {
  const change: NegotiationChange = { expectedVersion };
  const agencyChange: AgencyChange | null = edit.agency ? { agency: edit.agency } : null;
  for (const c of edit.changes) {
    const v = c.to;
    switch (c.field) {
      case 'status':
        change.status = str(v) as NegotiationStatus;
        break;
      case 'reasonedResponse':
        change.reasonedResponse = str(v);
        break;
      case 'nextMeeting':
        change.nextMeeting = str(v).trim() || null;
        break;
      case 'role':
        if (!AGENCY_ROLES.includes(str(v) as AgencyRole))
          return invalid(edit, `Unknown role: ${str(v)}`, `Peran tidak dikenal: ${str(v)}`);
        (agencyChange as AgencyChange).role = str(v) as AgencyRole;
        break;
      case 'position':
        if (!AGENCY_POSITIONS.includes(str(v) as AgencyPosition))
          return invalid(edit, `Unknown position: ${str(v)}`, `Posisi tidak dikenal: ${str(v)}`);
        (agencyChange as AgencyChange).position = str(v) as AgencyPosition;
        break;
      case 'channel':
        if (v !== null && str(v) !== '' && !RESPONSE_CHANNELS.includes(str(v) as ResponseChannel))
          return invalid(edit, `Unknown channel: ${str(v)}`, `Saluran tidak dikenal: ${str(v)}`);
        (agencyChange as AgencyChange).channel = str(v) ? (str(v) as ResponseChannel) : null;
        break;
      case 'respondedAt':
        (agencyChange as AgencyChange).respondedAt = str(v) || null;
        break;
      case 'note':
        (agencyChange as AgencyChange).note = str(v);
        break;
      default: {
        const part = c.field.slice(5) as TextField;
        change.text ??= {};
        if (part === 'milestones') change.text.milestones = parseMilestoneLines(str(v));
        else change.text[part] = str(v);
      }
    }
  }
  if (agencyChange && Object.keys(agencyChange).length > 1) change.agencies = [agencyChange];
  if (edit.meetings?.length) change.meetings = edit.meetings;
  if (edit.reopen) change.reopen = true;
  if (edit.responseId) change.responseId = edit.responseId;
  return change;
}

/** The answer to an agency-form response applied before: nothing changes, at the current version. */
export function duplicateAnswer(current: NegotiationState, edit: NegotiationEdit): NegotiationEditResult {
  const base = { commitmentId: edit.commitmentId, ...(edit.agency ? { agency: edit.agency } : {}) };
  return { ...base, ok: true, version: current.version, rebased: false, duplicate: true, state: current };
}

/**
 * Applies one edit to the current state. An agency-form answer (responseId) is applied to whatever is
 * current, once: the same response again is answered as a duplicate, unchanged. A row edit at the current
 * version is applied as is; a stale one is rebased when every changed field still holds the value it
 * replaced, otherwise refused as a conflict listing both values.
 */
export function applyNegotiationEdit(
  current: NegotiationState,
  edit: NegotiationEdit,
  nowIso: string,
): NegotiationEditResult {
  const base = { commitmentId: edit.commitmentId, ...(edit.agency ? { agency: edit.agency } : {}) };
  if (edit.responseId) {
    if (hasResponse(current, edit.responseId)) return duplicateAnswer(current, edit);
    if (!current.agencies.some((a) => agencyKey(a.agency) === agencyKey(edit.agency ?? '')))
      return {
        ...base,
        ok: false,
        code: 'unknown_agency',
        message: {
          id: `Instansi «${edit.agency ?? ''}» tidak terlibat dalam komitmen ${edit.commitmentId}`,
          en: `Agency «${edit.agency ?? ''}» is not involved in commitment ${edit.commitmentId}`,
        },
        state: current,
      };
  }
  let rebased = false;
  const expected =
    edit.responseId && edit.expectedVersion === undefined ? current.version : (edit.expectedVersion ?? -1);
  if (expected !== current.version) {
    const conflicts = edit.changes
      .filter((c) => !('from' in c) || !same(negotiationFieldValue(current, c.field, edit.agency), c.from))
      .filter((c) => !same(negotiationFieldValue(current, c.field, edit.agency), c.to))
      .map((c) => ({
        field: c.field,
        current: negotiationFieldValue(current, c.field, edit.agency),
        yours: c.to,
      }));
    if (conflicts.length)
      return {
        ...base,
        ok: false,
        code: 'conflict',
        message: {
          id: `Bentrok: ${conflicts.map((c) => c.field).join(', ')} sudah diubah orang lain (versi ${current.version}); periksa lalu isi ulang`,
          en: `Conflict: ${conflicts.map((c) => c.field).join(', ')} changed by someone else (version ${current.version}); check and re-enter`,
        },
        state: current,
        conflicts,
      };
    rebased = true;
  }
  // A field already holding the wanted value is no change (the same edit made twice, or by two people).
  const effective: NegotiationEdit = {
    ...edit,
    changes: edit.changes.filter((c) => !same(negotiationFieldValue(current, c.field, edit.agency), c.to)),
  };
  if (!effective.changes.length && !effective.meetings?.length && !effective.reopen && !effective.responseId)
    return { ...base, ok: true, version: current.version, rebased, state: current };
  const change = toChange(effective, current.version);
  if ('ok' in change) return change;
  const outcome = applyNegotiation(current, change, edit.actor, nowIso);
  if (!outcome.ok) {
    if (outcome.code === 'no_change')
      return { ...base, ok: true, version: current.version, rebased, state: current };
    return { ...base, ok: false, code: outcome.code, message: outcome.message, state: current };
  }
  return { ...base, ok: true, version: outcome.state.version, rebased, state: outcome.state };
}

/** What the negotiation tab needs of a state: no audit, only the latest text (keeps the answer small). */
export function sheetSnapshot(state: NegotiationState): NegotiationState {
  return { ...state, audit: [], texts: state.texts.slice(-1) };
}
