// Focal points: the people at an agency who answer for it. Personal data: kept only where the secretariat
// alone reads it (its own store item and the reminder email to that person), never in the negotiation
// state, the open data, the digest to working groups or the review spreadsheet.
import type { Text } from '../platform/i18n';
import { agencyKey } from './negotiation';

export interface FocalPoint {
  agency: string;
  name: string;
  email: string;
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[a-z]{2,}$/i;

export type FocalPointRefusal = { ok: false; message: Text };

/** Checks a focal point typed by the secretariat; the address must look like one (SES accepts anything). */
export function parseFocalPoint(input: unknown): { ok: true; focalPoint: FocalPoint } | FocalPointRefusal {
  const r = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const s = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '');
  const agency = s(r.agency);
  const name = s(r.name);
  const email = s(r.email).toLowerCase();
  if (!agency || agency.length > 200)
    return {
      ok: false,
      message: { id: 'Nama instansi wajib (maks. 200)', en: 'Agency name required (max 200)' },
    };
  if (!name || name.length > 200)
    return {
      ok: false,
      message: { id: 'Nama narahubung wajib (maks. 200)', en: 'Focal point name required (max 200)' },
    };
  if (!EMAIL.test(email) || email.length > 254)
    return { ok: false, message: { id: `Email tidak valid: ${email}`, en: `Invalid email: ${email}` } };
  return { ok: true, focalPoint: { agency, name, email } };
}

/** The focal points of one agency (several people may answer for it). */
export function focalPointsOf(all: readonly FocalPoint[], agency: string): FocalPoint[] {
  const key = agencyKey(agency);
  return all.filter((f) => agencyKey(f.agency) === key);
}
