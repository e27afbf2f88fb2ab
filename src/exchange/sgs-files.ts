import ExcelJS from 'exceljs';
import { toCsv } from '../publish/formats.js';
import { SGS_COLUMNS, type SgsKind, type SgsRow } from './sgs-profile.js';

export const SGS_FORMATS = ['national', 'csv', 'xlsx'] as const;
export type SgsFormat = (typeof SGS_FORMATS)[number];

/** File names of the two national files, by kind and format. */
export const SGS_FILE_BASE: Readonly<Record<SgsKind, string>> = { penalty: 'administrative-penalties', license: 'administrative-licenses' };
const SHEET_NAME: Readonly<Record<SgsKind, string>> = { penalty: '行政处罚', license: '行政许可' };
const EXTENSION: Readonly<Record<SgsFormat, string>> = { national: 'national.csv', csv: 'csv', xlsx: 'xlsx' };

export const sgsFileName = (kind: SgsKind, format: SgsFormat): string => `${SGS_FILE_BASE[kind]}.${EXTENSION[format]}`;

/** national: the standard's field codes as the header row (CF_WSH, XK_XKWS …), UTF-8 with BOM. */
function nationalCsv(kind: SgsKind, rows: readonly SgsRow[]): string {
  return toCsv(
    SGS_COLUMNS[kind].map((c) => c.code),
    rows,
  );
}

/** csv: the same columns under their Chinese titles, for a steward's spreadsheet. */
function chineseCsv(kind: SgsKind, rows: readonly SgsRow[]): string {
  const columns = SGS_COLUMNS[kind];
  return toCsv(
    columns.map((c) => c.title),
    rows.map((row) => Object.fromEntries(columns.map((c) => [c.title, row[c.code]]))),
  );
}

/** xlsx: one sheet, the field codes in row 1 and the Chinese titles in row 2, as the standard's templates lay them out. */
async function workbook(kind: SgsKind, rows: readonly SgsRow[]): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'tongyuan';
  // A fixed date keeps the bytes of equal exports equal.
  book.created = new Date(0);
  book.modified = new Date(0);
  const columns = SGS_COLUMNS[kind];
  const sheet = book.addWorksheet(SHEET_NAME[kind], { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ key: c.code, width: Math.min(60, Math.max(12, c.title.length * 2)) }));
  sheet.addRow(columns.map((c) => c.code)).font = { bold: true };
  sheet.addRow(columns.map((c) => c.title)).font = { bold: true };
  // Every cell is text: a 文号 or an amount in 万元 must not become an Excel number.
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.code] ?? ''));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The bytes of one kind's file in one format. */
export async function renderSgsFile(kind: SgsKind, format: SgsFormat, rows: readonly SgsRow[]): Promise<Uint8Array> {
  if (format === 'xlsx') return workbook(kind, rows);
  return Buffer.from(format === 'national' ? nationalCsv(kind, rows) : chineseCsv(kind, rows), 'utf8');
}
