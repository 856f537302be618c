// The co-creation round: working groups, period and languages. One definition read by every runtime.
import { EMAIL_ADDRESS } from '../platform/email';
import type { Lang, Text } from '../platform/i18n';

export interface WorkingGroup {
  /** Stable slug used in keys, sheet tab names and routing. */
  id: string;
  name: Text;
  /** Addresses that receive this group's own weekly digest (only its proposals); none: no group digest. */
  contacts?: string[];
}

/** A date people must not miss, shown in the digest while it is upcoming. */
export interface RoundDeadline {
  /** ISO date (YYYY-MM-DD), in the round's time zone. */
  date: string;
  label: Text;
}

export interface RoundConfig {
  id: string;
  name: Text;
  /** Action-plan period: milestones must fall inside it (ISO dates, inclusive). */
  periodStart: string;
  periodEnd: string;
  /** Last day proposals are accepted (ISO date, WIB). */
  submissionDeadline: string;
  timeZone: string;
  /** Email language; the first is the default. */
  languages: Lang[];
  workingGroups: WorkingGroup[];
  /** A proposal waiting on review longer than this many days is flagged in the digest (default 7). */
  reviewSlaDays?: number;
  /** An agency that has not answered for longer than this many days is flagged in the digest (default 14). */
  agencyResponseDays?: number;
  /**
   * Dates listed in the digest. Absent: derived from the round itself (submission deadline, start and end
   * of the action-plan period), so a round configured with other dates never inherits these defaults.
   */
  deadlines?: RoundDeadline[];
  /** The secretariat's digest recipients (DIGEST_TO, or the deploy param digestTo, wins when set). */
  digestRecipients?: string[];
}

/**
 * The Open Government Indonesia 2023-2024 round (see seed-round.md): its six civil-society working groups.
 * Other countries replace this with their own config (COCREATE_ROUND_CONFIG).
 */
export const DEFAULT_ROUND: RoundConfig = {
  id: 'ogi-2023-2024',
  name: {
    id: 'Rencana Aksi Open Government Indonesia 2023-2024',
    en: 'Open Government Indonesia Action Plan 2023-2024',
  },
  periodStart: '2023-01-01',
  periodEnd: '2024-12-31',
  submissionDeadline: '2022-08-31',
  timeZone: 'Asia/Jakarta',
  languages: ['id', 'en'],
  reviewSlaDays: 7,
  workingGroups: [
    { id: 'anti-corruption-budget', name: { id: 'Anti Korupsi & Anggaran', en: 'Anti-Corruption & Budget' } },
    {
      id: 'legal-aid-justice',
      name: { id: 'Bantuan Hukum & Akses terhadap Keadilan', en: 'Legal Aid & Access to Justice' },
    },
    {
      id: 'inclusive-public-service',
      name: { id: 'Pelayanan Publik Inklusif', en: 'Inclusive Public Service' },
    },
    {
      id: 'natural-resources-environment-energy',
      name: { id: 'SDA, Lingkungan dan Energi', en: 'Natural Resources, Environment & Energy' },
    },
    { id: 'gedsi', name: { id: 'GEDSI', en: 'Gender Equality, Disability & Social Inclusion' } },
    { id: 'civic-space-democracy', name: { id: 'Ruang Sipil & Demokrasi', en: 'Civic Space & Democracy' } },
  ],
};

/** One thing wrong with a round config: the field (JSON path) and what is wrong with it. */
export interface RoundProblem {
  field: string;
  message: Text;
}

export type RoundCheck = { ok: true; round: RoundConfig } | { ok: false; problems: RoundProblem[] };

/** Every field a round config may have; anything else is a typo (reported, never silently ignored). */
export const ROUND_FIELDS = [
  'id',
  'name',
  'languages',
  'timeZone',
  'periodStart',
  'periodEnd',
  'submissionDeadline',
  'deadlines',
  'reviewSlaDays',
  'workingGroups',
  'digestRecipients',
] as const;

const LANGS: readonly Lang[] = ['id', 'en'];
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

function isRealDate(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

function isTimeZone(v: unknown): v is string {
  if (typeof v !== 'string' || v === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a round config read from JSON (the round file, COCREATE_ROUND_CONFIG in the Lambda environment or
 * in Script Properties) and lists every problem, each naming its field. Optional fields get the defaults
 * of the sample round's conventions (languages id+en, Asia/Jakarta, 7 review days).
 */
export function checkRoundConfig(json: unknown): RoundCheck {
  const problems: RoundProblem[] = [];
  const add = (field: string, id: string, en: string) => problems.push({ field, message: { id, en } });
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    add('(root)', 'harus objek JSON { ... }', 'must be a JSON object { ... }');
    return { ok: false, problems };
  }
  const r = json as Record<string, unknown>;
  for (const k of Object.keys(r)) {
    if (!(ROUND_FIELDS as readonly string[]).includes(k))
      add(
        k,
        `kolom tidak dikenal (yang dikenal: ${ROUND_FIELDS.join(', ')})`,
        `unknown field (known: ${ROUND_FIELDS.join(', ')})`,
      );
  }
  const text = (v: unknown, field: string) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      add(field, 'wajib berupa { "id": "...", "en": "..." }', 'must be { "id": "...", "en": "..." }');
      return;
    }
    for (const lang of LANGS) {
      const t = (v as Record<string, unknown>)[lang];
      if (typeof t !== 'string' || t.trim() === '')
        add(`${field}.${lang}`, 'wajib diisi (teks tidak kosong)', 'is required (a non-empty text)');
    }
  };
  const emails = (v: unknown, field: string) => {
    if (v === undefined) return;
    if (!Array.isArray(v)) {
      add(field, 'harus daftar alamat email ["a@b.org"]', 'must be a list of email addresses ["a@b.org"]');
      return;
    }
    v.forEach((e, i) => {
      if (typeof e !== 'string' || !EMAIL_ADDRESS.test(e.trim()))
        add(
          `${field}[${i}]`,
          `bukan alamat email: ${JSON.stringify(e)}`,
          `is not an email address: ${JSON.stringify(e)}`,
        );
    });
  };
  const date = (field: string) => {
    if (!isRealDate(r[field]))
      add(
        field,
        `harus tanggal YYYY-MM-DD yang ada (sekarang ${JSON.stringify(r[field] ?? null)})`,
        `must be a real date YYYY-MM-DD (is ${JSON.stringify(r[field] ?? null)})`,
      );
  };

  if (typeof r.id !== 'string' || !SLUG.test(r.id))
    add(
      'id',
      `harus slug huruf kecil, angka dan tanda hubung, maks. 64 (sekarang ${JSON.stringify(r.id ?? null)})`,
      `must be a slug of lowercase letters, digits and hyphens, max. 64 (is ${JSON.stringify(r.id ?? null)})`,
    );
  text(r.name, 'name');
  if (r.languages !== undefined) {
    const langs = r.languages;
    if (
      !Array.isArray(langs) ||
      langs.length === 0 ||
      langs.some((l) => !LANGS.includes(l as Lang)) ||
      new Set(langs).size !== langs.length
    )
      add(
        'languages',
        'harus daftar tanpa duplikat dari "id" dan "en"; yang pertama bahasa utama email',
        'must be a list without repeats of "id" and "en"; the first is the email default',
      );
  }
  if (r.timeZone !== undefined && !isTimeZone(r.timeZone))
    add(
      'timeZone',
      `zona waktu IANA tidak dikenal: ${JSON.stringify(r.timeZone)} (mis. "Asia/Jakarta")`,
      `unknown IANA time zone: ${JSON.stringify(r.timeZone)} (e.g. "Asia/Jakarta")`,
    );
  date('periodStart');
  date('periodEnd');
  date('submissionDeadline');
  if (isRealDate(r.periodStart) && isRealDate(r.periodEnd) && r.periodEnd < r.periodStart)
    add('periodEnd', `sebelum periodStart (${r.periodStart})`, `is before periodStart (${r.periodStart})`);
  if (r.deadlines !== undefined) {
    if (!Array.isArray(r.deadlines))
      add(
        'deadlines',
        'harus daftar [{ "date": "YYYY-MM-DD", "label": { "id", "en" } }]',
        'must be a list [{ "date": "YYYY-MM-DD", "label": { "id", "en" } }]',
      );
    else
      r.deadlines.forEach((d, i) => {
        const dl = (d ?? {}) as Record<string, unknown>;
        if (!isRealDate(dl.date))
          add(`deadlines[${i}].date`, 'harus tanggal YYYY-MM-DD', 'must be a date YYYY-MM-DD');
        text(dl.label, `deadlines[${i}].label`);
      });
  }
  if (
    r.reviewSlaDays !== undefined &&
    (!Number.isInteger(r.reviewSlaDays) ||
      (r.reviewSlaDays as number) < 1 ||
      (r.reviewSlaDays as number) > 365)
  )
    add('reviewSlaDays', 'harus bilangan bulat 1-365', 'must be a whole number 1-365');
  if (!Array.isArray(r.workingGroups) || r.workingGroups.length === 0) {
    add(
      'workingGroups',
      'wajib: daftar kelompok kerja [{ "id", "name": { "id", "en" } }], minimal satu',
      'required: a list of working groups [{ "id", "name": { "id", "en" } }], at least one',
    );
  } else {
    const seen = new Set<string>();
    r.workingGroups.forEach((g, i) => {
      const field = `workingGroups[${i}]`;
      if (typeof g !== 'object' || g === null) {
        add(field, 'harus objek { "id", "name" }', 'must be an object { "id", "name" }');
        return;
      }
      const wg = g as Record<string, unknown>;
      if (typeof wg.id !== 'string' || !SLUG.test(wg.id))
        add(
          `${field}.id`,
          `harus slug huruf kecil, angka dan tanda hubung (sekarang ${JSON.stringify(wg.id ?? null)})`,
          `must be a slug of lowercase letters, digits and hyphens (is ${JSON.stringify(wg.id ?? null)})`,
        );
      else if (seen.has(wg.id))
        add(`${field}.id`, `"${wg.id}" sudah dipakai kelompok lain`, `"${wg.id}" is used by another group`);
      else seen.add(wg.id);
      text(wg.name, `${field}.name`);
      emails(wg.contacts, `${field}.contacts`);
      for (const k of Object.keys(wg))
        if (!['id', 'name', 'contacts'].includes(k))
          add(
            `${field}.${k}`,
            'kolom tidak dikenal (id, name, contacts)',
            'unknown field (id, name, contacts)',
          );
    });
  }
  emails(r.digestRecipients, 'digestRecipients');
  if (problems.length) return { ok: false, problems };
  const round: RoundConfig = {
    ...(r as unknown as RoundConfig),
    languages: (r.languages as Lang[] | undefined) ?? ['id', 'en'],
    timeZone: (r.timeZone as string | undefined) ?? 'Asia/Jakarta',
    reviewSlaDays: (r.reviewSlaDays as number | undefined) ?? 7,
  };
  return { ok: true, round };
}

/** The problems of a round config, one per line: "field: Indonesian / English". */
export function roundProblemLines(problems: readonly RoundProblem[]): string[] {
  return problems.map((p) => `${p.field}: ${p.message.id} / ${p.message.en}`);
}

/** Validates a round config read from JSON; throws one bilingual message naming every bad field. */
export function parseRoundConfig(json: unknown): RoundConfig {
  const checked = checkRoundConfig(json);
  if (!checked.ok) throw new Error(roundProblemLines(checked.problems).join('; '));
  return checked.round;
}
