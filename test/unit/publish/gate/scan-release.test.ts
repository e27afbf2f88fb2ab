import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { scanRelease } from '../../../../src/publish/gate/index.js';
import type { ReleaseColumn } from '../../../../src/publish/release-columns.js';
import { cardNumber, creditCode, idNumber } from '../../../support/graded-record-type.js';

const ID = idNumber('330602', '19850612');
const CARD = cardNumber('622202', 19);

const column = (field: string, title: string, extra: Partial<ReleaseColumn> = {}): ReleaseColumn => ({
  field,
  title,
  titleEn: field,
  description: `${title} / ${field}`,
  type: 'string',
  grade: 'L1',
  ...extra,
});

const COLUMNS: readonly ReleaseColumn[] = [
  column('caseNumber', '案件编号'),
  column('creditCode', '统一社会信用代码', { format: 'uscc' }),
  column('remarks', '备注'),
  column('partyMobile', '联系电话', { grade: 'L2', masking: 'mask-middle when partyType is natural-person' }),
];

type Rows = readonly Readonly<Record<string, string>>[];

/** Clean rows: a masked mobile, a credit code, a document number, a date; nothing personal. */
const CLEAN: Rows = [
  { caseNumber: '绍越市监罚〔2025〕1号', creditCode: creditCode(), remarks: '2025-03-01 已结案', partyMobile: '138****8000' },
  { caseNumber: '绍越市监罚〔2025〕2号', creditCode: creditCode('91330602MA2D8F5X4'), remarks: '罚款5000元', partyMobile: '139****9000' },
  { caseNumber: '绍越市监罚〔2025〕3号', creditCode: creditCode('11330602MB0000000'), remarks: '', partyMobile: '' },
];

/** The same rows with a leak planted: an ID in row 2's remarks, a mobile and a bank card in row 3's. */
const LEAKY: Rows = [CLEAN[0]!, { ...CLEAN[1]!, remarks: `当事人身份证号${ID}，已结案` }, { ...CLEAN[2]!, remarks: `联系13800138000，账号${CARD}` }];

const dir = mkdtempSync(join(tmpdir(), 'tongyuan-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function writeCsv(name: string, rows: Rows, header: (c: ReleaseColumn) => string, columns = COLUMNS): string {
  const path = join(dir, name);
  const lines = [columns.map(header).map(csvCell).join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c.field] ?? '')).join(','))];
  writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
  return path;
}

function writeJsonl(name: string, rows: Rows): string {
  const path = join(dir, name);
  writeFileSync(path, rows.map((row) => `${JSON.stringify(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')))}\n`).join(''));
  return path;
}

async function writeParquet(name: string, rows: Rows): Promise<string> {
  const path = join(dir, name);
  const jsonl = writeJsonl(`${name}.source.jsonl`, rows);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const fields = COLUMNS.map((c) => `${c.field}: 'VARCHAR'`).join(', ');
  await connection.run(`COPY (SELECT * FROM read_json('${jsonl}', format = 'newline_delimited', columns = {${fields}})) TO '${path}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
  return path;
}

async function writeXlsx(name: string, rows: Rows): Promise<string> {
  const path = join(dir, name);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('数据');
  sheet.addRow(COLUMNS.map((c) => c.title)).commit();
  for (const row of rows) sheet.addRow(COLUMNS.map((c) => row[c.field] || null)).commit();
  sheet.commit();
  await workbook.commit();
  return path;
}

async function releaseOf(prefix: string, rows: Rows) {
  return [
    { name: `${prefix}.csv`, format: 'csv', path: writeCsv(`${prefix}.csv`, rows, (c) => c.title) },
    { name: `${prefix}.en.csv`, format: 'csv-en', path: writeCsv(`${prefix}.en.csv`, rows, (c) => c.field) },
    { name: `${prefix}.jsonl`, format: 'jsonl', path: writeJsonl(`${prefix}.jsonl`, rows) },
    { name: `${prefix}.parquet`, format: 'parquet', path: await writeParquet(`${prefix}.parquet`, rows) },
    { name: `${prefix}.xlsx`, format: 'xlsx', path: await writeXlsx(`${prefix}.xlsx`, rows) },
  ];
}

describe('the publish gate reads every file of a release', () => {
  it('passes a clean release in all formats: masked mobiles, credit codes and document numbers are not leaks', async () => {
    const report = await scanRelease(await releaseOf('clean', CLEAN), COLUMNS, 'restricted');
    expect(report).toEqual({ passed: true, findings: [] });
  });

  it('catches the planted ID, mobile and bank card in each format, naming file, row and column', async () => {
    const report = await scanRelease(await releaseOf('leaky', LEAKY), COLUMNS, 'restricted');
    expect(report.passed).toBe(false);
    const found = report.findings.map(({ file, row, column, kind }) => `${file} ${row} ${column} ${kind}`);
    const expected = (file: string, remarks: string) => [`${file} 2 ${remarks} id-number`, `${file} 3 ${remarks} bank-card`, `${file} 3 ${remarks} mobile`];
    expect(found).toEqual([
      ...expected('leaky.csv', '备注'),
      ...expected('leaky.en.csv', 'remarks'),
      ...expected('leaky.jsonl', 'remarks'),
      ...expected('leaky.parquet', 'remarks'),
      ...expected('leaky.xlsx', '备注'),
    ]);
    // The report itself leaks nothing: numbers are shown masked.
    expect(JSON.stringify(report)).not.toContain(ID);
    expect(JSON.stringify(report)).not.toContain(CARD);
    expect(JSON.stringify(report)).not.toContain('13800138000');
  });

  it('flags an L2 column in an open release, and a column that is not the release’s', async () => {
    const extra = [...COLUMNS, column('secret', '秘密')];
    const files = [
      { name: 'open.csv', format: 'csv', path: writeCsv('open.csv', CLEAN, (c) => c.title, extra) },
      { name: 'open.jsonl', format: 'jsonl', path: writeJsonl('open.jsonl', CLEAN) },
    ];
    const report = await scanRelease(files, COLUMNS, 'open');
    expect(report.passed).toBe(false);
    expect(report.findings.map(({ file, row, column, kind }) => `${file} ${row} ${column} ${kind}`)).toEqual([
      'open.csv 0 联系电话 grade-above-category',
      'open.csv 0 秘密 unknown-column',
      'open.jsonl 1 partyMobile grade-above-category',
    ]);
  });

  it('does not take a card-like number in a credit code column for a card', async () => {
    const rows = [{ ...CLEAN[0]!, creditCode: cardNumber('62', 18) }];
    const report = await scanRelease([{ name: 'codes.jsonl', format: 'jsonl', path: writeJsonl('codes.jsonl', rows) }], COLUMNS, 'restricted');
    expect(report).toEqual({ passed: true, findings: [] });
  });
});
