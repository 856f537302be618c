// The negotiation tab of the review spreadsheet: one row per commitment and agency, its columns defined
// once here (Apps Script setup, the edit trigger and the refresh read them). Commitment-wide cells (agreed
// text, next meeting, status, reasoned response) repeat on each agency row of the commitment. No focal
// point appears here: working groups open this spreadsheet.
import type { Text } from '../../platform/i18n';
import { fieldText } from '../commitment-text';
import {
  AGENCY_POSITION_LABELS,
  AGENCY_POSITIONS,
  AGENCY_ROLE_LABELS,
  type AgencyPosition,
  latestText,
  NEGOTIATION_STATUS_LABELS,
  NEGOTIATION_STATUSES,
  type NegotiationFieldValue,
  type NegotiationState,
  type NegotiationStatus,
} from '../negotiation';
import type { NegotiationField } from '../negotiation-api';

export const NEGOTIATION_TAB = 'Negosiasi K/L';

export type NegotiationColumnKey =
  | 'commitmentId'
  | 'version'
  | 'title'
  | 'agency'
  | 'role'
  | 'position'
  | 'agreedText'
  | 'nextMeeting'
  | 'note'
  | 'status'
  | 'reasonedResponse'
  | 'responseLink'
  | 'syncNote';

export interface NegotiationColumn {
  key: NegotiationColumnKey;
  header: Text;
  system: boolean;
  /** The API field an edit of this column changes. */
  field?: NegotiationField;
  choices?: string[];
  width?: number;
}

export const positionCell = (p: AgencyPosition) =>
  `${AGENCY_POSITION_LABELS[p].id} / ${AGENCY_POSITION_LABELS[p].en}`;
export const negotiationStatusCell = (s: NegotiationStatus) =>
  `${NEGOTIATION_STATUS_LABELS[s].id} / ${NEGOTIATION_STATUS_LABELS[s].en}`;

export const NEGOTIATION_COLUMNS: readonly NegotiationColumn[] = [
  { key: 'commitmentId', header: { id: 'ID komitmen', en: 'Commitment ID' }, system: true, width: 160 },
  { key: 'version', header: { id: 'Versi', en: 'Version' }, system: true, width: 60 },
  { key: 'title', header: { id: 'Komitmen', en: 'Commitment' }, system: true, width: 300 },
  { key: 'agency', header: { id: 'Instansi (K/L)', en: 'Agency' }, system: true, width: 220 },
  { key: 'role', header: { id: 'Peran', en: 'Role' }, system: true, width: 90 },
  {
    key: 'position',
    header: { id: 'Posisi instansi', en: 'Agency position' },
    system: false,
    field: 'position',
    choices: AGENCY_POSITIONS.map(positionCell),
    width: 200,
  },
  {
    key: 'agreedText',
    header: { id: 'Teks aksi yang disepakati', en: 'Agreed action text' },
    system: false,
    field: 'text.action',
    width: 360,
  },
  {
    key: 'nextMeeting',
    header: { id: 'Rapat berikutnya (YYYY-MM-DD)', en: 'Next meeting (YYYY-MM-DD)' },
    system: false,
    field: 'nextMeeting',
    width: 140,
  },
  { key: 'note', header: { id: 'Catatan', en: 'Notes' }, system: false, field: 'note', width: 260 },
  {
    key: 'status',
    header: { id: 'Status negosiasi', en: 'Negotiation status' },
    system: false,
    field: 'status',
    choices: NEGOTIATION_STATUSES.map(negotiationStatusCell),
    width: 220,
  },
  {
    key: 'reasonedResponse',
    header: { id: 'Penjelasan beralasan', en: 'Reasoned explanation' },
    system: false,
    field: 'reasonedResponse',
    width: 320,
  },
  {
    key: 'responseLink',
    header: { id: 'Tautan formulir instansi', en: 'Agency form link' },
    system: true,
    width: 200,
  },
  { key: 'syncNote', header: { id: 'Catatan sinkronisasi', en: 'Sync note' }, system: true, width: 260 },
];

export const negotiationColumnIndex = (key: NegotiationColumnKey) =>
  NEGOTIATION_COLUMNS.findIndex((c) => c.key === key);

export function negotiationHeaderRow(): string[] {
  return NEGOTIATION_COLUMNS.map((c) => `${c.header.id} / ${c.header.en}`);
}

/** The tab's rows of one negotiation: one per agency (one row without an agency when none is named yet). */
export function negotiationRows(
  state: NegotiationState,
  link: (commitmentId: string, agency: string) => string = () => '',
  syncNote = '',
): (string | number)[][] {
  const agencies = state.agencies.length ? state.agencies : [null];
  return agencies.map((a) =>
    NEGOTIATION_COLUMNS.map((c): string | number => {
      switch (c.key) {
        case 'commitmentId':
          return state.commitmentId;
        case 'version':
          return state.version;
        case 'title':
          return state.title;
        case 'agency':
          return a?.agency ?? '';
        case 'role':
          return a ? `${AGENCY_ROLE_LABELS[a.role].id} / ${AGENCY_ROLE_LABELS[a.role].en}` : '';
        case 'position':
          return a ? positionCell(a.position) : '';
        case 'agreedText':
          return fieldText(latestText(state).text, 'action');
        case 'nextMeeting':
          return state.nextMeeting ?? '';
        case 'note':
          return a?.note ?? '';
        case 'status':
          return negotiationStatusCell(state.status);
        case 'reasonedResponse':
          return state.reasonedResponse;
        case 'responseLink':
          return a ? link(state.commitmentId, a.agency) : '';
        default:
          return syncNote;
      }
    }),
  );
}

/** A cell as the API value of its column: dropdown labels back to their codes, dates to YYYY-MM-DD. */
export function negotiationCellValue(
  key: NegotiationColumnKey,
  cell: unknown,
  timeZone = 'Asia/Jakarta',
): NegotiationFieldValue {
  // Sheets gives a typed date as a Date (from another realm in a simulation: no instanceof), at midnight
  // in the spreadsheet's time zone.
  if (Object.prototype.toString.call(cell) === '[object Date]') {
    const d = cell as Date;
    if (Number.isNaN(d.getTime())) return null;
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(d);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')}`;
  }
  // The Sheets API (UNFORMATTED_VALUE) gives a date as a serial number: days since 1899-12-30
  // (developers.google.com/sheets/api/reference/rest/v4/DateTimeRenderOption).
  if (key === 'nextMeeting' && typeof cell === 'number' && Number.isFinite(cell))
    return new Date(Date.UTC(1899, 11, 30) + Math.floor(cell) * 86_400_000).toISOString().slice(0, 10);
  const text = cell === null || cell === undefined ? '' : String(cell).trim();
  if (key === 'position') {
    const code = AGENCY_POSITIONS.find((p) => text === positionCell(p) || text === p);
    return code ?? (text || null);
  }
  if (key === 'status') {
    const code = NEGOTIATION_STATUSES.find((s) => text === negotiationStatusCell(s) || text === s);
    return code ?? (text || null);
  }
  if (key === 'nextMeeting') return text || null;
  return text;
}
