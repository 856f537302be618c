import { describe, expect, it } from '@jest/globals';
import { type AppsScriptSim, createAppsScriptServices } from '../../../../infra/apps-script-sim/services';

// biome-ignore lint/suspicious/noExplicitAny: test access to untyped fakes
type Any = any;
const app = (sim: AppsScriptSim): Any => sim.globals.SpreadsheetApp;

function fresh() {
  const sim = createAppsScriptServices();
  const ss = app(sim).create('Tinjauan');
  return { sim, ss, sheet: ss.getSheets()[0] };
}

describe('SpreadsheetApp fake: values', () => {
  it('creates a spreadsheet with one 1000 x 26 tab named Sheet1 and opens it again by id', () => {
    const { sim, ss, sheet } = fresh();
    expect([sheet.getName(), sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual(['Sheet1', 1000, 26]);
    expect(app(sim).openById(ss.getId()).getName()).toBe('Tinjauan');
    expect(() => app(sim).openById('nope')).toThrow(/openById/);
    expect(app(sim).getActiveSpreadsheet()).toBeNull();
  });

  it('reads back strings as typed: numbers, formulas, and text forced by an apostrophe', () => {
    const { sim, sheet } = fresh();
    sheet.getRange(1, 1, 1, 5).setValues([['4', '=SUM(A1:A1)', "'=HYPERLINK(1)", '-x', 'Judul']]);
    expect(sheet.getRange(1, 1, 1, 5).getValues()).toEqual([[4, 4, '=HYPERLINK(1)', '', 'Judul']]);
    expect(sheet.getRange(1, 1, 1, 5).getFormulas()).toEqual([['', '=SUM(A1:A1)', '', '=-x', '']]);
    expect(sim.sheet('Sheet1')?.values).toEqual([[4, 4, '=HYPERLINK(1)', '', 'Judul']]);
  });

  it('throws like Sheets when the data does not fit the range or the range leaves the sheet', () => {
    const { sheet } = fresh();
    expect(() => sheet.getRange(1, 1, 2, 2).setValues([['a', 'b']])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() => sheet.getRange(1, 1, 1, 2).setValues([['a']])).toThrow(/number of columns/);
    expect(() => sheet.getRange(1000, 1, 2, 1)).toThrow(/outside the dimensions/);
    sheet.insertRowsAfter(1000, 5);
    expect(() => sheet.getRange(1000, 1, 2, 1).setValues([['a'], ['b']])).not.toThrow();
    expect(sheet.getLastRow()).toBe(1001);
  });

  it('shifts rows up when one is deleted', () => {
    const { sheet } = fresh();
    sheet.getRange(1, 1, 3, 1).setValues([['a'], ['b'], ['c']]);
    sheet.deleteRow(2);
    expect(sheet.getRange(1, 1, 2, 1).getValues()).toEqual([['a'], ['c']]);
    expect(sheet.getMaxRows()).toBe(999);
  });

  it('finds cells by text in every tab: substring or whole cell, regular expression, case only when asked', () => {
    const { ss, sheet } = fresh();
    const other = ss.insertSheet('GEDSI');
    sheet.getRange(1, 1, 2, 2).setValues([
      ['p_00ab', 'lihat p_00ab'],
      ['x', ''],
    ]);
    other.getRange(5, 3, 1, 1).setValues([['  P_00AB ']]);
    const where = (hits: Any[]) => hits.map((r) => `${r.getSheet().getName()}!${r.getA1Notation()}`);
    expect(where(ss.createTextFinder('p_00ab').findAll())).toEqual(['Sheet1!A1', 'Sheet1!B1', 'GEDSI!C5']);
    expect(where(ss.createTextFinder('p_00ab').matchEntireCell(true).findAll())).toEqual(['Sheet1!A1']);
    expect(where(ss.createTextFinder('p_00ab').matchCase(true).findAll())).toEqual([
      'Sheet1!A1',
      'Sheet1!B1',
    ]);
    expect(where(ss.createTextFinder('^\\s*p_00ab\\s*$').useRegularExpression(true).findAll())).toEqual([
      'Sheet1!A1',
      'GEDSI!C5',
    ]);
  });

  it('counts every call so tests can prove batching', () => {
    const { sim, sheet } = fresh();
    sim.calls.reset();
    sheet.getRange(1, 1, 500, 3).setValues(Array.from({ length: 500 }, () => ['a', 'b', 'c']));
    sheet.getRange(1, 1, 500, 3).getValues();
    expect(sim.calls.count('Range.setValues')).toBe(1);
    expect(sim.calls.count('Range.getValues')).toBe(1);
    expect(sim.calls.count('Range.setValue')).toBe(0);
  });

  it('evaluates the dashboard formulas over another tab', () => {
    const { sim, ss } = fresh();
    const tab = ss.insertSheet("Hak O'Brien", 1);
    tab.getRange(1, 1, 4, 2).setValues([
      ['id', 'status'],
      ['p1', 'Diterima / Accepted'],
      ['p2', 'Diterima / Accepted'],
      ['p3', 'Ditolak / Rejected'],
    ]);
    const dash = ss.getSheets()[0];
    dash
      .getRange(1, 1, 1, 3)
      .setFormulas([
        [
          `=COUNTIF('Hak O''Brien'!$B$2:$B,"Diterima / Accepted")`,
          `=COUNTA('Hak O''Brien'!$A$2:$A)`,
          '=SUM(A1:B1)',
        ],
      ]);
    expect(sim.sheet('Sheet1')?.values).toEqual([[2, 3, 5]]);
  });
});

describe('SpreadsheetApp fake: layout', () => {
  it('replaces a range validation, and records its criteria, help text and strictness', () => {
    const { sim, sheet } = fresh();
    const rule = (v: string[]) =>
      app(sim)
        .newDataValidation()
        .requireValueInList(v, true)
        .setAllowInvalid(false)
        .setHelpText('Pilih')
        .build();
    sheet.getRange(2, 8, 999, 1).setDataValidation(rule(['a']));
    sheet.getRange(2, 8, 999, 1).setDataValidation(rule(['a', 'b']));
    expect(sim.sheet('Sheet1')?.validations).toEqual([
      {
        a1: 'H2:H1000',
        criteria: 'VALUE_IN_LIST',
        args: [['a', 'b'], true],
        allowInvalid: false,
        helpText: 'Pilih',
      },
    ]);
    expect(() => app(sim).newDataValidation().build()).toThrow(/validation criteria/);
  });

  it('lists range protections and removes one', () => {
    const { sim, sheet } = fresh();
    sheet.getRange(1, 1, 1, 15).protect().setDescription('sistem').setWarningOnly(true);
    sheet.getRange(2, 15, 999, 1).protect().setDescription('lain');
    const [first] = sheet.getProtections(app(sim).ProtectionType.RANGE);
    expect(first.getDescription()).toBe('sistem');
    first.remove();
    expect(sim.sheet('Sheet1')?.protections).toEqual([
      { a1: 'O2:O1000', description: 'lain', warningOnly: false },
    ]);
  });

  it('replaces all conditional format rules at once and keeps charts until removed', () => {
    const { sim, sheet } = fresh();
    const range = sheet.getRange(2, 8, 999, 1);
    const rule = (t: string) =>
      app(sim).newConditionalFormatRule().whenTextEqualTo(t).setBold(true).setRanges([range]).build();
    sheet.setConditionalFormatRules([rule('a'), rule('b')]);
    sheet.setConditionalFormatRules([rule('c')]);
    expect(sim.sheet('Sheet1')?.conditionalFormats).toEqual([
      { ranges: ['H2:H1000'], whenTextEqualTo: 'c', format: { bold: true } },
    ]);
    const chart = sheet
      .newChart()
      .setChartType(sim.globals.Charts && (sim.globals.Charts as Any).ChartType.BAR)
      .addRange(sheet.getRange(4, 1, 8, 8))
      .setPosition(14, 1, 0, 0)
      .setOption('isStacked', true)
      .build();
    sheet.insertChart(chart);
    expect(sim.sheet('Sheet1')?.charts).toEqual([
      expect.objectContaining({ type: 'BAR', ranges: ['A4:H11'], position: { row: 14, column: 1 } }),
    ]);
    for (const c of sheet.getCharts()) sheet.removeChart(c);
    expect(sim.sheet('Sheet1')?.charts).toEqual([]);
  });
});

describe('userEdit', () => {
  it('gives a single-cell edit value and oldValue as strings, like the installable edit trigger', () => {
    const { sim, sheet } = fresh();
    sheet.getRange(2, 9, 1, 1).setValues([[3]]);
    sim.calls.reset();
    const e: Any = sim.userEdit({
      sheet: 'Sheet1',
      row: 2,
      column: 9,
      values: [['4']],
      user: 'ana@example.org',
    });
    expect(e).toMatchObject({ authMode: 'FULL', value: '4', oldValue: '3' });
    expect(e.user.getEmail()).toBe('ana@example.org');
    expect([
      e.range.getRow(),
      e.range.getColumn(),
      e.range.getNumRows(),
      e.range.getSheet().getName(),
    ]).toEqual([2, 9, 1, 'Sheet1']);
    expect(sheet.getRange(2, 9, 1, 1).getValues()).toEqual([[4]]);
    expect(sim.calls.count('Range.setValues')).toBe(0);
  });

  it('leaves out oldValue for an empty cell, value for a cleared one, and both for a paste', () => {
    const { sim } = fresh();
    const typed: Any = sim.userEdit({ sheet: 'Sheet1', row: 2, column: 7, values: [['ana']] });
    expect('oldValue' in typed).toBe(false);
    const cleared: Any = sim.userEdit({ sheet: 'Sheet1', row: 2, column: 7, values: [['']] });
    expect(['value' in cleared, cleared.oldValue]).toEqual([false, 'ana']);
    const paste: Any = sim.userEdit({ sheet: 'Sheet1', row: 2, column: 7, values: [['a'], ['b']] });
    expect(['value' in paste, 'oldValue' in paste, paste.range.getNumRows()]).toEqual([false, false, 2]);
  });

  it('carries the unique id of the edit trigger installed for the edited spreadsheet as triggerUid', () => {
    const { sim, ss } = fresh();
    const other = app(sim).create('Lama');
    const script: Any = sim.globals.ScriptApp;
    const onOther = script.newTrigger('onReviewEdit').forSpreadsheet(other.getId()).onEdit().create();
    const onThis = script.newTrigger('onReviewEdit').forSpreadsheet(ss.getId()).onEdit().create();
    const here: Any = sim.userEdit({ sheet: 'Sheet1', row: 2, column: 1, values: [['a']] });
    const there: Any = sim.userEdit({
      spreadsheetId: other.getId(),
      sheet: 'Sheet1',
      row: 2,
      column: 1,
      values: [['a']],
    });
    expect([here.triggerUid, there.triggerUid]).toEqual([onThis.getUniqueId(), onOther.getUniqueId()]);
  });
});
