import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { LIST_DELIMITER } from '../../../../src/publish/files/cells.js';
import { columns, rows, text, writeRelease } from './fixtures.js';

async function readWorkbook(dir: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, 'test-decisions.xlsx'));
  return workbook;
}

/** What a person should see in each cell: labels, 是/否, real numbers and dates, text otherwise. */
function expectedCell(field: string, value: unknown): unknown {
  const column = columns.find((c) => c.field === field)!;
  if (value === undefined) return null;
  switch (column.type) {
    case 'string':
      return column.labels ? column.labels[value as string] : (value as string).replace(/\r\n?/g, '\n');
    case 'number':
      return value;
    case 'integer':
    case 'decimal':
      // Beyond Excel's 15 significant digits the exact text is kept.
      return text(value).replace(/\D/g, '').replace(/^0+/, '').length > 15 ? text(value) : Number(value);
    case 'boolean':
      return value ? '是' : '否';
    case 'date':
      return new Date(`${text(value)}T00:00:00Z`);
    case 'string-list':
      return (value as string[]).map((code) => column.labels![code]).join(LIST_DELIMITER);
    case 'object':
      return JSON.stringify(value);
    default:
      return text(value).replace(/\r\n?/g, '\n');
  }
}

describe('the XLSX file', { timeout: 60_000 }, () => {
  it('exceljs reads back every row with Chinese headers, labels and typed cells', async () => {
    const { dir } = await writeRelease();
    const sheet = (await readWorkbook(dir)).getWorksheet('数据')!;
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(columns.map((c) => c.title));
    rows.forEach((row, i) => {
      const cells = columns.map((_, j) => sheet.getRow(i + 2).getCell(j + 1).value ?? null);
      expect(cells).toEqual(columns.map((c) => expectedCell(c.field, row[c.field])));
    });
  });

  it('keeps text that looks like a formula as text, not a formula', async () => {
    const { dir } = await writeRelease();
    const cell = (await readWorkbook(dir)).getWorksheet('数据')!.getRow(3).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(rows[1]!.decisionNumber);
  });

  it('has a bold, frozen header row and shows dates and amounts in their formats', async () => {
    const { dir } = await writeRelease();
    const sheet = (await readWorkbook(dir)).getWorksheet('数据')!;
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const at = (field: string) => columns.findIndex((c) => c.field === field) + 1;
    expect(sheet.getRow(2).getCell(at('decisionDate')).numFmt).toBe('yyyy-mm-dd');
    expect(sheet.getRow(2).getCell(at('fineAmount')).numFmt).toBe('0.00');
  });

  it('describes every field on the sheet 字段说明', async () => {
    const { dir } = await writeRelease();
    const notes = (await readWorkbook(dir)).getWorksheet('字段说明')!;
    expect(notes.rowCount).toBe(columns.length + 1);
    const fields = columns.map((_, i) => notes.getRow(i + 2).getCell(1).value);
    expect(fields).toEqual(columns.map((c) => c.field));
    expect(notes.getRow(3).getCell(7).value).toBe('legal-person=法人及非法人组织；natural-person=自然人');
  });

  it('reports its bytes and SHA-256', async () => {
    const { files } = await writeRelease();
    const xlsx = files.find((f) => f.format === 'xlsx')!;
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(xlsx.file.path);
    expect(xlsx.file).toMatchObject({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });
});
