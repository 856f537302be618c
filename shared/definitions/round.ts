// The co-creation round: working groups, period and languages. One definition read by every runtime.
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

/** Validates a round config read from JSON; throws a message naming the bad field. */
export function parseRoundConfig(json: unknown): RoundConfig {
  const fail = (field: string): never => {
    throw new Error(`Invalid round config: ${field}`);
  };
  if (typeof json !== 'object' || json === null) return fail('not an object');
  const r = json as Record<string, unknown>;
  const isDate = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);
  if (typeof r.id !== 'string' || !/^[a-z0-9-]{1,64}$/.test(r.id)) fail('id (lowercase slug)');
  if (!isDate(r.periodStart)) fail('periodStart (YYYY-MM-DD)');
  if (!isDate(r.periodEnd)) fail('periodEnd (YYYY-MM-DD)');
  if (!isDate(r.submissionDeadline)) fail('submissionDeadline (YYYY-MM-DD)');
  if (!Array.isArray(r.workingGroups) || r.workingGroups.length === 0) fail('workingGroups (non-empty list)');
  for (const g of r.workingGroups as unknown[]) {
    const wg = g as WorkingGroup;
    if (typeof wg?.id !== 'string' || typeof wg.name?.id !== 'string' || typeof wg.name?.en !== 'string') {
      fail('workingGroups[] needs id, name.id, name.en');
    }
  }
  return {
    ...DEFAULT_ROUND,
    ...(r as Partial<RoundConfig>),
    timeZone: typeof r.timeZone === 'string' ? r.timeZone : DEFAULT_ROUND.timeZone,
  } as RoundConfig;
}
