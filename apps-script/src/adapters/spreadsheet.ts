// SpreadsheetsPort over SpreadsheetApp: whole-range reads and writes, data validation, warning-only
// protections, conditional formats and an embedded chart.
// developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
import type { CellBlock, SheetEdit, SheetPort, SpreadsheetDoc, SpreadsheetsPort } from '../ports';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const rangeOf = (s: Sheet, b: CellBlock) => s.getRange(b.row, b.column, b.numRows, b.numColumns);

/** Rows from `row` to the end of the sheet. */
const toEnd = (s: Sheet, row: number) => Math.max(1, s.getMaxRows() - row + 1);

/** A write past the last row throws ("coordinates outside the dimensions"): add the rows first. */
function ensureRows(s: Sheet, lastRow: number): void {
  const max = s.getMaxRows();
  if (lastRow > max) s.insertRowsAfter(max, lastRow - max);
}

function sheetPort(s: Sheet): SheetPort {
  return {
    name: s.getName(),
    lastRow: () => s.getLastRow(),
    read: (b) => rangeOf(s, b).getValues(),
    write(row, column, values) {
      const width = values[0]?.length ?? 0;
      if (!values.length || !width) return;
      ensureRows(s, row + values.length - 1);
      s.getRange(row, column, values.length, width).setValues(values);
    },
    writeFormulas(row, column, formulas) {
      const width = formulas[0]?.length ?? 0;
      if (!formulas.length || !width) return;
      ensureRows(s, row + formulas.length - 1);
      s.getRange(row, column, formulas.length, width).setFormulas(formulas);
    },
    clear: (b) => {
      rangeOf(s, { ...b, numRows: Math.min(b.numRows, toEnd(s, b.row)) }).clearContent();
    },
    deleteRow: (row) => {
      s.deleteRow(row);
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
        s.getRange(firstRow, r.column, toEnd(s, firstRow), 1).setDataValidation(rule);
      }
    },
    protect(blocks, description) {
      for (const p of s.getProtections(SpreadsheetApp.ProtectionType.RANGE))
        if (p.getDescription() === description) p.remove();
      for (const b of blocks) {
        const range = rangeOf(s, { ...b, numRows: b.numRows ?? toEnd(s, b.row) });
        range.protect().setDescription(description).setWarningOnly(true);
      }
    },
    setTextFormats(column, firstRow, rules) {
      const range = s.getRange(firstRow, column, toEnd(s, firstRow), 1);
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

function doc(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): SpreadsheetDoc {
  return {
    id: ss.getId(),
    url: ss.getUrl(),
    name: ss.getName(),
    sheet(name) {
      const s = ss.getSheetByName(name);
      return s ? sheetPort(s) : null;
    },
    sheetNames: () => ss.getSheets().map((s) => s.getName()),
    insertSheet: (name, index) => sheetPort(ss.insertSheet(name, index)),
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
  return {
    spreadsheet: doc(e.source ?? range.getSheet().getParent()),
    sheetName: range.getSheet().getName(),
    block: {
      row: range.getRow(),
      column: range.getColumn(),
      numRows: range.getNumRows(),
      numColumns: range.getNumColumns(),
    },
    ...(e.oldValue !== undefined && e.oldValue !== null ? { oldValue: String(e.oldValue) } : {}),
    user: String(e.user?.getEmail?.() ?? ''),
  };
}
