import ExcelJS from 'exceljs';
import type { FileCase } from '../support/file-case.js';

/** XLSX drops: workbooks as departments export them, and files that only claim to be one. */
const HEADER = ['序号', '行政相对人名称', '处罚决定书文号', '处罚决定日期'];

async function workbook(rows: readonly (readonly unknown[])[], build?: (book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  if (build) build(book);
  else {
    const sheet = book.addWorksheet('处罚');
    for (const r of rows) sheet.addRow([...r]);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
const row = (i: number, name = `绍兴市越城区第${i}号商行`) => [i, name, `越市监罚〔2025〕${i}号`, '2025-03-01'];
const xlsx = { kind: 'xlsx' } as const;

const good = await workbook([HEADER, row(1), row(2), row(3)]);

export const cases: readonly FileCase[] = [
  { name: 'a plain workbook', file: good, format: xlsx, expect: { records: 3 } },
  { name: 'a header only', file: await workbook([HEADER]), format: xlsx, expect: { records: 0 } },
  { name: 'a workbook with no sheet rows', file: await workbook([]), format: xlsx, expect: { rejected: { line: 0, words: ['no header row'] } } },
  { name: 'a header-only sheet without the key column', file: await workbook([['编号', '名称']]), format: xlsx, expect: { rejected: { words: ['序号'] } } },
  {
    name: 'a truncated workbook (half its bytes)',
    file: good.subarray(0, Math.floor(good.length / 2)),
    format: xlsx,
    expect: { rejected: { line: 0, words: [] } },
  },
  {
    name: 'a CSV renamed .xlsx',
    file: new TextEncoder().encode(`${HEADER.join(',')}\n1,甲,乙,2025-03-01\n`),
    format: xlsx,
    expect: { rejected: { line: 0, words: [] } },
  },
  { name: 'an empty file renamed .xlsx', file: new Uint8Array(), format: xlsx, expect: { rejected: { line: 0, words: [] } } },
  {
    name: 'a legacy XLS (OLE2) signature',
    file: new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
    format: xlsx,
    expect: { rejected: { line: 0, words: ['XLS'] } },
  },
  {
    name: 'no key column',
    file: await workbook([
      ['编号', '名称'],
      [1, '甲'],
    ]),
    format: xlsx,
    expect: { rejected: { words: ['序号'] } },
  },
  {
    name: 'a formula cell (its cached value is read, never evaluated)',
    file: await workbook([HEADER, [1, { formula: 'CONCAT("a","b")', result: 'ab' }, 'x', '2025-03-01']]),
    format: xlsx,
    expect: { records: 1 },
  },
  { name: 'formula injection as text', file: await workbook([HEADER, row(1, "=cmd|' /C calc'!A0")]), format: xlsx, expect: { records: 1 } },
  { name: 'a 32,767-character cell (Excel maximum)', file: await workbook([HEADER, row(1, '长'.repeat(32_767))]), format: xlsx, expect: { records: 1 } },
  { name: 'the sheet named in the source is missing', file: good, format: { kind: 'xlsx', sheet: '不存在' }, expect: { rejected: { words: ['不存在'] } } },
  {
    name: 'two header rows joined',
    file: await workbook([['决定', '决定', '决定', '决定'], HEADER, row(1)]),
    format: { kind: 'xlsx', headerRows: 2 },
    keyColumn: '决定/序号',
    expect: { records: 1 },
  },
  { name: 'NaN-like and huge numbers', file: await workbook([HEADER, [1, Number.MAX_VALUE, -0, 1e-320]]), format: xlsx, expect: { records: 1 } },
  { name: 'blank rows between records', file: await workbook([HEADER, row(1), [], [], row(2)]), format: xlsx, expect: { records: 2 } },
];
