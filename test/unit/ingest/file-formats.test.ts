import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { csvItems, layoutCsv, pageBytes, splitRecords } from '../../../src/ingest/files/csv-file.js';
import { detectEncoding } from '../../../src/ingest/files/text-encoding.js';
import { UnreadableFileError } from '../../../src/ingest/files/unreadable-file.js';
import { excelSerialToIso, readXlsx } from '../../../src/ingest/files/xlsx-file.js';

const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));
const CSV =
  '行政相对人名称,统一社会信用代码,处罚决定书文号\n绍兴市越城区某某餐饮店,92330602MA2D123456,"越市监罚〔2025〕1号"\n"浙江""同源""有限公司",91330600MA2BX12345,"越市监罚〔2025〕2号, 附件"\n';

function thrown(fn: () => unknown): UnreadableFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof UnreadableFileError) return error;
    throw error;
  }
  throw new Error('expected an UnreadableFileError');
}

describe('CSV file drops', () => {
  it('reads GBK, GB18030, UTF-8 and UTF-8 with BOM to the same rows', () => {
    const expected = csvItems(new TextEncoder().encode(CSV), {});
    expect(expected[1]).toEqual({ 行政相对人名称: '浙江"同源"有限公司', 统一社会信用代码: '91330600MA2BX12345', 处罚决定书文号: '越市监罚〔2025〕2号, 附件' });
    for (const bytes of [gbk(CSV), new Uint8Array(iconv.encode(CSV, 'gb18030')), new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(CSV)])]) {
      expect(csvItems(bytes, {})).toEqual(expected);
    }
  });

  it('detects GBK as GB18030 and reads characters only GB18030 has', () => {
    const rare = '名称\n𠀀字号\n'; // U+20000, outside GBK
    const bytes = new Uint8Array(iconv.encode(rare, 'gb18030'));
    expect(detectEncoding(bytes)).toBe('gb18030');
    expect(csvItems(bytes, {})).toEqual([{ 名称: '𠀀字号' }]);
  });

  it('detects the delimiter from the header, or takes the declared one', () => {
    const semicolon = gbk('编号;名称\n1;甲\n2;乙\n');
    expect(csvItems(semicolon, {})).toEqual([
      { 编号: '1', 名称: '甲' },
      { 编号: '2', 名称: '乙' },
    ]);
    expect(csvItems(gbk('编号|名称\n1|甲\n'), { delimiter: '|', encoding: 'gbk' })).toEqual([{ 编号: '1', 名称: '甲' }]);
  });

  it('cuts pages byte for byte, each with the header, and quoted newlines stay inside their record', () => {
    const text = '编号,说明\r\n1,"第一行\n第二行"\r\n\r\n2,乙\r\n3,丙\r\n';
    const bytes = gbk(text);
    const layout = layoutCsv(bytes, {});
    expect(layout.records.map((r) => r.line)).toEqual([2, 5, 6]);
    const page = pageBytes(bytes, layout, [1, 2]);
    expect(iconv.decode(Buffer.from(page), 'gbk')).toBe('编号,说明\r\n2,乙\r\n3,丙');
    expect(csvItems(page, {})).toEqual([
      { 编号: '2', 说明: '乙' },
      { 编号: '3', 说明: '丙' },
    ]);
    expect(csvItems(pageBytes(bytes, layout, [0]), {})).toEqual([{ 编号: '1', 说明: '第一行\n第二行' }]);
    // Records that are not neighbours are joined by the file's own line ending.
    expect(iconv.decode(Buffer.from(pageBytes(bytes, layout, [0, 2])), 'gbk')).toBe('编号,说明\r\n1,"第一行\n第二行"\r\n3,丙');
  });

  it('finds record boundaries on GBK bytes whose trail byte is a pipe', () => {
    // 亅 (GBK 0x81 0x7C) has "|" as its second byte: with "|" as delimiter it must stay one field.
    const bytes = gbk('编号|名称\n1|亅字\n');
    expect([...bytes.slice(-5, -3)]).toEqual([0x81, 0x7c]);
    expect(splitRecords(bytes).length).toBe(2);
    expect(csvItems(bytes, { delimiter: '|' })).toEqual([{ 编号: '1', 名称: '亅字' }]);
  });

  it('names the line where an unreadable file fails', () => {
    expect(thrown(() => layoutCsv(gbk('编号,名称\n1,甲\n2,乙,多余\n'), {}))).toMatchObject({
      line: 3,
      message: expect.stringMatching(/^line 3: /),
      reason: {
        zh: '字段数不符：表头有 2 列，该行有 3 列；该行：2,乙,多余',
        en: 'wrong number of fields: the header has 2, the line has 3; the line: 2,乙,多余',
      },
    });
    expect(thrown(() => layoutCsv(gbk('编号,名称\n1,"甲\n'), {}))).toMatchObject({ line: 2 });
    const badUtf8 = new Uint8Array([...new TextEncoder().encode('a,b\n1,2\n'), 0xff, 0x2c, 0x33, 0x0a]);
    expect(thrown(() => layoutCsv(badUtf8, { encoding: 'utf-8' }))).toMatchObject({
      line: 3,
      reason: { zh: '含有不是 UTF-8 文本的字节；该行：\uFFFD,3', en: 'bytes that are not UTF-8 text; the line: \uFFFD,3' },
    });
    expect(thrown(() => layoutCsv(new Uint8Array(), {}))).toMatchObject({
      line: 0,
      reason: { zh: '文件为空：没有表头行', en: 'the file is empty: no header row' },
    });
  });
});

async function workbook(build: (sheet: ExcelJS.Worksheet, book: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('说明'), book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('XLSX file drops', () => {
  it('reads a named sheet with a two-row merged header, dates and Excel serial dates', async () => {
    const bytes = await workbook((notes, book) => {
      notes.addRow(['not the data']);
      const sheet = book.addWorksheet('事项清单');
      sheet.addRow(['事项编码', '事项名称', '办理时限', null, '更新日期']);
      sheet.addRow([null, null, '法定', '承诺', null]);
      sheet.mergeCells('C1:D1');
      sheet.mergeCells('A1:A2');
      sheet.addRow(['330602-001', '食品经营许可', 20, 10, 45658]);
      sheet.addRow([]);
      sheet.addRow(['330602-002', { richText: [{ text: '药品' }, { text: '零售' }] }, 15, 5, new Date(Date.UTC(2025, 0, 2))]);
    });
    const table = await readXlsx(bytes, { sheet: '事项清单', headerRows: 2, dateColumns: ['更新日期'] });
    expect(table.rows).toEqual([
      { row: 3, item: { 事项编码: '330602-001', 事项名称: '食品经营许可', '办理时限/法定': 20, '办理时限/承诺': 10, 更新日期: '2025-01-01' } },
      { row: 5, item: { 事项编码: '330602-002', 事项名称: '药品零售', '办理时限/法定': 15, '办理时限/承诺': 5, 更新日期: '2025-01-02' } },
    ]);
    expect((await readXlsx(bytes, {})).sheet).toBe('说明');
  });

  it('converts Excel serial dates, with the time of day when there is one', () => {
    expect(excelSerialToIso(45658)).toBe('2025-01-01');
    expect(excelSerialToIso(45658.75)).toBe('2025-01-01T18:00:00');
  });

  it('says what is wrong with a workbook it cannot read', async () => {
    await expect(readXlsx(new TextEncoder().encode('not a zip'), {})).rejects.toThrow(/^not a readable XLSX workbook: /);
    const bytes = await workbook((sheet) => sheet.addRow(['a']));
    await expect(readXlsx(bytes, { sheet: '数据' })).rejects.toThrow('no sheet named "数据"; the workbook has: 说明');
  });
});

describe('a dropped file without the source key column', () => {
  it('is unreadable, naming the column and the header it has', async () => {
    const { openFileTable } = await import('../../../src/ingest/files/file-table.js');
    await expect(openFileTable(gbk('编号,名称\n1,甲\n'), { kind: 'csv' }, 'x.csv', '序号')).rejects.toThrow(
      'line 1: the key column "序号" is not in the header (编号, 名称)',
    );
    const bytes = await workbook((sheet) => (sheet.addRow(['编号']), sheet.addRow([1])));
    await expect(openFileTable(bytes, { kind: 'xlsx' }, 'x.xlsx', '序号')).rejects.toThrow(
      'line 1: the key column "序号" is not in the header of sheet 说明 (编号)',
    );
  });
});

describe('record boundaries found on bytes agree with a CSV parser', () => {
  it('for any table of fields with quotes, delimiters, newlines and Chinese text, in GBK', async () => {
    const fc = await import('fast-check');
    const field = fc.array(fc.constantFrom('a', '1', ',', '"', '\n', '\r\n', ' ', '甲', '〔', '亅', '号'), { maxLength: 6 }).map((parts) => parts.join(''));
    const quoteField = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replaceAll('"', '""')}"` : f);
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }), fc.boolean(), (rows, crlf) => {
        const text = `编号,名称${crlf ? '\r\n' : '\n'}${rows.map((r) => r.map(quoteField).join(',')).join(crlf ? '\r\n' : '\n')}`;
        const bytes = gbk(text);
        const layout = layoutCsv(bytes, {});
        expect(layout.records.length).toBe(rows.length);
        const all = Array.from({ length: rows.length }, (_, i) => i);
        expect(csvItems(pageBytes(bytes, layout, all), {}).map((r) => [r['编号'], r['名称']])).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
