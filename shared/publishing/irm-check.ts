// IRM pre-check: hints, in both languages, on what the Independent Reporting Mechanism would question in a
// proposal or commitment (verifiability first, then the open-government lens, then potential for results).
// Never a decision: reviewers read the flags and decide. Pure: the round's period is passed in.

import type { OgpValue } from '../definitions/ogp';
import type { RoundConfig } from '../definitions/round';
import type { Milestone } from '../ingest/proposal';
import type { Text } from '../platform/i18n';

export type IrmFlagCode = 'not_verifiable' | 'no_open_government_lens' | 'unclear_results';

export const IRM_FLAG_LABELS: Record<IrmFlagCode, Text> = {
  not_verifiable: { id: 'Belum dapat diverifikasi', en: 'Not verifiable' },
  no_open_government_lens: { id: 'Belum berlensa pemerintahan terbuka', en: 'No open-government lens' },
  unclear_results: { id: 'Potensi hasil belum jelas', en: 'Unclear potential for results' },
};

export interface IrmFlag {
  code: IrmFlagCode;
  label: Text;
  /** Each thing that raised the flag (one per milestone field missing, and so on). */
  reasons: Text[];
}

export interface IrmCheck {
  flagged: boolean;
  flags: IrmFlag[];
}

/** What the check reads: the commitment-template fields of a proposal (or of a commitment's text). */
export interface IrmSubject {
  leadAgency: string;
  problem: string;
  expectedResults: string;
  ogpValues: readonly { value: OgpValue; justification: string }[];
  milestones: readonly Pick<Milestone, 'deliverable' | 'expectedOutput' | 'start' | 'end' | 'responsible'>[];
}

/** A justification shorter than this (trimmed) does not say how the value applies. */
export const MIN_JUSTIFICATION_LENGTH = 15;

// A baseline states where things stand now: named as such, or given as a figure.
const BASELINE_WORDS =
  /\b(baseline|kondisi awal|kondisi saat ini|status quo|saat ini|sejauh ini|currently|at present|today)\b/i;
// A measurable result names a figure, a share or a target/indicator.
const MEASURE_WORDS = /\b(target|indikator|indicator|persen|percent|per ?cent)\b|%/i;
const HAS_FIGURE = /\d/;

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function milestoneReasons(
  m: IrmSubject['milestones'][number],
  n: number,
  period: Pick<RoundConfig, 'periodStart' | 'periodEnd'>,
): Text[] {
  const out: Text[] = [];
  const missing = (id: string, en: string) =>
    out.push({ id: `Tonggak ${n}: ${id} belum diisi`, en: `Milestone ${n}: no ${en}` });
  if (!m.deliverable.trim()) missing('hasil yang dapat diverifikasi', 'verifiable deliverable');
  if (!m.expectedOutput.trim()) missing('keluaran yang diharapkan', 'expected output');
  if (!m.responsible.trim()) missing('pihak yang bertanggung jawab', 'responsible party');
  for (const [key, id, en] of [
    ['start', 'tanggal mulai', 'start date'],
    ['end', 'tanggal selesai', 'end date'],
  ] as const) {
    const d = m[key];
    if (!ISO.test(d)) missing(id, en);
    else if (d < period.periodStart || d > period.periodEnd) {
      out.push({
        id: `Tonggak ${n}: ${id} ${d} di luar periode ${period.periodStart} s.d. ${period.periodEnd}`,
        en: `Milestone ${n}: ${en} ${d} outside the period ${period.periodStart} to ${period.periodEnd}`,
      });
    }
  }
  if (ISO.test(m.start) && ISO.test(m.end) && m.start > m.end) {
    out.push({
      id: `Tonggak ${n}: tanggal selesai sebelum tanggal mulai`,
      en: `Milestone ${n}: ends before it starts`,
    });
  }
  return out;
}

/** The pre-check of one proposal or commitment text against the round's action-plan period. */
export function irmCheck(
  subject: IrmSubject,
  period: Pick<RoundConfig, 'periodStart' | 'periodEnd'>,
): IrmCheck {
  const flags: IrmFlag[] = [];
  const flag = (code: IrmFlagCode, reasons: Text[]) => {
    if (reasons.length) flags.push({ code, label: IRM_FLAG_LABELS[code], reasons });
  };

  const verifiable: Text[] = [];
  if (!subject.leadAgency.trim()) {
    verifiable.push({ id: 'Belum ada K/L pelaksana utama', en: 'No lead agency' });
  }
  if (subject.milestones.length === 0) {
    verifiable.push({ id: 'Belum ada tonggak capaian', en: 'No milestones' });
  }
  subject.milestones.forEach((m, i) => {
    verifiable.push(...milestoneReasons(m, i + 1, period));
  });
  flag('not_verifiable', verifiable);

  const justified = subject.ogpValues.some((v) => v.justification.trim().length >= MIN_JUSTIFICATION_LENGTH);
  flag(
    'no_open_government_lens',
    justified
      ? []
      : [
          subject.ogpValues.length === 0
            ? { id: 'Belum memilih nilai OGP', en: 'No OGP value chosen' }
            : {
                id: 'Nilai OGP dipilih tanpa penjelasan relevansinya',
                en: 'OGP values chosen without a justification of their relevance',
              },
        ],
  );

  const results: Text[] = [];
  if (!BASELINE_WORDS.test(subject.problem) && !HAS_FIGURE.test(subject.problem)) {
    results.push({
      id: 'Masalah belum menyebut kondisi awal (baseline)',
      en: 'The problem states no baseline',
    });
  }
  if (!MEASURE_WORDS.test(subject.expectedResults) && !HAS_FIGURE.test(subject.expectedResults)) {
    results.push({
      id: 'Hasil yang diharapkan belum terukur (angka, persentase, target atau indikator)',
      en: 'The expected result is not measurable (a figure, share, target or indicator)',
    });
  }
  flag('unclear_results', results);

  return { flagged: flags.length > 0, flags };
}

/** One line per flag, Indonesian then English, for a spreadsheet cell or a plain-text email. */
export function irmCheckText(check: IrmCheck): string {
  if (!check.flagged) return 'OK';
  return check.flags
    .map((f) => `${f.label.id} / ${f.label.en}: ${f.reasons.map((r) => `${r.id} / ${r.en}`).join('; ')}`)
    .join('\n');
}
