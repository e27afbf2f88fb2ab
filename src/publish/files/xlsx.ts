/**
 * `<dataset>.xlsx` through exceljs's streaming writer (no shared strings, few styles): a bold,
 * frozen Chinese header row, enum values as Chinese labels, and a second sheet 「字段说明」 that
 * describes every column. Rows are committed as they come, so the sheet is never held in memory.
 *
 * Dates (`date`) are real Excel dates shown as yyyy-mm-dd, so people can sort and filter them;
 * they are calendar days, so no time zone can shift them. Date-times stay ISO 8601 text: an Excel
 * serial has no offset, and turning 2025-03-06T02:00:00Z into a bare 10:00 would lose it. Text
 * cells are stored as strings, never formulas, so they need no neutralization here; a line
 * break inside a cell is written as LF, as Excel itself stores it.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { DatasetConfig } from '../../generated/dataset.types.js';
import type { ReleaseColumn, ReleaseFileWriter, Row, WrittenFile } from '../release-columns.js';
import { cellEncoder } from './cells.js';
import { digestFile } from './text-sink.js';

/** The sheet describing the fields (no data): the gate reads its text but not its header as columns. */
export const XLSX_FIELD_NOTES_SHEET = '字段说明';

/** The field notes sheet's header row. */
export const XLSX_FIELD_NOTES_HEADER: readonly string[] = ['字段标识', '中文名称', '英文名称', '类型', '分级', '说明', '代码与标签'];

/** Excel's last row is 1,048,576; a longer release continues on 数据(2), 数据(3), … */
export const XLSX_MAX_DATA_ROWS = 1_048_575;
/** Rows between checks of the sheet's backlog. */
const CHECK_EVERY = 500;
/** Sheet XML allowed to wait for the zip compressor before rows wait for it. */
const MAX_BACKLOG = 4 * 1024 * 1024;

/**
 * exceljs's streaming writer ignores backpressure: the sheet's XML is pushed into a PassThrough
 * that the zip compressor drains at its own pace, so writing rows faster than it compresses
 * would hold the whole sheet in memory. Rows wait here until that backlog is small again.
 */
async function waitForCompressor(sheet: ExcelJS.Worksheet): Promise<void> {
  // The PassThrough comes from archiver's readable-stream, whose buffered lengths live in the states.
  type Buffered = { _writableState?: { length: number }; _readableState?: { length: number } };
  const stream = (sheet as unknown as { stream?: { pipes?: readonly Buffered[] } }).stream;
  const backlog = (): number => (stream?.pipes ?? []).reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0), 0);
  await new Promise((resolve) => setImmediate(resolve));
  while (backlog() > MAX_BACKLOG) await new Promise((resolve) => setTimeout(resolve, 5));
}

const TYPE_NAMES: Readonly<Record<ReleaseColumn['type'], string>> = {
  string: '文本',
  integer: '整数',
  number: '数值',
  decimal: '金额（两位小数）',
  boolean: '是/否',
  date: '日期',
  'date-time': '日期时间（ISO 8601）',
  'string-list': '列表（以“；”分隔）',
  object: 'JSON',
};

type CellValue = string | number | Date;

function xlsxValue(column: ReleaseColumn, encode: ReturnType<typeof cellEncoder>, value: unknown): CellValue | null {
  const cell = encode(value);
  if (cell === undefined) return null;
  switch (column.type) {
    case 'number':
      return Number(cell.text);
    case 'integer':
    case 'decimal':
      // Excel keeps 15 significant digits; a longer amount or integer stays exact as text.
      return cell.text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length > 15 ? cell.text : Number(cell.text);
    case 'date':
      return new Date(`${cell.text}T00:00:00Z`);
    default:
      // A line break in an Excel cell is LF; XML would turn a CR into LF on reading anyway.
      return cell.text.replace(/\r\n?/g, '\n');
  }
}

function columnStyle(column: ReleaseColumn): Partial<ExcelJS.Style> | undefined {
  if (column.type === 'date') return { numFmt: 'yyyy-mm-dd' };
  if (column.type === 'decimal') return { numFmt: '0.00' };
  return undefined;
}

export function xlsxWriter(dir: string, dataset: DatasetConfig, columns: readonly ReleaseColumn[]): ReleaseFileWriter {
  const name = `${dataset.id}.xlsx`;
  const path = join(dir, name);
  const encoders = columns.map((column) => cellEncoder({ dataset: dataset.id, file: name }, column, true));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  workbook.creator = dataset.publisher;
  workbook.title = dataset.title.zh;
  let sheet: ExcelJS.Worksheet | undefined;
  let sheets = 0;
  let rowsInSheet = 0;
  let written = 0;

  const openSheet = (): ExcelJS.Worksheet => {
    sheets += 1;
    const next = workbook.addWorksheet(sheets === 1 ? '数据' : `数据(${sheets})`, { views: [{ state: 'frozen', ySplit: 1 }] });
    next.columns = columns.map((column) => ({
      key: column.field,
      width: Math.min(40, Math.max(10, column.title.length * 2 + 2)),
      ...(columnStyle(column) ? { style: columnStyle(column) } : {}),
    }));
    const header = next.addRow(columns.map((column) => column.title));
    header.font = { bold: true };
    header.commit();
    rowsInSheet = 0;
    return next;
  };

  const describe = (): void => {
    const notes = workbook.addWorksheet(XLSX_FIELD_NOTES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    notes.columns = [14, 16, 24, 18, 6, 50, 50].map((width) => ({ width }));
    const header = notes.addRow([...XLSX_FIELD_NOTES_HEADER]);
    header.font = { bold: true };
    header.commit();
    for (const column of columns) {
      const labels = column.labels ? Object.entries(column.labels).map(([code, label]) => `${code}=${label}`) : [];
      notes.addRow([column.field, column.title, column.titleEn, TYPE_NAMES[column.type], column.grade, column.description, labels.join('；')]).commit();
    }
    notes.commit();
  };

  return {
    format: 'xlsx',
    name,
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    async write(row: Row): Promise<void> {
      if (!sheet || rowsInSheet === XLSX_MAX_DATA_ROWS) {
        sheet?.commit();
        sheet = openSheet();
      }
      sheet.addRow(columns.map((column, i) => xlsxValue(column, encoders[i]!, row[column.field]))).commit();
      rowsInSheet += 1;
      written += 1;
      if (written % CHECK_EVERY === 0) await waitForCompressor(sheet);
    },
    async close(): Promise<WrittenFile> {
      (sheet ?? openSheet()).commit();
      describe();
      await workbook.commit();
      return digestFile(path);
    },
  };
}
