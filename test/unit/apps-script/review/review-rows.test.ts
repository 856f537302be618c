import { describe, expect, it } from '@jest/globals';
import { ReviewBook } from '../../../../apps-script/src/review/review-book';
import { columnNumber } from '../../../../apps-script/src/review/review-layout';
import { type ProposalRowUpdate, upsertProposalRows } from '../../../../apps-script/src/review/review-rows';
import { ensureReviewSpreadsheet } from '../../../../apps-script/src/review/review-spreadsheet';
import { PENDING_ROW_PREFIX, syncSheet } from '../../../../apps-script/src/review/review-sync';
import { DEFAULT_ROUND } from '../../../../shared/definitions/round';
import { UNASSIGNED_TAB } from '../../../../shared/review/review-sheet';
import {
  configured,
  MemoryLock,
  MemoryLog,
  type MemorySheet,
  type MemorySpreadsheet,
  MemorySpreadsheets,
} from '../in-memory-ports';

const col = (key: Parameters<typeof columnNumber>[0]) => columnNumber(key) - 1;

function update(
  id: string,
  extra: Partial<ProposalRowUpdate['source']> = {},
  wg = 'gedsi',
): ProposalRowUpdate {
  return {
    source: {
      id,
      title: 'Data anggaran desa terbuka',
      organisation: 'Yayasan Keterbukaan',
      submittedAt: '2026-11-26T03:15:00.000Z',
      issues: [],
      ...extra,
    },
    workingGroupId: wg,
    note: { id: 'Tersimpan di server', en: 'Stored by the server' },
  };
}

function spreadsheet(): {
  doc: MemorySpreadsheet;
  sheets: MemorySpreadsheets;
  props: ReturnType<typeof configured>;
} {
  const sheets = new MemorySpreadsheets();
  const props = configured();
  ensureReviewSpreadsheet({ sheets, props, log: new MemoryLog() }, DEFAULT_ROUND);
  return { doc: sheets.open('ss-1'), sheets, props };
}

function route(doc: MemorySpreadsheet, updates: ProposalRowUpdate[]) {
  const book = ReviewBook.load(doc, DEFAULT_ROUND);
  const summary = upsertProposalRows(book, DEFAULT_ROUND, updates);
  book.flush();
  return summary;
}

const tab = (doc: MemorySpreadsheet, name: string) => doc.sheet(name) as MemorySheet;

describe('upsertProposalRows', () => {
  it('appends a new proposal to its working group tab with version 1, status Submitted and the sync note', () => {
    const { doc } = spreadsheet();
    expect(route(doc, [update('p_00000000000000a1')])).toEqual({ appended: 1, updated: 0, moved: 0 });
    expect(tab(doc, 'GEDSI').row(2)).toEqual([
      'p_00000000000000a1',
      1,
      'Data anggaran desa terbuka',
      'Yayasan Keterbukaan',
      '2026-11-26 10:15',
      'Lengkap / Complete',
      '',
      'Diajukan / Submitted',
      '',
      '',
      '',
      '',
      '',
      '',
      'Tersimpan di server / Stored by the server',
      '',
    ]);
  });

  it('neutralises submitter text that a spreadsheet would read as a formula', () => {
    const { doc } = spreadsheet();
    route(doc, [update('p_00000000000000a2', { title: '=IMPORTXML("http://evil")', organisation: '@org' })]);
    const row = tab(doc, 'GEDSI').row(2);
    expect(row[col('title')]).toBe(`'=IMPORTXML("http://evil")`);
    expect(row[col('organisation')]).toBe("'@org");
  });

  it('counts issues in the completeness cell in both languages', () => {
    const { doc } = spreadsheet();
    route(doc, [update('p_00000000000000a3', { issues: [1, 2, 3] })]);
    expect(tab(doc, 'GEDSI').row(2)[col('validity')]).toBe('Perlu perbaikan (3) / Needs fixes (3)');
  });

  it('sends a proposal without a known working group to the Tanpa Kelompok Kerja tab', () => {
    const { doc } = spreadsheet();
    route(doc, [update('p_00000000000000a4', {}, ''), update('p_00000000000000a5', {}, 'not-a-group')]);
    expect(tab(doc, UNASSIGNED_TAB).lastRow()).toBe(3);
  });

  it('updates an edited proposal in place: new system cells, same version, reviewer cells untouched', () => {
    const { doc } = spreadsheet();
    route(doc, [update('p_00000000000000b1')]);
    const gedsi = tab(doc, 'GEDSI');
    gedsi.cells[1]?.splice(col('version'), 1, 4);
    gedsi.cells[1]?.splice(
      col('reviewer'),
      7,
      'ana@example.org',
      'Diterima / Accepted',
      5,
      4,
      3,
      2,
      'Alasan',
    );
    const before = gedsi.writes;
    expect(route(doc, [update('p_00000000000000b1', { title: 'Judul baru', issues: [1] })])).toMatchObject({
      updated: 1,
    });
    const row = gedsi.row(2);
    expect(row.slice(0, 6)).toEqual([
      'p_00000000000000b1',
      4,
      'Judul baru',
      'Yayasan Keterbukaan',
      '2026-11-26 10:15',
      'Perlu perbaikan (1) / Needs fixes (1)',
    ]);
    expect(row.slice(col('reviewer'), col('mergeTarget'))).toEqual([
      'ana@example.org',
      'Diterima / Accepted',
      5,
      4,
      3,
      2,
      'Alasan',
    ]);
    // Two writes: the system block A-F and the sync note column; never the reviewer columns.
    expect(gedsi.writes - before).toBe(2);
    expect(gedsi.lastRow()).toBe(2);
  });

  it('moves a proposal whose working group changed, with its version and review cells', () => {
    const { doc } = spreadsheet();
    route(doc, [update('p_00000000000000c1')]);
    tab(doc, 'GEDSI').cells[1]?.splice(col('status'), 1, 'Sedang ditinjau / In review');
    expect(route(doc, [update('p_00000000000000c1', {}, 'civic-space-democracy')])).toMatchObject({
      moved: 1,
    });
    expect(tab(doc, 'GEDSI').lastRow()).toBe(1);
    const moved = tab(doc, 'Ruang Sipil & Demokrasi').row(2);
    expect(moved[col('proposalId')]).toBe('p_00000000000000c1');
    expect(moved[col('status')]).toBe('Sedang ditinjau / In review');
    expect(moved[col('version')]).toBe(1);
  });

  it('routes 1,000 proposals with one read per tab and at most three writes per tab, however many rows', () => {
    const { doc } = spreadsheet();
    const many = Array.from({ length: 1000 }, (_, i) =>
      update(`p_${i.toString(16).padStart(16, '0')}`, {}, DEFAULT_ROUND.workingGroups[i % 6]?.id),
    );
    const fresh = doc.io();
    route(doc, many);
    const appended = doc.io();
    expect(appended.writes - fresh.writes).toBe(6);
    route(
      doc,
      many.map((u) => ({ ...u, source: { ...u.source, title: 'Diperbarui' } })),
    );
    const updated = doc.io();
    expect(updated.reads - appended.reads).toBe(6);
    expect(updated.writes - appended.writes).toBe(12);
    expect(tab(doc, 'GEDSI').lastRow()).toBe(1 + 166);
  });
});

describe('syncSheet', () => {
  it('keeps the rows for later while another execution holds the lock, and writes them with the next batch', () => {
    const { doc, sheets, props } = spreadsheet();
    const lock = new MemoryLock();
    const d = { props, sheets, lock, log: new MemoryLog() };
    lock.heldElsewhere = true;
    expect(syncSheet(d, DEFAULT_ROUND, { rows: [update('p_00000000000000d1')] })).toEqual({
      kind: 'pending',
    });
    expect(props.keys().filter((k) => k.startsWith(PENDING_ROW_PREFIX))).toEqual([
      `${PENDING_ROW_PREFIX}p_00000000000000d1`,
    ]);
    lock.heldElsewhere = false;
    expect(syncSheet(d, DEFAULT_ROUND, { rows: [update('p_00000000000000d2')] })).toMatchObject({
      kind: 'written',
      appended: 2,
    });
    expect(props.keys().filter((k) => k.startsWith(PENDING_ROW_PREFIX))).toEqual([]);
    expect(tab(doc, 'GEDSI').lastRow()).toBe(3);
    expect(lock.held).toBe(false);
  });

  it('writes nothing and keeps nothing before setup has created the spreadsheet', () => {
    const props = configured();
    const d = { props, sheets: new MemorySpreadsheets(), lock: new MemoryLock(), log: new MemoryLog() };
    expect(syncSheet(d, DEFAULT_ROUND, { rows: [update('p_00000000000000e1')] })).toEqual({
      kind: 'no-spreadsheet',
    });
    expect(props.keys().some((k) => k.startsWith(PENDING_ROW_PREFIX))).toBe(false);
  });
});
