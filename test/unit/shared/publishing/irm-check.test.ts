import { describe, expect, it } from '@jest/globals';
import { type IrmSubject, irmCheck, irmCheckText } from '../../../../shared/publishing/irm-check';

const PERIOD = { periodStart: '2023-01-01', periodEnd: '2024-12-31' };

/** A hand-made commitment the IRM would find verifiable, relevant and measurable. */
function good(): IrmSubject {
  return {
    leadAgency: 'Kementerian Contoh (ilustratif)',
    problem: 'Baseline: 12 dari 34 provinsi menerbitkan data anggaran dalam format terbuka.',
    expectedResults: 'Pada akhir 2024, 30 provinsi menerbitkan data anggaran terbuka.',
    ogpValues: [{ value: 'transparency', justification: 'Data anggaran dibuka untuk dipantau publik.' }],
    milestones: [
      {
        deliverable: 'Standar data anggaran disahkan',
        expectedOutput: 'Dokumen standar',
        start: '2023-02-01',
        end: '2023-06-30',
        responsible: 'Kementerian Contoh; Perkumpulan Contoh (fiktif)',
      },
    ],
  };
}

const codes = (s: IrmSubject) => irmCheck(s, PERIOD).flags.map((f) => f.code);

describe('irmCheck', () => {
  it('raises no flag on a verifiable, relevant and measurable commitment', () => {
    const check = irmCheck(good(), PERIOD);
    expect(check).toEqual({ flagged: false, flags: [] });
    expect(irmCheckText(check)).toBe('OK');
  });

  describe('not verifiable', () => {
    it.each([
      ['deliverable', 'verifiable deliverable'],
      ['expectedOutput', 'expected output'],
      ['responsible', 'responsible party'],
      ['start', 'start date'],
      ['end', 'end date'],
    ] as const)('is flagged when a milestone has no %s, naming the milestone', (field, words) => {
      const s = good();
      s.milestones = [
        ...s.milestones,
        { ...(s.milestones[0] as IrmSubject['milestones'][number]), [field]: ' ' },
      ];
      const flag = irmCheck(s, PERIOD).flags.find((f) => f.code === 'not_verifiable');
      expect(flag?.reasons.map((r) => r.en)).toEqual([`Milestone 2: no ${words}`]);
      expect(flag?.reasons[0]?.id).toMatch(/^Tonggak 2: /);
    });

    it('is flagged when a milestone date falls outside the round period', () => {
      const s = good();
      s.milestones = [{ ...(s.milestones[0] as IrmSubject['milestones'][number]), end: '2025-03-01' }];
      const flag = irmCheck(s, PERIOD).flags.find((f) => f.code === 'not_verifiable');
      expect(flag?.reasons[0]?.en).toContain(
        'end date 2025-03-01 outside the period 2023-01-01 to 2024-12-31',
      );
    });

    it('is flagged when a milestone ends before it starts', () => {
      const s = good();
      s.milestones = [
        { ...(s.milestones[0] as IrmSubject['milestones'][number]), start: '2024-01-01', end: '2023-01-31' },
      ];
      expect(irmCheck(s, PERIOD).flags[0]?.reasons.map((r) => r.en)).toEqual([
        'Milestone 1: ends before it starts',
      ]);
    });

    it('is flagged without a lead agency, and without any milestone', () => {
      expect(codes({ ...good(), leadAgency: '' })).toEqual(['not_verifiable']);
      const none = irmCheck({ ...good(), milestones: [] }, PERIOD);
      expect(none.flags[0]?.reasons.map((r) => r.en)).toEqual(['No milestones']);
    });
  });

  describe('no open-government lens', () => {
    it('is flagged when no OGP value is chosen', () => {
      expect(codes({ ...good(), ogpValues: [] })).toEqual(['no_open_government_lens']);
    });

    it('is flagged when the values chosen carry no real justification', () => {
      const check = irmCheck(
        { ...good(), ogpValues: [{ value: 'accountability', justification: 'relevan' }] },
        PERIOD,
      );
      expect(check.flags.map((f) => f.code)).toEqual(['no_open_government_lens']);
      expect(check.flags[0]?.reasons[0]?.en).toMatch(/without a justification/);
    });

    it('is lifted by one justified value among unjustified ones', () => {
      const s = good();
      s.ogpValues = [{ value: 'accountability', justification: '' }, ...s.ogpValues];
      expect(codes(s)).toEqual([]);
    });
  });

  describe('unclear potential for results', () => {
    it('is flagged when the problem states no baseline', () => {
      const check = irmCheck({ ...good(), problem: 'Data anggaran sulit diakses.' }, PERIOD);
      expect(check.flags.map((f) => f.code)).toEqual(['unclear_results']);
      expect(check.flags[0]?.reasons.map((r) => r.en)).toEqual(['The problem states no baseline']);
    });

    it('is flagged when the expected result is not measurable', () => {
      const check = irmCheck({ ...good(), expectedResults: 'Data anggaran lebih terbuka.' }, PERIOD);
      expect(check.flags[0]?.reasons.map((r) => r.en)).toEqual([
        'The expected result is not measurable (a figure, share, target or indicator)',
      ]);
    });

    it('accepts a baseline named in words and a result given as a target', () => {
      expect(
        codes({
          ...good(),
          problem: 'Kondisi awal: data tersebar di banyak situs.',
          expectedResults: 'Target: satu portal data terpadu.',
        }),
      ).toEqual([]);
    });
  });

  it('raises every flag at once, each with its reasons, in one bilingual text', () => {
    const check = irmCheck(
      { leadAgency: '', problem: 'Masalah.', expectedResults: 'Lebih baik.', ogpValues: [], milestones: [] },
      PERIOD,
    );
    expect(check.flags.map((f) => f.code)).toEqual([
      'not_verifiable',
      'no_open_government_lens',
      'unclear_results',
    ]);
    const text = irmCheckText(check);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain(
      'Belum dapat diverifikasi / Not verifiable: Belum ada K/L pelaksana utama / No lead agency',
    );
  });
});
