import ExcelJS from 'exceljs';
import { XLSX_FIELD_NOTES_HEADER, XLSX_FIELD_NOTES_SHEET } from '../../files/xlsx.js';
import type { TableEvent } from './table.js';

/** A cell's text: rich text joined, a formula by its result, a link by its text. */
function cellValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined || typeof value !== 'object' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return value.result;
  if ('text' in value) return value.text;
  return JSON.stringify(value);
}

const sameNames = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((name, i) => name === b[i]);

/**
 * An XLSX file through exceljs' streaming reader, row by row, every sheet: the first row of
 * a sheet is its header. Shared strings are cached (the format needs them), rows are not.
 */
export async function* readXlsx(path: string): AsyncGenerator<TableEvent> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    let names: string[] | undefined;
    let headerRow = 1;
    const sheetName = (sheet as unknown as { name?: string }).name;
    for await (const row of sheet) {
      // row.values is 1-based and sparse (an empty cell is a hole): index 0 is always empty.
      const values = Array.from((row.values as ExcelJS.CellValue[]).slice(1), cellValue);
      if (!names) {
        names = values.map((value) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value)));
        headerRow = row.number;
        // The field notes describe the columns: their text is scanned, their header is no data column. The
        // reader can leave a sheet's name unknown (met before the workbook's index): then its header tells.
        const notes = sheetName === XLSX_FIELD_NOTES_SHEET || (sheetName === undefined && sameNames(names, XLSX_FIELD_NOTES_HEADER));
        if (notes) names = names.map((name) => `${XLSX_FIELD_NOTES_SHEET}:${name}`);
        else yield { kind: 'header', names };
        continue;
      }
      yield {
        kind: 'row',
        cells: values.map((value, index) => [names![index] ?? `#${index + 1}`, value] as const),
        row: row.number - headerRow,
        ...(sheetName ? { sheet: sheetName } : {}),
      };
    }
  }
}
