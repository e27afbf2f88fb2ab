import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openFileTable } from '../../../src/ingest/files/file-table.js';
import { boundedReason, MAX_REASON_BYTES } from '../../../src/ingest/files/file-reason.js';
import { rejectionMessage } from '../../../src/ingest/files/queue-rejections.js';
import { rejectedFileOf } from '../../../src/ingest/files/inbox.js';
import { UnreadableFileError } from '../../../src/ingest/files/unreadable-file.js';

const TEXT = '序号,行政相对人名称,处罚决定书文号\r\n1,绍兴市越城区某某餐饮店,越市监罚〔2025〕1号\r\n2,浙江同源有限公司,越市监罚〔2025〕2号\r\n';
const ROWS = [
  { 序号: '1', 行政相对人名称: '绍兴市越城区某某餐饮店', 处罚决定书文号: '越市监罚〔2025〕1号' },
  { 序号: '2', 行政相对人名称: '浙江同源有限公司', 处罚决定书文号: '越市监罚〔2025〕2号' },
];
const bytes = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const encode = (encoding: string, text = TEXT) => new Uint8Array(iconv.encode(text, encoding));
const utf16be = (text: string) => {
  const le = Buffer.from(iconv.encode(text, 'utf-16le'));
  for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array(le);
};

async function rowsOf(file: Uint8Array): Promise<unknown[]> {
  const table = await openFileTable(file, { kind: 'csv' }, 'x.csv', '序号');
  return table.page(Array.from({ length: table.count }, (_, i) => i)).items as unknown[];
}

async function refusal(file: Uint8Array, format: Parameters<typeof openFileTable>[1] = { kind: 'csv' }): Promise<UnreadableFileError> {
  const error = await openFileTable(file, format, 'x', '序号').then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UnreadableFileError)) throw new Error(`expected an UnreadableFileError, got ${String(error)}`);
  return error;
}

describe('dropped text files in every encoding departments send', () => {
  it.each([
    ['UTF-8', encode('utf-8')],
    ['UTF-8 with a BOM', bytes(new Uint8Array([0xef, 0xbb, 0xbf]), encode('utf-8'))],
    ['GBK', encode('gbk')],
    ['GB18030', encode('gb18030')],
    ['UTF-16LE with a BOM', bytes(new Uint8Array([0xff, 0xfe]), encode('utf-16le'))],
    ['UTF-16BE with a BOM', bytes(new Uint8Array([0xfe, 0xff]), utf16be(TEXT))],
    ['UTF-16LE without a BOM (its NUL bytes tell)', encode('utf-16le')],
    ['UTF-16BE without a BOM (its NUL bytes tell)', utf16be(TEXT)],
  ])('reads %s to the same rows', async (_, file) => {
    expect(await rowsOf(file)).toEqual(ROWS);
  });

  it('reads a UTF-16 file even where its source declares GBK: the BOM is unambiguous', async () => {
    const table = await openFileTable(bytes(new Uint8Array([0xff, 0xfe]), encode('utf-16le')), { kind: 'csv', encoding: 'gbk' }, 'x.csv', '序号');
    expect(table.page([0, 1]).items).toEqual(ROWS);
  });

  it.each([
    [
      'a PNG image',
      bytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])),
      { zh: '无法作为 CSV 读取：二进制文件（PNG 图片）', en: 'cannot be read as CSV: binary file (PNG image)' },
    ],
    [
      'UTF-32 with a BOM',
      bytes(new Uint8Array([0xff, 0xfe, 0, 0]), new Uint8Array(4)),
      { zh: '无法作为 CSV 读取：UTF-32 文本（不支持）', en: 'cannot be read as CSV: UTF-32 text (not supported)' },
    ],
    [
      'a PDF',
      new TextEncoder().encode('%PDF-1.7\n'),
      { zh: '无法作为 CSV 读取：二进制文件（PDF 文档）', en: 'cannot be read as CSV: binary file (PDF document)' },
    ],
    [
      'NUL bytes on both sides (binary, or UTF-32 without a BOM)',
      new Uint8Array([0x61, 0, 0, 0, 0x62, 0, 0, 0, 0x2c, 0, 0, 0]),
      {
        zh: expect.stringMatching(/^无法作为 CSV 读取：不是文本/),
        en: expect.stringMatching(/^cannot be read as CSV: not text/),
      },
    ],
  ])('refuses %s, naming what it is in both languages', async (_, file, reason) => {
    expect(await refusal(file)).toMatchObject({ line: 0, reason });
  });

  it('names a CSV dropped where a workbook is expected', async () => {
    expect((await refusal(encode('utf-8'), { kind: 'xlsx' })).reason).toEqual({
      zh: '不是可读的 XLSX 工作簿：看来是文本文件（如 CSV）',
      en: 'not a readable XLSX workbook: looks like a text file (such as CSV)',
    });
  });
});

describe('reasons are bounded', () => {
  it('a 10 MB single-line file: the reason quotes at most 200 characters of its header, and its message stays small', async () => {
    const line = `编号,${'很长的列名'.repeat(700_000)}`;
    const error = await refusal(new TextEncoder().encode(line));
    for (const text of [error.reason.zh, error.reason.en]) {
      expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(MAX_REASON_BYTES);
      expect(text).not.toMatch(/[一-龥]{201}/);
    }
    expect(error.reason.en).toMatch(/^the key column "序号" is not in the header \(编号, 很长的列名很长/);
    expect(error.reason.zh).toMatch(/^表头中没有主键列“序号”/);
    const message = rejectionMessage(
      rejectedFileOf('s', 'h', {
        name: 'big.csv',
        disposition: 'rejected',
        key: 'rejected/s/big.csv',
        line: error.line,
        reason: error.reason,
        at: '2026-01-01T00:00:00Z',
      }),
    );
    expect(Buffer.byteLength(message, 'utf8')).toBeLessThan(4 * 1024);
  }, 30_000);

  it('cuts a reason at its byte limit in each language, never mixing them', () => {
    const bounded = boundedReason({ zh: '中'.repeat(5000), en: 'e'.repeat(5000) });
    expect(Buffer.byteLength(bounded.zh, 'utf8')).toBeLessThanOrEqual(MAX_REASON_BYTES);
    expect(Buffer.byteLength(bounded.en, 'utf8')).toBeLessThanOrEqual(MAX_REASON_BYTES);
    expect(bounded.zh).toMatch(/^中+…$/);
    expect(bounded.en).toMatch(/^e+…$/);
  });
});
