// Illustrative negotiation of the demo round's 16 commitments with government agencies. The agencies are
// real institutions named only as plausible counterparts; every position, note, decision and revised text
// here is INVENTED for the demo and is not a statement by any ministry or agency. Focal points are
// fictional people with example.org addresses.
import type { CommitmentText } from '../../shared/negotiation/commitment-text';
import type { AgencyPosition, MeetingType, NegotiationStatus } from '../../shared/negotiation/negotiation';

/** Marks every invented sentence, so no reader takes it for an agency's word. */
export const ILLUSTRATIVE = '(ilustrasi / illustrative)';

export interface SampleNegotiation {
  /** Index of the theme in THEMES (the commitment whose primary proposal is that sample). */
  theme: number;
  leadPosition: AgencyPosition;
  supporting?: { agency: string; position: AgencyPosition };
  meeting?: { date: string; type: MeetingType; decisions: string };
  /** Parts of the negotiated text (agreed with changes). */
  revised?: Partial<CommitmentText>;
  status: NegotiationStatus;
  reason?: string;
  nextMeeting?: string;
}

const milestones = (year: number, first: string, second: string) => [
  { deliverable: first, start: `${year}-03-01`, end: `${year}-09-30` },
  { deliverable: second, start: `${year}-10-01`, end: `${year + 1}-06-30` },
];

export const SAMPLE_NEGOTIATIONS: SampleNegotiation[] = [
  {
    theme: 0,
    leadPosition: 'supports_with_changes',
    supporting: { agency: 'Kementerian Dalam Negeri', position: 'supports' },
    meeting: {
      date: '2022-09-14',
      type: 'technical',
      decisions: `Cakupan dipersempit ke desa percontohan ${ILLUSTRATIVE}`,
    },
    revised: {
      action: 'Membangun mekanisme laporan dana desa yang terbuka di 50 desa percontohan bersama warga.',
      milestones: milestones(
        2023,
        'Standar data laporan desa disahkan',
        'Laporan terbuka di 50 desa percontohan',
      ),
    },
    status: 'agreed_with_changes',
    reason: `Disepakati dengan cakupan 50 desa percontohan dan tonggak digeser ke Maret 2023 ${ILLUSTRATIVE}`,
  },
  {
    theme: 1,
    leadPosition: 'supports',
    meeting: {
      date: '2022-09-13',
      type: 'bilateral',
      decisions: `Format data anggaran disepakati ${ILLUSTRATIVE}`,
    },
    status: 'agreed',
    reason: `Disepakati sesuai teks OMS; data anggaran K/L dibuka dalam format terbuka ${ILLUSTRATIVE}`,
  },
  {
    theme: 2,
    leadPosition: 'supports_with_changes',
    supporting: { agency: 'Kementerian Hukum dan HAM', position: 'supports' },
    meeting: {
      date: '2022-09-16',
      type: 'multi_stakeholder',
      decisions: `Integrasi data pemilik manfaat bertahap ${ILLUSTRATIVE}`,
    },
    revised: {
      milestones: milestones(
        2023,
        'Interoperabilitas data pemilik manfaat dan pengadaan',
        'Data terintegrasi dibuka untuk publik',
      ),
    },
    status: 'agreed_with_changes',
    reason: `Disepakati dengan tonggak integrasi yang dimundurkan satu triwulan ${ILLUSTRATIVE}`,
  },
  {
    theme: 3,
    leadPosition: 'needs_budget',
    meeting: {
      date: '2022-09-20',
      type: 'technical',
      decisions: `Menunggu kepastian anggaran 2023 ${ILLUSTRATIVE}`,
    },
    status: 'in_discussion',
    nextMeeting: '2022-10-11',
  },
  {
    theme: 4,
    leadPosition: 'supports',
    supporting: { agency: 'Kementerian Kesehatan', position: 'supports' },
    meeting: {
      date: '2022-09-15',
      type: 'bilateral',
      decisions: `Kanal pengaduan terbuka disepakati ${ILLUSTRATIVE}`,
    },
    status: 'agreed',
    reason: `Disepakati sesuai teks OMS bersama instansi pendukung ${ILLUSTRATIVE}`,
  },
  {
    theme: 5,
    leadPosition: 'supports_with_changes',
    meeting: {
      date: '2022-09-21',
      type: 'technical',
      decisions: `Layanan terpadu dimulai di lima provinsi ${ILLUSTRATIVE}`,
    },
    revised: {
      action:
        'Membangun layanan terpadu penanganan korban kekerasan berbasis gender di lima provinsi bersama warga.',
    },
    status: 'agreed_with_changes',
    reason: `Disepakati dengan cakupan lima provinsi pada tahap pertama ${ILLUSTRATIVE}`,
  },
  { theme: 6, leadPosition: 'pending', status: 'in_discussion', nextMeeting: '2022-10-04' },
  {
    theme: 7,
    leadPosition: 'supports_with_changes',
    meeting: {
      date: '2022-09-22',
      type: 'technical',
      decisions: `Mekanisme pengaduan perlu dibahas dengan unit teknis ${ILLUSTRATIVE}`,
    },
    status: 'in_discussion',
    nextMeeting: '2022-10-06',
  },
  {
    theme: 8,
    leadPosition: 'supports',
    meeting: {
      date: '2022-09-15',
      type: 'technical',
      decisions: `Satu peta data perizinan disepakati ${ILLUSTRATIVE}`,
    },
    status: 'agreed',
    reason: `Disepakati sesuai teks OMS, termasuk usulan yang digabungkan ${ILLUSTRATIVE}`,
  },
  {
    theme: 9,
    leadPosition: 'supports_with_changes',
    supporting: { agency: 'Kementerian Keuangan', position: 'needs_budget' },
    meeting: {
      date: '2022-09-23',
      type: 'multi_stakeholder',
      decisions: `Pelaporan pendanaan iklim mulai dari APBN ${ILLUSTRATIVE}`,
    },
    revised: {
      expectedResults: 'Laporan pendanaan iklim dari APBN tersedia terbuka dan dipantau warga.',
    },
    status: 'agreed_with_changes',
    reason: `Disepakati dengan lingkup pendanaan APBN lebih dulu ${ILLUSTRATIVE}`,
  },
  {
    theme: 10,
    leadPosition: 'needs_budget',
    meeting: {
      date: '2022-09-27',
      type: 'bilateral',
      decisions: `Perlu kajian regulasi lebih dulu ${ILLUSTRATIVE}`,
    },
    status: 'in_discussion',
    nextMeeting: '2022-10-13',
  },
  {
    theme: 11,
    leadPosition: 'declines',
    meeting: {
      date: '2022-09-19',
      type: 'bilateral',
      decisions: `Instansi utama tidak dapat memimpin komitmen ini ${ILLUSTRATIVE}`,
    },
    status: 'declined',
    reason: `Tidak disepakati: instansi menyatakan komitmen di luar kewenangannya; sekretariat akan mencari mitra lain pada rencana aksi berikutnya ${ILLUSTRATIVE}`,
  },
  {
    theme: 12,
    leadPosition: 'supports',
    meeting: {
      date: '2022-09-14',
      type: 'technical',
      decisions: `Data pemilu dibuka dalam format terbuka ${ILLUSTRATIVE}`,
    },
    status: 'agreed',
    reason: `Disepakati sesuai teks OMS ${ILLUSTRATIVE}`,
  },
  {
    theme: 13,
    leadPosition: 'supports',
    meeting: {
      date: '2022-09-20',
      type: 'bilateral',
      decisions: `Standar mutu layanan bantuan hukum disepakati ${ILLUSTRATIVE}`,
    },
    status: 'agreed',
    reason: `Disepakati sesuai teks OMS, termasuk usulan yang digabungkan ${ILLUSTRATIVE}`,
  },
  {
    theme: 14,
    leadPosition: 'supports_with_changes',
    meeting: {
      date: '2022-09-28',
      type: 'technical',
      decisions: `Digitalisasi dimulai di pengadilan percontohan ${ILLUSTRATIVE}`,
    },
    revised: {
      milestones: milestones(
        2024,
        'Pedoman layanan peradilan inklusif',
        'Layanan digital di pengadilan percontohan',
      ),
    },
    status: 'agreed_with_changes',
    reason: `Disepakati dengan tonggak digeser ke 2024 ${ILLUSTRATIVE}`,
  },
  { theme: 15, leadPosition: 'pending', status: 'not_started' },
];

/** A fictional focal point per lead agency (personal data shape, invented people, example.org addresses). */
export function sampleFocalPoint(agency: string, n: number) {
  return { agency, name: `Narahubung Fiktif ${n + 1}`, email: `narahubung${n + 1}@instansi.example.org` };
}
