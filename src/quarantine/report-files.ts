import ExcelJS from 'exceljs';
import { toCsv } from '../publish/formats.js';
import { DETAIL_COLUMNS, SUMMARY_COLUMNS, type QuarantineReport } from './report.js';

/** The summary and the rows as two CSV files (UTF-8 with BOM, so Excel on a Chinese Windows reads them). */
export function reportCsv(report: QuarantineReport): { summary: string; details: string } {
  return { summary: toCsv(SUMMARY_COLUMNS, report.summary), details: toCsv(DETAIL_COLUMNS, report.details) };
}

/** One workbook: 汇总 (counts by reason, examples) and 明细 (every rejected row). */
export async function reportXlsx(report: QuarantineReport): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'tongyuan';
  // A fixed date keeps the bytes of equal reports equal.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  const sheet = (name: string, columns: readonly string[], rows: QuarantineReport['summary']) => {
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((header) => ({ header, key: header, width: Math.min(60, Math.max(12, header.length * 2)) }));
    ws.getRow(1).font = { bold: true };
    for (const row of rows) ws.addRow(columns.map((column) => row[column] ?? ''));
  };
  sheet(`汇总 ${report.sourceId}`.slice(0, 31), SUMMARY_COLUMNS, report.summary);
  sheet('明细 details', DETAIL_COLUMNS, report.details);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
