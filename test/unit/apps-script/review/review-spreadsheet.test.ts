import { describe, expect, it } from '@jest/globals';
import {
  columnValidations,
  PROTECTION_DESCRIPTION,
  reviewTabs,
} from '../../../../apps-script/src/review/review-layout';
import { ensureReviewSpreadsheet } from '../../../../apps-script/src/review/review-spreadsheet';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { DASHBOARD_TAB, headerRow } from '../../../../shared/review/review-sheet';
import { configured, MemoryLog, type MemorySheet, MemorySpreadsheets } from '../in-memory-ports';

function deps() {
  const sheets = new MemorySpreadsheets();
  const props = configured();
  return { d: { sheets, props, log: new MemoryLog() }, sheets, props };
}

describe('ensureReviewSpreadsheet', () => {
  it('creates the spreadsheet once, remembers its id and lays out a dashboard and every review tab', () => {
    const { d, sheets, props } = deps();
    const r = ensureReviewSpreadsheet(d, DEFAULT_ROUND);
    expect(r).toMatchObject({ ok: true, created: true });
    expect(props.get('COCREATE_SPREADSHEET_ID')).toBe('ss-1');
    const doc = sheets.open('ss-1');
    expect(doc.sheetNames()).toEqual([DASHBOARD_TAB, ...reviewTabs(DEFAULT_ROUND).map((t) => t.name)]);
    const gedsi = doc.sheet('GEDSI') as MemorySheet;
    expect(gedsi.row(1)).toEqual(headerRow());
    expect(gedsi.frozen).toBe(1);
    expect(gedsi.validations).toEqual(columnValidations());
    expect(gedsi.protections).toHaveLength(1);
    expect(gedsi.widths[2]).toBe(320);
  });

  it('updates the same spreadsheet when run again: no second spreadsheet, tab or protection set', () => {
    const { d, sheets } = deps();
    ensureReviewSpreadsheet(d, DEFAULT_ROUND);
    const again = ensureReviewSpreadsheet(d, DEFAULT_ROUND);
    expect(again).toMatchObject({ ok: true, created: false, tabsAdded: [] });
    expect(sheets.docs).toHaveLength(1);
    expect(sheets.docs[0]?.tabs).toHaveLength(8);
    expect(sheets.docs[0]?.sheet('GEDSI')?.protections.map((p) => p.description)).toEqual([
      PROTECTION_DESCRIPTION,
    ]);
  });

  it('adds the tab of a working group added to the config, leaving existing tabs and their rows alone', () => {
    const { d, sheets } = deps();
    ensureReviewSpreadsheet(d, DEFAULT_ROUND);
    const gedsi = sheets.docs[0]?.sheet('GEDSI') as MemorySheet;
    gedsi.write(2, 1, [['p_0000000000000001', 3]]);
    const round = {
      ...DEFAULT_ROUND,
      workingGroups: [
        ...DEFAULT_ROUND.workingGroups,
        { id: 'health', name: { id: 'Kesehatan', en: 'Health' } },
      ],
    };
    const r = ensureReviewSpreadsheet(d, round);
    expect(r.ok && r.tabsAdded).toEqual(['Kesehatan']);
    expect(gedsi.row(2).slice(0, 2)).toEqual(['p_0000000000000001', 3]);
  });

  it('refuses to replace a configured spreadsheet it cannot open, and says so in both languages', () => {
    const { d, sheets, props } = deps();
    props.set('COCREATE_SPREADSHEET_ID', 'deleted-one');
    const r = ensureReviewSpreadsheet(d, DEFAULT_ROUND);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem.id).toMatch(/^Spreadsheet tinjauan deleted-one tidak dapat dibuka/);
    expect(!r.ok && r.problem.en).toMatch(/^Review spreadsheet deleted-one cannot be opened/);
    expect(sheets.docs).toEqual([]);
  });

  it('writes the dashboard table as labels plus one block of formulas, and one chart', () => {
    const { d, sheets } = deps();
    ensureReviewSpreadsheet(d, DEFAULT_ROUND);
    ensureReviewSpreadsheet(d, DEFAULT_ROUND);
    const dash = sheets.docs[0]?.sheet(DASHBOARD_TAB) as MemorySheet;
    expect(dash.formulas.get('5:2')).toBe(
      `=COUNTIF('Anti Korupsi & Anggaran'!$H$2:$H,"Diajukan / Submitted")`,
    );
    expect(dash.charts).toHaveLength(1);
    expect(dash.row(4)[0]).toBe('Kelompok kerja / Working group');
  });
});
