import { describe, expect, it } from '@jest/globals';
import {
  columnNumber,
  columnValidations,
  dashboardLayout,
  PROPOSAL_ID_PATTERN,
  protectedBlocks,
  reviewTabs,
  runs,
  statusFormats,
} from '../../../../apps-script/src/review/review-layout';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { proposalId } from '../../../../shared/ingest/proposal';
import { columnLetter, sheetRef } from '../../../../shared/platform/a1-notation';
import { STATUSES } from '../../../../shared/review/lifecycle';
import {
  REVIEW_COLUMNS,
  STATUS_CHOICES,
  statusCell,
  UNASSIGNED_TAB,
} from '../../../../shared/review/review-sheet';

describe('review tabs', () => {
  it('has one tab per working group in config order, then the tab for proposals without a group', () => {
    expect(reviewTabs(DEFAULT_ROUND).map((t) => t.name)).toEqual([
      'Anti Korupsi & Anggaran',
      'Bantuan Hukum & Akses terhadap Keadilan',
      'Pelayanan Publik Inklusif',
      'SDA, Lingkungan dan Energi',
      'GEDSI',
      'Ruang Sipil & Demokrasi',
      UNASSIGNED_TAB,
    ]);
  });
});

describe('column helpers', () => {
  it('names columns as Sheets does', () => {
    expect([1, 8, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'H', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('quotes sheet names in formulas and doubles inner apostrophes', () => {
    expect(sheetRef("Hak Perempuan's")).toBe("'Hak Perempuan''s'");
  });

  it('groups adjacent columns into runs', () => {
    expect(runs([9, 1, 2, 3, 6, 8])).toEqual([
      [1, 3],
      [6, 6],
      [8, 9],
    ]);
  });
});

describe('data validation', () => {
  const byKey = (key: string) => columnValidations().find((v) => v.column === columnNumber(key as 'status'));

  it('offers the bilingual status labels as a dropdown, then the reopen word', () => {
    expect(byKey('status')?.rule).toEqual({
      kind: 'list',
      values: [...STATUSES.map(statusCell), 'Dibuka kembali / Reopened'],
    });
  });

  it("tells in the dropdown's help how to reopen a final decision, in both languages", () => {
    expect(byKey('status')?.helpText).toBe(
      'Pilih salah satu status dari daftar. Membuka kembali keputusan akhir: tulis alasannya di kolom «Tanggapan beralasan», lalu pilih «Dibuka kembali / Reopened» di kolom «Status» / ' +
        'Choose a status from the list. To reopen a final decision: write why in the «Reasoned response» column, then choose «Dibuka kembali / Reopened» in the «Status» column',
    );
  });

  it('accepts only empty cells or whole numbers 1 to 5 in every score column', () => {
    const scores = REVIEW_COLUMNS.filter((c) => c.range).map((c) => byKey(c.key));
    expect(scores).toHaveLength(4);
    expect(scores[0]?.rule).toEqual({
      kind: 'formula',
      formula: '=OR(ISBLANK(I2),AND(ISNUMBER(I2),I2=INT(I2),I2>=1,I2<=5))',
    });
    expect(scores.map((s) => s?.helpText)).toEqual(
      Array(4).fill(
        'Isi bilangan bulat 1 sampai 5, atau kosongkan / Enter a whole number from 1 to 5, or leave empty',
      ),
    );
  });

  it('accepts a merge target only in the shape of a proposal id, or empty', () => {
    expect(byKey('mergeTarget')?.rule).toEqual({
      kind: 'formula',
      formula: `=OR(ISBLANK(N2),REGEXMATCH(N2,"${PROPOSAL_ID_PATTERN}"))`,
    });
    expect(new RegExp(PROPOSAL_ID_PATTERN).test(proposalId(DEFAULT_ROUND.id, 'resp-1'))).toBe(true);
  });

  it('leaves free-text reviewer columns and system columns unvalidated', () => {
    expect(byKey('reviewer')).toBeUndefined();
    expect(byKey('reasonedResponse')).toBeUndefined();
    expect(byKey('version')).toBeUndefined();
  });
});

describe('protection', () => {
  it('protects the header row and the system columns (A-F, O-P) from the first data row on', () => {
    expect(protectedBlocks()).toEqual([
      { row: 1, column: 1, numRows: 1, numColumns: 16 },
      { row: 2, column: 1, numColumns: 6 },
      { row: 2, column: 15, numColumns: 2 },
    ]);
  });
});

describe('status formats', () => {
  it('marks every final decision with a style that is not colour: bold or strike-through', () => {
    const rules = statusFormats();
    for (const s of ['accepted', 'merged', 'rejected', 'withdrawn'] as const) {
      const rule = rules.find((r) => r.text === statusCell(s));
      expect(Boolean(rule?.bold || rule?.strikethrough)).toBe(true);
    }
  });

  it('formats by the exact status text, and gives each formatted status a distinct style', () => {
    const rules = statusFormats();
    expect(rules.map((r) => r.text)).toContain('Dibuka kembali / Reopened');
    expect(rules.every((r) => STATUS_CHOICES.includes(r.text))).toBe(true);
    const styles = rules.map(({ text: _t, ...style }) => JSON.stringify(style));
    expect(new Set(styles).size).toBe(rules.length);
  });
});

describe('dashboard', () => {
  const layout = dashboardLayout(DEFAULT_ROUND);

  it('counts each status of each tab with COUNTIF over the tab status column', () => {
    expect(layout.labels[4]).toEqual(['GEDSI / Gender Equality, Disability & Social Inclusion']);
    expect(layout.formulas[4]?.[0]).toBe(`=COUNTIF('GEDSI'!$H$2:$H,"Diajukan / Submitted")`);
    expect(layout.formulas[4]?.[3]).toBe(`=COUNTIF('GEDSI'!$H$2:$H,"Diterima / Accepted")`);
    expect(layout.formulas[4]?.[7]).toBe(`=COUNTIF('GEDSI'!$H$2:$H,"Dibuka kembali / Reopened")`);
    expect(layout.formulas[4]?.[8]).toBe(`=COUNTA('GEDSI'!$A$2:$A)`);
  });

  it('ends with a total row that sums each column over the group rows', () => {
    expect(layout.labels.at(-1)).toEqual(['Semua kelompok / All groups']);
    expect(layout.formulas.at(-1)?.[0]).toBe('=SUM(B5:B11)');
    expect(layout.formulas).toHaveLength(reviewTabs(DEFAULT_ROUND).length + 1);
  });

  it('charts the group x status table (without totals) as stacked bars below the table', () => {
    expect(layout.chart).toMatchObject({
      type: 'BAR',
      range: { row: 4, column: 1, numRows: 8, numColumns: 9 },
      anchor: { row: 14, column: 1 },
      options: { isStacked: true },
    });
    expect(layout.top[3]?.slice(1, 9)).toEqual([...STATUS_CHOICES]);
  });
});
