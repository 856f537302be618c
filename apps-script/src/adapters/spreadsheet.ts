// SpreadsheetsPort over SpreadsheetApp: whole-range reads and writes, data validation, warning-only
// protections, conditional formats and an embedded chart.
// developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
// Every SpreadsheetApp call costs quota and time (tens of ms on real Apps Script), so what one execution
// already knows is not asked again: names, ids and urls are read when first used, a row count once,
// and a write into rows that a read has just returned does not ask how many rows the sheet has.
import type { CellBlock, SheetEdit, SheetPort, SpreadsheetDoc, SpreadsheetsPort } from '../ports';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const rangeOf = (s: Sheet, b: CellBlock) => s.getRange(b.row, b.column, b.numRows, b.numColumns);

/** Memoizes a getter's first answer. */
function once<T>(get: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) [done, value] = [true, get()];
    return value;
  };
}

/** Rows added at a time when a write reaches past the end of a sheet. */
export const GROW_ROWS = 500;

function sheetPort(s: Sheet, knownName?: string): SheetPort {
  const name = knownName === undefined ? once(() => s.getName()) : () => knownName;
  // Rows the sheet is known to have: those a read returned, or its max rows once asked.
  let knownRows = 0;
  let maxRows: number | undefined;
  /**
   * A write past the last row throws ("coordinates outside the dimensions"): add the rows first, at least
   * GROW_ROWS at a time so that growing (and re-applying the layout to the new rows) stays rare.
   */
  const ensureRows = (lastRow: number): boolean => {
    if (lastRow <= knownRows) return false;
    const max = maxRows ?? s.getMaxRows();
    const grow = lastRow > max ? Math.max(lastRow - max, GROW_ROWS) : 0;
    if (grow) s.insertRowsAfter(max, grow);
    maxRows = max + grow;
    knownRows = maxRows;
    return grow > 0;
  };
  const toEnd = (row: number) => {
    maxRows ??= s.getMaxRows();
    return Math.max(1, maxRows - row + 1);
  };
  return {
    get name() {
      return name();
    },
    lastRow: () => s.getLastRow(),
    ensureRows: (lastRow) => ensureRows(lastRow),
    setTextColumns(columns, firstRow) {
      // .../spreadsheet/range#setNumberFormat(String): "@" is plain text; setValues then keeps strings
      // as written ("007", "TRUE", "2022-08-01 09:30") instead of reading them as typed input.
      for (const c of columns) s.getRange(firstRow, c, toEnd(firstRow), 1).setNumberFormat('@');
    },
    read: (b) => {
      const values = rangeOf(s, b).getValues();
      knownRows = Math.max(knownRows, b.row + b.numRows - 1);
      return values;
    },
    write(row, column, values) {
      const width = values[0]?.length ?? 0;
      if (!values.length || !width) return;
      ensureRows(row + values.length - 1);
      s.getRange(row, column, values.length, width).setValues(values);
    },
    writeFormulas(row, column, formulas) {
      const width = formulas[0]?.length ?? 0;
      if (!formulas.length || !width) return;
      ensureRows(row + formulas.length - 1);
      s.getRange(row, column, formulas.length, width).setFormulas(formulas);
    },
    clear: (b) => {
      rangeOf(s, { ...b, numRows: Math.min(b.numRows, toEnd(b.row)) }).clearContent();
    },
    deleteRow: (row) => {
      s.deleteRow(row);
      knownRows = 0;
      maxRows = undefined;
    },
    freezeRows: (rows) => s.setFrozenRows(rows),
    styleHeader(b) {
      rangeOf(s, b).setFontWeight('bold').setWrap(true).setVerticalAlignment('middle');
    },
    setColumnWidths(widths) {
      widths.forEach((w, i) => {
        if (w) s.setColumnWidth(i + 1, w);
      });
    },
    setValidations(rules, firstRow) {
      for (const r of rules) {
        const builder = SpreadsheetApp.newDataValidation();
        if (r.rule.kind === 'list') builder.requireValueInList(r.rule.values, true);
        else builder.requireFormulaSatisfied(r.rule.formula);
        const rule = builder.setAllowInvalid(false).setHelpText(r.helpText).build();
        s.getRange(firstRow, r.column, toEnd(firstRow), 1).setDataValidation(rule);
      }
    },
    protect(blocks, description) {
      for (const p of s.getProtections(SpreadsheetApp.ProtectionType.RANGE))
        if (p.getDescription() === description) p.remove();
      for (const b of blocks) {
        const range = rangeOf(s, { ...b, numRows: b.numRows ?? toEnd(b.row) });
        range.protect().setDescription(description).setWarningOnly(true);
      }
    },
    setTextFormats(column, firstRow, rules) {
      const range = s.getRange(firstRow, column, toEnd(firstRow), 1);
      s.setConditionalFormatRules(
        rules.map((r) => {
          const b = SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(r.text).setRanges([range]);
          if (r.bold !== undefined) b.setBold(r.bold);
          if (r.italic !== undefined) b.setItalic(r.italic);
          if (r.strikethrough !== undefined) b.setStrikethrough(r.strikethrough);
          if (r.background !== undefined) b.setBackground(r.background);
          if (r.fontColor !== undefined) b.setFontColor(r.fontColor);
          return b.build();
        }),
      );
    },
    replaceChart(c) {
      for (const old of s.getCharts()) s.removeChart(old);
      let b = s
        .newChart()
        .setChartType(Charts.ChartType[c.type])
        .addRange(rangeOf(s, c.range))
        .setPosition(c.anchor.row, c.anchor.column, 0, 0);
      for (const [k, v] of Object.entries(c.options)) b = b.setOption(k, v);
      s.insertChart(b.build());
    },
  };
}

function doc(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  known: { sheet: Sheet; name: string }[] = [],
): SpreadsheetDoc {
  const id = once(() => ss.getId());
  const url = once(() => ss.getUrl());
  const name = once(() => ss.getName());
  // One port per tab for the whole execution, so what a port learnt (rows, name) is not asked again.
  const ports = new Map<string, SheetPort | null>();
  for (const k of known) ports.set(k.name, sheetPort(k.sheet, k.name));
  return {
    get id() {
      return id();
    },
    get url() {
      return url();
    },
    get name() {
      return name();
    },
    sheet(sheetName) {
      if (!ports.has(sheetName)) {
        const s = ss.getSheetByName(sheetName);
        ports.set(sheetName, s ? sheetPort(s, sheetName) : null);
      }
      return ports.get(sheetName) ?? null;
    },
    tabsContaining(text) {
      // developers.google.com/apps-script/reference/spreadsheet/text-finder: searches every sheet.
      const hits = ss
        .createTextFinder(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`)
        .useRegularExpression(true)
        .findAll();
      return [...new Set(hits.map((r) => r.getSheet().getName()))];
    },
    insertSheet: (sheetName, index) => {
      const port = sheetPort(ss.insertSheet(sheetName, index), sheetName);
      ports.set(sheetName, port);
      return port;
    },
    sheetNames: () => ss.getSheets().map((s) => s.getName()),
  };
}

export function spreadsheetApp(): SpreadsheetsPort {
  return {
    open: (id) => doc(SpreadsheetApp.openById(id)),
    create(name, firstSheet) {
      const ss = SpreadsheetApp.create(name);
      ss.getSheets()[0]?.setName(firstSheet);
      return doc(ss);
    },
  };
}

/**
 * The logic's view of an installable edit trigger's event. value/oldValue exist only for a single-cell
 * edit, oldValue only when the cell had content; e.user may have an empty email (consumer accounts).
 * developers.google.com/apps-script/guides/triggers/events#edit
 */
export function sheetEdit(e: GoogleAppsScript.Events.SheetsOnEdit): SheetEdit {
  const range = e.range;
  const sheet = range.getSheet();
  const sheetName = sheet.getName();
  return {
    // The edited tab comes with the event: no need to look it up by name again.
    spreadsheet: doc(e.source ?? sheet.getParent(), [{ sheet, name: sheetName }]),
    sheetName,
    // One call instead of four (row, column, rows, columns), unless the edit spans whole rows or columns.
    block: parseA1(range.getA1Notation()) ?? {
      row: range.getRow(),
      column: range.getColumn(),
      numRows: range.getNumRows(),
      numColumns: range.getNumColumns(),
    },
    ...(e.oldValue !== undefined && e.oldValue !== null ? { oldValue: String(e.oldValue) } : {}),
    user: String(e.user?.getEmail?.() ?? ''),
    ...(e.triggerUid ? { triggerId: String(e.triggerUid) } : {}),
  };
}

const columnOf = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);

/** "B5", "B5:D9" -> the block; undefined for any other shape ("B:B", "2:3", a sheet name). */
export function parseA1(a1: string): SheetEdit['block'] | undefined {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(a1.trim().toUpperCase());
  if (!m) return undefined;
  const [c1, r1] = [columnOf(m[1] as string), Number(m[2])];
  const [c2, r2] = m[3] ? [columnOf(m[3]), Number(m[4])] : [c1, r1];
  return {
    row: Math.min(r1, r2),
    column: Math.min(c1, c2),
    numRows: Math.abs(r2 - r1) + 1,
    numColumns: Math.abs(c2 - c1) + 1,
  };
}
