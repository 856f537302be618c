// Illustrative sample round for the demo: the 16 commitment themes agreed in the OGI 2023-2024 civil-
// society discussion (seed-round.md), as 22 proposals from FICTIONAL organisations; 6 of them overlap
// another proposal and are merged in review, so 22 become 16. Which working group each theme belongs to
// was not published: the assignment below is our plausible guess.

import { DEFAULT_ROUND, type RoundConfig } from '../../shared/definitions/round';
import type { Answers } from '../../shared/ingest/proposal';

export interface SampleProposal {
  /** Stable demo response id. */
  responseId: string;
  submittedAt: string;
  answers: Answers;
  /** Index (in SAMPLE_PROPOSALS) of the proposal this one is merged into during review. */
  mergeInto?: number;
}

type Theme = [title: string, workingGroup: string, leadAgency: string, problem: string];

/** The 16 agreed commitments (original titles) with our working-group assignment. */
export const THEMES: Theme[] = [
  [
    'Peningkatan Akuntabilitas Program Pembangunan di tingkat Desa',
    'anti-corruption-budget',
    'Kementerian Desa, PDT dan Transmigrasi',
    'dana desa belum dilaporkan secara terbuka kepada warga',
  ],
  [
    'Transparansi Data Anggaran Kementerian/Lembaga',
    'anti-corruption-budget',
    'Kementerian Keuangan',
    'data anggaran K/L sulit diakses dalam format terbuka',
  ],
  [
    'Transparansi data pengadaan barang/jasa, Integrasi dan Pemanfaatan Data Beneficial Ownership',
    'anti-corruption-budget',
    'LKPP',
    'data pemilik manfaat belum terhubung dengan data pengadaan',
  ],
  [
    'Akuntabilitas New DTKS yang inklusif',
    'inclusive-public-service',
    'Kementerian Sosial',
    'data kesejahteraan sosial belum memuat kelompok rentan secara akurat',
  ],
  [
    'Akuntabilitas Program Jaminan Kesehatan Semesta',
    'inclusive-public-service',
    'BPJS Kesehatan',
    'pengaduan peserta jaminan kesehatan belum ditangani secara terbuka',
  ],
  [
    'Penanganan Kekerasan Berbasis Gender',
    'gedsi',
    'Kementerian PPPA',
    'layanan korban kekerasan berbasis gender belum terpadu',
  ],
  [
    'Penyediaan Akses Digital yang Layak Bagi Difabel',
    'gedsi',
    'Kementerian Kominfo',
    'layanan digital pemerintah belum aksesibel bagi difabel',
  ],
  [
    'Pengembangan Sistem Data SDA dan Lingkungan',
    'natural-resources-environment-energy',
    'Kementerian LHK',
    'data izin sumber daya alam tersebar dan tidak terbuka',
  ],
  [
    'Penguatan Complain Handling Mechanism khusus Lingkungan',
    'natural-resources-environment-energy',
    'Kementerian LHK',
    'pengaduan kasus lingkungan tidak ditindaklanjuti secara jelas',
  ],
  [
    'Transparansi dan akuntabilitas dalam penanganan perubahan iklim',
    'natural-resources-environment-energy',
    'Bappenas',
    'pendanaan iklim belum dilaporkan secara terbuka',
  ],
  [
    'Mendorong Kerangka hukum untuk memperkuat partisipasi kewargaan',
    'civic-space-democracy',
    'Kementerian Hukum dan HAM',
    'partisipasi warga dalam pembentukan regulasi belum bermakna',
  ],
  [
    'Sistem Integritas Partai Politik',
    'civic-space-democracy',
    'Kementerian Dalam Negeri',
    'laporan keuangan partai politik belum terbuka',
  ],
  [
    'Tata Kelola Data Pemilu Terbuka',
    'civic-space-democracy',
    'Komisi Pemilihan Umum',
    'data pemilu belum tersedia dalam format terbuka',
  ],
  [
    'Peningkatan Kualitas Layanan terhadap Bantuan Hukum',
    'legal-aid-justice',
    'Badan Pembinaan Hukum Nasional',
    'mutu layanan bantuan hukum belum diukur',
  ],
  [
    'Akuntabilitas proses peradilan yang aksesibel (inklusif dan akomodatif) bagi kelompok rentan (termasuk digitalisasi dan keterbukaannya)',
    'legal-aid-justice',
    'Mahkamah Agung',
    'proses peradilan belum akomodatif bagi kelompok rentan',
  ],
  [
    'Mekanisme Pemulihan Korban HAM di Aceh dan RUU KKR menjadi prioritas Prolegnas',
    'legal-aid-justice',
    'Kementerian Koordinator Polhukam',
    'pemulihan korban pelanggaran HAM belum berjalan',
  ],
];

/** Fictional organisations (clearly marked): no real CSO is credited with an invented proposal. */
const ORGANISATIONS = [
  'Perkumpulan Warga Terbuka (fiktif)',
  'Yayasan Teladan Nusantara (fiktif)',
  'Lembaga Kajian Anggaran Contoh (fiktif)',
  'Koalisi Data Rakyat Contoh (fiktif)',
  'Perhimpunan Inklusi Sejahtera (fiktif)',
  'Jaringan Lingkungan Lestari Contoh (fiktif)',
  'Lembaga Bantuan Hukum Teladan (fiktif)',
  'Forum Demokrasi Warga Contoh (fiktif)',
  'Perkumpulan Setara Contoh (fiktif)',
];

/** The 6 extra proposals: a second organisation proposing an overlapping commitment (theme index). */
const OVERLAPS: [theme: number, title: string][] = [
  [1, 'Portal data anggaran kementerian yang dapat diunduh'],
  [2, 'Keterbukaan pemilik manfaat dalam pengadaan pemerintah'],
  [5, 'Layanan terpadu bagi korban kekerasan terhadap perempuan'],
  [7, 'Satu peta data perizinan sumber daya alam'],
  [12, 'Data hasil pemilu terbuka dan dapat diunduh'],
  [13, 'Standar mutu layanan organisasi bantuan hukum'],
];

const VALUES = ['transparency', 'accountability', 'civic_participation', 'technology_innovation'];

function answersFor(i: number, title: string, theme: Theme, org: string): Answers {
  const [, wg, agency, problem] = theme;
  const year = 2023 + (i % 2);
  const values = [VALUES[i % 4] as string, VALUES[(i + 1) % 4] as string];
  return {
    organisation: org,
    contact_name: `Narahubung Contoh ${i + 1}`,
    email: `usulan${i + 1}@oms.example`,
    phone: `0812-0000-${String(1000 + i)}`,
    title,
    working_group: wg,
    lead_agency: agency,
    problem: `Saat ini ${problem}. Baseline: belum ada data terbuka yang dapat dipantau publik.`,
    causes: 'Belum ada standar data dan mekanisme pelibatan warga.',
    done_so_far: 'Diskusi awal dengan K/L terkait dan pemetaan data.',
    solution: `Membangun mekanisme terbuka agar ${problem.replace(/^data /, 'data ')} dapat diatasi bersama warga.`,
    expected_results: 'Data dan laporan tersedia terbuka, dipantau warga, dan ditindaklanjuti K/L.',
    objective: 'Meningkatkan keterbukaan dan akuntabilitas.',
    how_it_solves: 'Keterbukaan data memungkinkan warga memantau dan memberi masukan yang ditindaklanjuti.',
    ogp_values: values,
    ...Object.fromEntries(
      values.map((v) => [
        `justify_${v}`,
        `Komitmen ini relevan dengan nilai ${v} karena membuka data dan ruang partisipasi.`,
      ]),
    ),
    m1_deliverable: 'Standar data dan SOP keterbukaan disahkan',
    m1_output: 'Dokumen standar data',
    m1_start: `01/02/${year}`,
    m1_end: `30/06/${year}`,
    m1_responsible: `${agency}; ${org}`,
    m2_deliverable: 'Portal data terbuka diluncurkan dan dipantau warga',
    m2_output: 'Portal dan laporan pemantauan',
    m2_start: `1 Juli ${year}`,
    m2_end: `15 Desember ${year}`,
    m2_responsible: agency,
    rpjmn: 'Mendukung agenda reformasi birokrasi dan tata kelola dalam RPJMN.',
    sdgs: [
      '16. Perdamaian, Keadilan dan Kelembagaan yang Tangguh / 16. Peace, Justice and Strong Institutions',
    ],
    budget: `Rp ${(150 + i * 25).toLocaleString('id-ID')}.000.000`,
    continuity: i % 3 === 0 ? 'Melanjutkan komitmen rencana aksi sebelumnya.' : '',
  };
}

export const SAMPLE_PROPOSALS: SampleProposal[] = [
  ...THEMES.map((theme, i) => ({
    responseId: `demo-${String(i + 1).padStart(2, '0')}`,
    submittedAt: new Date(Date.UTC(2022, 7, 1, 2 + (i % 8), i * 3)).toISOString(),
    answers: answersFor(i, theme[0], theme, ORGANISATIONS[i % ORGANISATIONS.length] as string),
  })),
  ...OVERLAPS.map(([themeIndex, title], k) => {
    const i = THEMES.length + k;
    return {
      responseId: `demo-${String(i + 1).padStart(2, '0')}`,
      submittedAt: new Date(Date.UTC(2022, 7, 2, 3 + k, k * 7)).toISOString(),
      answers: answersFor(
        i,
        title,
        THEMES[themeIndex] as Theme,
        ORGANISATIONS[(themeIndex + 4) % ORGANISATIONS.length] as string,
      ),
      mergeInto: themeIndex,
    };
  }),
];

/**
 * The sample proposals fitted to another round (a round file): each sample working group maps onto one of
 * the round's groups in turn, and milestone years move with the action-plan period (kept inside it).
 */
export function sampleProposalsFor(round: RoundConfig): SampleProposal[] {
  const sampleGroups = DEFAULT_ROUND.workingGroups.map((g) => g.id);
  const groups = round.workingGroups.map((g) => g.id);
  const groupFor = (id: unknown) => groups[Math.max(0, sampleGroups.indexOf(String(id))) % groups.length];
  const firstYear = Number(round.periodStart.slice(0, 4));
  const lastYear = Number(round.periodEnd.slice(0, 4));
  const shift = firstYear - Number(DEFAULT_ROUND.periodStart.slice(0, 4));
  const moveYear = (v: unknown) =>
    String(v).replace(/\b(20\d\d)\b/, (y) => String(Math.min(lastYear, Number(y) + shift)));
  return SAMPLE_PROPOSALS.map((s) => ({
    ...s,
    answers: {
      ...s.answers,
      working_group: groupFor(s.answers.working_group) as string,
      ...Object.fromEntries(
        Object.entries(s.answers)
          .filter(([k]) => /^m\d+_(start|end)$/.test(k))
          .map(([k, v]) => [k, moveYear(v)]),
      ),
    },
  }));
}
