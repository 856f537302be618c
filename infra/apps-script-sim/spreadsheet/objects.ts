// The script-facing Spreadsheet, Sheet and Range objects over the fake's state (they refer to one another).
import { a1, type Cell, type Counted, parseA1, type SimBlock, shiftForInsert, typed } from './cells';
import {
  type BookData,
  SheetData,
  type SimChart,
  type SimConditionalFormat,
  type SimProtection,
  type SimValidation,
} from './model';
import { value } from './values';

export function createObjects(counted: Counted, chartBuilder: () => Record<string, unknown>) {
  const rangeObject = (book: BookData, sheet: SheetData, b: SimBlock): Record<string, unknown> => {
    sheet.check(b);
    const each = (fn: (row: number, column: number, i: number, j: number) => void) => {
      for (let i = 0; i < b.numRows; i++)
        for (let j = 0; j < b.numColumns; j++) fn(b.row + i, b.column + j, i, j);
    };
    const grid = <T>(fn: (row: number, column: number) => T): T[][] =>
      Array.from({ length: b.numRows }, (_, i) =>
        Array.from({ length: b.numColumns }, (_, j) => fn(b.row + i, b.column + j)),
      );
    const shape = (data: unknown[][]) => {
      if (!Array.isArray(data) || data.length !== b.numRows)
        throw new Error(
          `Exception: The number of rows in the data does not match the number of rows in the range. The data has ${data?.length ?? 0} but the range has ${b.numRows}.`,
        );
      for (const row of data)
        if (!Array.isArray(row) || row.length !== b.numColumns)
          throw new Error(
            `Exception: The number of columns in the data does not match the number of columns in the range. The data has ${row?.length ?? 0} but the range has ${b.numColumns}.`,
          );
    };
    const range: Record<string, unknown> = {
      getRow: counted('Range.getRow', () => b.row),
      getColumn: counted('Range.getColumn', () => b.column),
      getNumRows: counted('Range.getNumRows', () => b.numRows),
      getNumColumns: counted('Range.getNumColumns', () => b.numColumns),
      getLastRow: counted('Range.getLastRow', () => b.row + b.numRows - 1),
      getLastColumn: counted('Range.getLastColumn', () => b.column + b.numColumns - 1),
      getA1Notation: counted('Range.getA1Notation', () => a1(b)),
      getSheet: counted('Range.getSheet', () => sheetObject(book, sheet)),
      getValues: counted('Range.getValues', () => grid((r, c) => value(book, sheet, r, c))),
      getValue: counted('Range.getValue', () => value(book, sheet, b.row, b.column)),
      getFormulas: counted('Range.getFormulas', () => grid((r, c) => sheet.cell(r, c).f ?? '')),
      setValues: counted('Range.setValues', (data: unknown[][]) => {
        shape(data);
        each((r, c, i, j) => sheet.put(r, c, typed(data[i]?.[j], sheet.formatAt(r, c))));
        return range;
      }),
      setValue: counted('Range.setValue', (v: unknown) => {
        each((r, c) => sheet.put(r, c, typed(v, sheet.formatAt(r, c))));
        return range;
      }),
      // .../spreadsheet/range#setNumberFormat(String): "@" is plain text (values stay as written).
      setNumberFormat: counted('Range.setNumberFormat', (format: string) => {
        sheet.numberFormats.push({ block: { ...b }, format: String(format) });
        return range;
      }),
      setFormulas: counted('Range.setFormulas', (data: string[][]) => {
        shape(data);
        each((r, c, i, j) => {
          const f = String(data[i]?.[j] ?? '');
          sheet.put(r, c, f ? { v: '', f } : { v: '' });
        });
        return range;
      }),
      clearContent: counted('Range.clearContent', () => {
        each((r, c) => sheet.put(r, c, { v: '' }));
        return range;
      }),
      setFontWeight: counted('Range.setFontWeight', (w: string) => {
        if (w === 'bold') sheet.bold.push(a1(b));
        return range;
      }),
      setWrap: counted('Range.setWrap', () => range),
      setVerticalAlignment: counted('Range.setVerticalAlignment', () => range),
      setDataValidation: counted(
        'Range.setDataValidation',
        (rule: { spec: Omit<SimValidation, 'a1'> } | null) => {
          const inside = (v: SimBlock) =>
            v.row >= b.row &&
            v.column >= b.column &&
            v.row + v.numRows <= b.row + b.numRows &&
            v.column + v.numColumns <= b.column + b.numColumns;
          sheet.validations = sheet.validations.filter((v) => !inside(v.block));
          if (rule) sheet.validations.push({ ...rule.spec, a1: a1(b), block: { ...b } });
          return range;
        },
      ),
      protect: counted('Range.protect', () => {
        const p: SimProtection = { a1: a1(b), description: '', warningOnly: false };
        const entry = { spec: p, object: {} as Record<string, unknown>, block: { ...b } };
        const protection: Record<string, unknown> = {
          setDescription: counted('Protection.setDescription', (d: string) => {
            p.description = String(d);
            return protection;
          }),
          getDescription: counted('Protection.getDescription', () => p.description),
          setWarningOnly: counted('Protection.setWarningOnly', (w: boolean) => {
            p.warningOnly = Boolean(w);
            return protection;
          }),
          isWarningOnly: counted('Protection.isWarningOnly', () => p.warningOnly),
          remove: counted('Protection.remove', () => {
            sheet.protections = sheet.protections.filter((x) => x.spec !== p);
          }),
        };
        entry.object = protection;
        sheet.protections.push(entry);
        return protection;
      }),
    };
    return range;
  };

  const sheetObject = (book: BookData, sheet: SheetData): Record<string, unknown> => {
    const self: Record<string, unknown> = {
      getName: counted('Sheet.getName', () => sheet.name),
      setName: counted('Sheet.setName', (name: string) => {
        if (book.sheets.some((s) => s !== sheet && s.name === name))
          throw new Error(
            `Exception: A sheet with the name "${name}" already exists. Please enter another name.`,
          );
        sheet.name = String(name);
        return self;
      }),
      getParent: counted('Sheet.getParent', () => bookObject(book)),
      getLastRow: counted('Sheet.getLastRow', () => sheet.lastRow()),
      getLastColumn: counted('Sheet.getLastColumn', () => sheet.lastColumn()),
      getMaxRows: counted('Sheet.getMaxRows', () => sheet.maxRows),
      getMaxColumns: counted('Sheet.getMaxColumns', () => sheet.maxColumns),
      getRange: counted(
        'Sheet.getRange',
        (row: number, column: number, numRows?: number, numColumns?: number) => {
          if (typeof row !== 'number') throw new Error('apps-script-sim: only numeric getRange is simulated');
          return rangeObject(book, sheet, {
            row,
            column,
            numRows: numRows ?? 1,
            numColumns: numColumns ?? 1,
          });
        },
      ),
      insertRowsAfter: counted('Sheet.insertRowsAfter', (after: number, howMany: number) => {
        sheet.cells.splice(after, 0, ...Array.from({ length: howMany }, () => [] as Cell[]));
        sheet.maxRows += howMany;
        const move = (blk: SimBlock) => shiftForInsert(blk, after, howMany);
        for (const v of sheet.validations) {
          v.block = move(v.block);
          v.a1 = a1(v.block);
        }
        for (const f of sheet.numberFormats) f.block = move(f.block);
        for (const p of sheet.protections) {
          p.block = move(p.block);
          p.spec.a1 = a1(p.block);
        }
        for (const f of sheet.conditionalFormats)
          f.ranges = f.ranges.map((r) => {
            const blk = parseA1(r);
            return blk ? a1(move(blk)) : r;
          });
        return self;
      }),
      deleteRow: counted('Sheet.deleteRow', (row: number) => {
        if (row < 1 || row > sheet.maxRows) throw new Error('Exception: Those rows are out of bounds.');
        sheet.cells.splice(row - 1, 1);
        sheet.maxRows -= 1;
        return self;
      }),
      getFrozenRows: counted('Sheet.getFrozenRows', () => sheet.frozenRows),
      setFrozenRows: counted('Sheet.setFrozenRows', (n: number) => {
        sheet.frozenRows = n;
      }),
      setColumnWidth: counted('Sheet.setColumnWidth', (column: number, width: number) => {
        sheet.widths[column] = width;
        return self;
      }),
      getColumnWidth: counted('Sheet.getColumnWidth', (column: number) => sheet.widths[column] ?? 100),
      getProtections: counted('Sheet.getProtections', (type: string) =>
        type === 'RANGE' ? sheet.protections.map((p) => p.object) : [],
      ),
      getConditionalFormatRules: counted('Sheet.getConditionalFormatRules', () => [
        ...sheet.conditionalFormats,
      ]),
      setConditionalFormatRules: counted(
        'Sheet.setConditionalFormatRules',
        (rules: { spec: SimConditionalFormat }[]) => {
          sheet.conditionalFormats = rules.map((r) => r.spec);
        },
      ),
      newChart: counted('Sheet.newChart', () => chartBuilder()),
      insertChart: counted('Sheet.insertChart', (chart: { spec: SimChart }) => {
        sheet.charts.push(chart.spec);
      }),
      removeChart: counted('Sheet.removeChart', (chart: { spec: SimChart }) => {
        sheet.charts = sheet.charts.filter((c) => c.id !== chart.spec.id);
      }),
      getCharts: counted('Sheet.getCharts', () =>
        sheet.charts.map((spec) => ({ spec, getId: () => spec.id })),
      ),
    };
    return self;
  };
  const bookObject = (book: BookData): Record<string, unknown> => ({
    getId: counted('Spreadsheet.getId', () => book.id),
    getUrl: counted('Spreadsheet.getUrl', () => book.url),
    getName: counted('Spreadsheet.getName', () => book.name),
    getSheets: counted('Spreadsheet.getSheets', () => book.sheets.map((s) => sheetObject(book, s))),
    // developers.google.com/apps-script/reference/spreadsheet/text-finder: matches a cell's displayed
    // text, in every sheet, case-insensitive unless matchCase(true); a regular expression when asked.
    // Assumed: the displayed text of a plain value is String(value) (true for the ids searched here).
    createTextFinder: counted('Spreadsheet.createTextFinder', (text: string) => {
      const opts = { regex: false, matchCase: false, entire: false };
      const finder: Record<string, unknown> = {
        useRegularExpression: counted('TextFinder.useRegularExpression', (on: boolean) => {
          opts.regex = on;
          return finder;
        }),
        matchCase: counted('TextFinder.matchCase', (on: boolean) => {
          opts.matchCase = on;
          return finder;
        }),
        matchEntireCell: counted('TextFinder.matchEntireCell', (on: boolean) => {
          opts.entire = on;
          return finder;
        }),
        findAll: counted('TextFinder.findAll', () => {
          const escaped = opts.regex ? String(text) : String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          const re = new RegExp(opts.entire ? `^(?:${escaped})$` : escaped, opts.matchCase ? '' : 'i');
          const hits: Record<string, unknown>[] = [];
          for (const s of book.sheets)
            for (let r = 1; r <= s.cells.length; r++)
              for (let c = 1; c <= (s.cells[r - 1]?.length ?? 0); c++) {
                const v = value(book, s, r, c);
                if (v !== '' && re.test(String(v)))
                  hits.push(rangeObject(book, s, { row: r, column: c, numRows: 1, numColumns: 1 }));
              }
          return hits;
        }),
      };
      return finder;
    }),
    getSheetByName: counted('Spreadsheet.getSheetByName', (name: string) => {
      const s = book.sheets.find((x) => x.name === name);
      return s ? sheetObject(book, s) : null;
    }),
    insertSheet: counted('Spreadsheet.insertSheet', (name: string, index?: number) => {
      if (book.sheets.some((s) => s.name === name))
        throw new Error(
          `Exception: A sheet with the name "${name}" already exists. Please enter another name.`,
        );
      const s = new SheetData(String(name));
      book.sheets.splice(index ?? book.sheets.length, 0, s);
      return sheetObject(book, s);
    }),
    toast: counted('Spreadsheet.toast', (message: string, title?: string) => {
      book.toasts.push({
        message: String(message),
        ...(title !== undefined ? { title: String(title) } : {}),
      });
    }),
  });
  return { rangeObject, sheetObject, bookObject };
}
