// Words of the consolidated status email, Bahasa Indonesia first and English second.

import type { Lang, Text } from '../platform/i18n';
import type { DigestMetric } from './digest-model';

export const DIGEST_LABELS = {
  subject: { id: 'Status usulan komitmen', en: 'Commitment proposal status' },
  weekly: { id: 'Digest mingguan', en: 'Weekly digest' },
  week: { id: 'Minggu', en: 'Week' },
  for: { id: 'Untuk', en: 'For' },
  secretariat: { id: 'Sekretariat', en: 'Secretariat' },
  workingGroup: { id: 'Kelompok kerja', en: 'Working group' },
  generated: { id: 'Dibuat', en: 'Generated' },
  total: { id: 'Total usulan', en: 'Total proposals' },
  commitments: { id: 'Komitmen', en: 'Commitments' },
  accepted: { id: 'Diterima', en: 'Accepted' },
  merged: { id: 'Digabung', en: 'Merged' },
  invalid: { id: 'Tidak valid', en: 'Invalid' },
  changes: { id: 'Perubahan sejak digest terakhir', en: 'Changes since the last digest' },
  changesFirst: {
    id: 'Ini digest pertama untuk penerima ini; perubahan akan dibandingkan mulai digest berikutnya.',
    en: 'This is the first digest for these recipients; changes are compared from the next one on.',
  },
  previousSent: { id: 'Digest sebelumnya dikirim', en: 'Previous digest sent' },
  measure: { id: 'Angka', en: 'Figure' },
  before: { id: 'Sebelumnya', en: 'Before' },
  now: { id: 'Sekarang', en: 'Now' },
  change: { id: 'Selisih', en: 'Change' },
  byStatus: { id: 'Usulan menurut status', en: 'Proposals by status' },
  byGroupChart: { id: 'Usulan per kelompok kerja', en: 'Proposals per working group' },
  byGroup: { id: 'Kelompok kerja dan status', en: 'Working groups and status' },
  status: { id: 'Status', en: 'Status' },
  count: { id: 'Jumlah', en: 'Count' },
  totalCol: { id: 'Total', en: 'Total' },
  allGroups: { id: 'Semua kelompok kerja', en: 'All working groups' },
  groupProposals: { id: 'Usulan kelompok kerja ini', en: 'Proposals of this working group' },
  waiting: { id: 'Menunggu tinjauan lebih dari {n} hari', en: 'Waiting on review for more than {n} days' },
  proposal: { id: 'Usulan', en: 'Proposal' },
  reviewer: { id: 'Peninjau', en: 'Reviewer' },
  noReviewer: { id: 'belum ada peninjau', en: 'no reviewer yet' },
  waitingFor: { id: 'Menunggu', en: 'Waiting' },
  since: { id: 'sejak', en: 'since' },
  missingReason: {
    id: 'Keputusan akhir tanpa tanggapan beralasan',
    en: 'Final decisions without a reasoned response',
  },
  missingReasonNote: {
    id: 'Standar Partisipasi & Ko-Kreasi OGP no. 4: setiap keputusan wajib dijelaskan alasannya.',
    en: 'OGP Participation & Co-Creation Standard 4: every decision must explain why.',
  },
  currentResponse: { id: 'Tanggapan saat ini', en: 'Current response' },
  empty: { id: '(kosong)', en: '(empty)' },
  invalidList: {
    id: 'Usulan tidak valid yang perlu ditindaklanjuti',
    en: 'Invalid submissions needing follow-up',
  },
  issues: { id: 'Masalah', en: 'Issues' },
  newMerges: { id: 'Penggabungan baru', en: 'New merges' },
  newMergesFirst: { id: 'Semua penggabungan sejauh ini', en: 'All merges so far' },
  mergedInto: { id: 'Digabung ke', en: 'Merged into' },
  decided: { id: 'Diputuskan', en: 'Decided' },
  reason: { id: 'Alasan', en: 'Reason' },
  commitment: { id: 'Komitmen', en: 'Commitment' },
  commitmentList: { id: 'Daftar komitmen', en: 'Commitments' },
  commitmentsOfGroup: {
    id: 'Komitmen dengan usulan dari kelompok kerja ini',
    en: 'Commitments with a proposal from this working group',
  },
  sources: { id: 'Usulan sumber', en: 'Source proposals' },
  coAuthors: { id: 'Organisasi pengusul', en: 'Co-authoring organisations' },
  groups: { id: 'Kelompok kerja', en: 'Working groups' },
  irmFlags: { id: 'Catatan pra-periksa IRM', en: 'IRM pre-check hints' },
  deadlines: { id: 'Tenggat mendatang', en: 'Upcoming deadlines' },
  date: { id: 'Tanggal', en: 'Date' },
  deadline: { id: 'Tenggat', en: 'Deadline' },
  remaining: { id: 'Sisa waktu', en: 'Time left' },
  today: { id: 'hari ini', en: 'today' },
  none: { id: 'Tidak ada.', en: 'None.' },
  more: { id: 'dan {n} lainnya (lihat ekspor data terbuka)', en: 'and {n} more (see the open-data export)' },
  untitled: { id: '(tanpa judul)', en: '(untitled)' },
  footer: {
    id: 'Email otomatis dari ogp-cocreate, dikirim sekali seminggu. Angka dihitung dari usulan dan keputusan peninjauan saat email dibuat; waktu dalam {tz}.',
    en: 'Automatic email from ogp-cocreate, sent once a week. Figures are computed from the proposals and review decisions when the email was made; times in {tz}.',
  },
  footerGroup: {
    id: 'Anda menerima email ini sebagai kontak kelompok kerja {g}; isinya hanya usulan kelompok ini.',
    en: 'You receive this email as a contact of the {g} working group; it holds only this group’s proposals.',
  },
} satisfies Record<string, Text>;

export type DigestLabel = keyof typeof DIGEST_LABELS;

export const METRIC_LABELS: Record<DigestMetric, Text> = {
  total: DIGEST_LABELS.total,
  commitments: DIGEST_LABELS.commitments,
  invalid: DIGEST_LABELS.invalid,
  waitingTooLong: { id: 'Menunggu tinjauan terlalu lama', en: 'Waiting on review too long' },
  missingReason: { id: 'Keputusan tanpa alasan', en: 'Decisions without a reason' },
};

export function days(n: number, lang: Lang): string {
  return lang === 'id' ? `${n} hari` : n === 1 ? '1 day' : `${n} days`;
}

export function daysLeft(n: number, lang: Lang): string {
  if (n === 0) return DIGEST_LABELS.today[lang];
  return lang === 'id' ? `${n} hari lagi` : n === 1 ? 'in 1 day' : `in ${n} days`;
}

/** "+3", "-1", "0": the sign is written out, so a change never depends on colour. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
