// Proposal validation: stable codes, bilingual messages, the field each issue is about. Never throws.
import type { FormSpec } from '../definitions/form-spec';
import type { RoundConfig } from '../definitions/round';
import { EMAIL_ADDRESS as EMAIL } from '../platform/email';
import type { Text } from '../platform/i18n';
import { redactPersonalData } from '../platform/redaction';
import { type Proposal, questionsById } from './proposal';

export type IssueCode =
  | 'required'
  | 'email'
  | 'working_group'
  | 'ogp_value_missing'
  | 'ogp_justification_missing'
  | 'milestone_missing'
  | 'milestone_deliverable_missing'
  | 'milestone_date_invalid'
  | 'milestone_out_of_period'
  | 'milestone_end_before_start'
  | 'budget_invalid'
  | 'too_long'
  | 'likely_duplicate';

export interface Issue {
  code: IssueCode;
  field: string;
  message: Text;
}

/** Issue messages quote at most this many characters of what was typed (items stay small, readers calm). */
export const MAX_QUOTED_CHARS = 80;

/**
 * A submitted value as an issue message may show it: personal data redacted first, then the first
 * MAX_QUOTED_CHARS characters (cutting first could leave half an address that no redaction recognises).
 */
export function quoted(value: string): string {
  const chars = Array.from(redactPersonalData(value));
  return chars.length <= MAX_QUOTED_CHARS ? chars.join('') : `${chars.slice(0, MAX_QUOTED_CHARS).join('')}…`;
}

/** Which proposal field holds each required question's answer. */
const REQUIRED_FIELDS: Record<string, (p: Proposal) => string> = {
  organisation: (p) => p.organisation,
  contact_name: (p) => p.contactName,
  email: (p) => p.email,
  title: (p) => p.title,
  lead_agency: (p) => p.leadAgency,
  problem: (p) => p.problem,
  solution: (p) => p.solution,
  expected_results: (p) => p.expectedResults,
  how_it_solves: (p) => p.howItSolves,
};

/** Length limits come from the form spec, so the form and the validator agree. */
const LENGTH_FIELDS: Record<string, (p: Proposal) => string> = {
  ...REQUIRED_FIELDS,
  phone: (p) => p.phone,
  causes: (p) => p.causes,
  done_so_far: (p) => p.doneSoFar,
  objective: (p) => p.objective,
  rpjmn: (p) => p.rpjmn,
  continuity: (p) => p.continuity,
};

export function validateProposal(p: Proposal, spec: FormSpec, round: RoundConfig): Issue[] {
  const issues: Issue[] = [];
  const add = (code: IssueCode, field: string, message: Text) => issues.push({ code, field, message });
  const questions = questionsById(spec);

  for (const [id, get] of Object.entries(REQUIRED_FIELDS)) {
    if (!get(p)) {
      const title = questions.get(id)?.title ?? { id, en: id };
      add('required', id, { id: `Wajib diisi: ${title.id}`, en: `Required: ${title.en}` });
    }
  }
  for (const [id, get] of Object.entries(LENGTH_FIELDS)) {
    const max = questions.get(id)?.maxLength;
    const len = get(p).length;
    if (max && len > max) {
      add('too_long', id, {
        id: `Terlalu panjang (${len} dari maks. ${max} karakter): ${questions.get(id)?.title.id}`,
        en: `Too long (${len} of max. ${max} characters): ${questions.get(id)?.title.en}`,
      });
    }
  }
  if (p.email && !EMAIL.test(p.email)) {
    // Not quoted back: an address, even a mistyped one, is personal data and messages reach the digest.
    add('email', 'email', {
      id: 'Alamat email tidak valid',
      en: 'Invalid email address',
    });
  }
  if (!round.workingGroups.some((g) => g.id === p.workingGroupId)) {
    add('working_group', 'working_group', {
      id: p.workingGroupRaw
        ? `Kelompok kerja tidak dikenal: ${quoted(p.workingGroupRaw)}`
        : 'Kelompok kerja belum dipilih',
      en: p.workingGroupRaw
        ? `Unknown working group: ${quoted(p.workingGroupRaw)}`
        : 'No working group chosen',
    });
  }
  if (p.ogpValues.length === 0) {
    add('ogp_value_missing', 'ogp_values', {
      id: 'Pilih minimal satu nilai OGP',
      en: 'Choose at least one OGP value',
    });
  }
  for (const v of p.ogpValues) {
    if (!v.justification) {
      add('ogp_justification_missing', `justify_${v.value}`, {
        id: `Jelaskan relevansi nilai OGP yang dipilih (${v.value})`,
        en: `Justify the chosen OGP value (${v.value})`,
      });
    }
  }
  if (p.budgetRaw && p.budgetIdr === null) {
    add('budget_invalid', 'budget', {
      id: `Anggaran tidak terbaca sebagai angka (atau melebihi ${Number.MAX_SAFE_INTEGER}): ${quoted(p.budgetRaw)}`,
      en: `Budget is not a number (or exceeds ${Number.MAX_SAFE_INTEGER}): ${quoted(p.budgetRaw)}`,
    });
  }
  validateMilestones(p, round, add);
  return issues;
}

function validateMilestones(
  p: Proposal,
  round: RoundConfig,
  add: (c: IssueCode, f: string, m: Text) => void,
) {
  if (p.milestones.length === 0) {
    add('milestone_missing', 'm1_deliverable', {
      id: 'Isi minimal satu tonggak',
      en: 'Add at least one milestone',
    });
  }
  p.milestones.forEach((m, i) => {
    const n = i + 1;
    if (!m.deliverable) {
      add('milestone_deliverable_missing', `m${n}_deliverable`, {
        id: `Tonggak ${n}: hasil yang dapat diverifikasi wajib diisi`,
        en: `Milestone ${n}: a verifiable deliverable is required`,
      });
    }
    for (const [key, label] of [
      ['start', { id: 'tanggal mulai', en: 'start date' }],
      ['end', { id: 'tanggal selesai', en: 'end date' }],
    ] as const) {
      const value = m[key];
      if (!value) {
        const raw = key === 'start' ? m.startRaw : m.endRaw;
        add('milestone_date_invalid', `m${n}_${key}`, {
          id: `Tonggak ${n}: ${label.id} ${raw ? `tidak valid (${quoted(raw)})` : 'wajib diisi'}`,
          en: `Milestone ${n}: ${label.en} ${raw ? `is invalid (${quoted(raw)})` : 'is required'}`,
        });
      } else if (value < round.periodStart || value > round.periodEnd) {
        add('milestone_out_of_period', `m${n}_${key}`, {
          id: `Tonggak ${n}: ${label.id} ${value} di luar periode ${round.periodStart} s.d. ${round.periodEnd}`,
          en: `Milestone ${n}: ${label.en} ${value} is outside ${round.periodStart} to ${round.periodEnd}`,
        });
      }
    }
    if (m.start && m.end && m.end < m.start) {
      add('milestone_end_before_start', `m${n}_end`, {
        id: `Tonggak ${n}: tanggal selesai sebelum tanggal mulai`,
        en: `Milestone ${n}: end date is before the start date`,
      });
    }
  });
}

/** Lowercased word set of a title, for near-duplicate checks. */
export function titleTokens(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** An organisation's name reduced to letters and digits: how likely duplicates are grouped. */
export const organisationKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
const orgKey = organisationKey;

type TitleOwner = Pick<Proposal, 'id' | 'organisation' | 'title'>;

/**
 * Likely duplicates: another proposal (a different response) from the same organisation with a
 * near-identical title (word overlap of 80% or more). Indexed by organisation, so checking one proposal
 * costs only the organisation's own proposals, not the whole round.
 */
export class DuplicateIndex {
  private readonly byOrg = new Map<string, { id: string; tokens: Set<string> }[]>();
  /** The last organisation and title looked at (an import finds, then adds, the same proposal). */
  private last = { organisation: '', title: '', org: '', tokens: new Set<string>() };

  constructor(proposals: Iterable<TitleOwner> = []) {
    for (const p of proposals) this.add(p);
  }

  add(p: TitleOwner): void {
    const { org, tokens } = this.keysOf(p);
    if (!org) return;
    const list = this.byOrg.get(org) ?? [];
    const at = list.findIndex((e) => e.id === p.id);
    const entry = { id: p.id, tokens };
    if (at >= 0) list[at] = entry;
    else list.push(entry);
    this.byOrg.set(org, list);
  }

  find(p: TitleOwner): string | undefined {
    const { org, tokens } = this.keysOf(p);
    if (!org || tokens.size === 0) return undefined;
    return this.byOrg.get(org)?.find((o) => o.id !== p.id && jaccard(tokens, o.tokens) >= 0.8)?.id;
  }

  private keysOf(p: TitleOwner): { org: string; tokens: Set<string> } {
    const last = this.last;
    if (p.organisation !== last.organisation || p.title !== last.title)
      this.last = {
        organisation: p.organisation,
        title: p.title,
        org: orgKey(p.organisation),
        tokens: titleTokens(p.title),
      };
    return this.last;
  }
}

/** One-off check of a proposal against others (see DuplicateIndex for many). */
export function findLikelyDuplicate(p: TitleOwner, others: Iterable<TitleOwner>): string | undefined {
  return new DuplicateIndex(others).find(p);
}

export function duplicateIssue(otherId: string): Issue {
  return {
    code: 'likely_duplicate',
    field: 'title',
    message: {
      id: `Kemungkinan duplikat dari usulan ${otherId} (organisasi dan judul sama)`,
      en: `Likely duplicate of proposal ${otherId} (same organisation and title)`,
    },
  };
}
