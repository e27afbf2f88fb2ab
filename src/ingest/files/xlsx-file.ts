import ExcelJS from 'exceljs';
import { columnNames } from './csv-file.js';
import { excerpt } from './file-reason.js';
import { sniffText } from './text-encoding.js';
import { UnreadableFileError } from './unreadable-file.js';

export interface XlsxFormat {
  readonly sheet?: string;
  readonly headerRows?: number;
  readonly dateColumns?: readonly string[];
}

export type XlsxValue = string | number | boolean;

export interface XlsxTable {
  readonly sheet: string;
  /** Column names from the header rows. */
  readonly columns: readonly string[];
  /** Data rows in order, each with its row number in the sheet (for locators). */
  readonly rows: readonly { readonly row: number; readonly item: Record<string, XlsxValue> }[];
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug folded in), in days since the Unix epoch. */
const EXCEL_EPOCH_DAYS = 25569;
const DAY_MS = 86_400_000;

/** An Excel serial date (days since 1899-12-30, fraction = time of day) as ISO date or date-time, wall clock. */
export function excelSerialToIso(serial: number): string {
  const iso = new Date(Math.round((serial - EXCEL_EPOCH_DAYS) * DAY_MS)).toISOString();
  return Number.isInteger(serial) ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** exceljs renders a date cell as a Date whose UTC fields are the sheet's wall clock. */
function dateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** A cell's value as text, number or boolean: rich text joined, formulas by their result, links by their text. */
function plainValue(value: ExcelJS.CellValue): XlsxValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return plainValue(value.result);
  if ('text' in value) return plainValue(value.text);
  if ('error' in value) return String(value.error);
  return undefined;
}

/** Header rows joined top-down per column ("处罚/金额"); merged cells give every column they span their value. */
function headerNames(sheet: ExcelJS.Worksheet, headerRows: number): string[] {
  const width = sheet.columnCount;
  const names: string[] = [];
  for (let c = 1; c <= width; c++) {
    const parts: string[] = [];
    for (let r = 1; r <= headerRows; r++) {
      const cell = sheet.getCell(r, c);
      const text = plainValue((cell.isMerged ? cell.master : cell).value);
      const part = text === undefined ? '' : String(text).trim();
      if (part !== '' && parts[parts.length - 1] !== part) parts.push(part);
    }
    names.push(parts.join('/'));
  }
  return columnNames(names);
}

/** Reads a workbook's sheet (named, or the first) into items keyed by its header. */
export async function readXlsx(bytes: Uint8Array, format: XlsxFormat): Promise<XlsxTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (error) {
    const sniffed = sniffText(bytes);
    // A ZIP that is no workbook, or what the bytes are instead: a CSV, an image, a legacy .xls.
    const what =
      sniffed.kind === 'not-text' && !sniffed.what.en.startsWith('binary file (ZIP')
        ? sniffed.what
        : sniffed.kind === 'not-text'
          ? { zh: excerpt((error as Error).message), en: excerpt((error as Error).message) }
          : { zh: '看来是文本文件（如 CSV）', en: 'looks like a text file (such as CSV)' };
    throw new UnreadableFileError({ zh: `不是可读的 XLSX 工作簿：${what.zh}`, en: `not a readable XLSX workbook: ${what.en}` }, 0);
  }
  const sheet = format.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(format.sheet);
  if (!sheet) {
    const names = workbook.worksheets.map((w) => w.name).join(', ') || '(none)';
    throw new UnreadableFileError(
      format.sheet === undefined
        ? { zh: '工作簿中没有工作表', en: 'the workbook has no sheet' }
        : {
            zh: `没有名为“${format.sheet}”的工作表；工作簿中有：${excerpt(names)}`,
            en: `no sheet named "${format.sheet}"; the workbook has: ${excerpt(names)}`,
          },
      0,
    );
  }
  const headerRows = format.headerRows ?? 1;
  const names = headerNames(sheet, headerRows);
  const dateColumns = new Set(format.dateColumns ?? []);
  for (const column of dateColumns) {
    if (!names.includes(column)) {
      const header = excerpt(names.join(', '));
      throw new UnreadableFileError(
        { zh: `表头中没有日期列“${column}”（表头：${header}）`, en: `date column "${column}" is not in the header (${header})` },
        headerRows,
      );
    }
  }
  const rows: { row: number; item: Record<string, XlsxValue> }[] = [];
  for (let r = headerRows + 1; r <= sheet.rowCount; r++) {
    const item: Record<string, XlsxValue> = {};
    names.forEach((name, i) => {
      let value = plainValue(sheet.getCell(r, i + 1).value);
      if (value === undefined) return;
      if (dateColumns.has(name) && typeof value === 'number') value = excelSerialToIso(value);
      item[name] = value;
    });
    if (Object.keys(item).length > 0) rows.push({ row: r, item });
  }
  return { sheet: sheet.name, columns: names, rows };
}
