import iconv from 'iconv-lite';
import type { FileCase } from '../support/file-case.js';

/** CSV drops as departments send them, and as they break: encodings, BOMs, truncations, huge cells and lines, hostile cells. */
const HEADER = '序号,行政相对人名称,处罚决定书文号,处罚决定日期';
const row = (i: number, name = `绍兴市越城区第${i}号商行`) => `${i},${name},越市监罚〔2025〕${i}号,2025-03-0${1 + (i % 9)}`;
const text = (rows: readonly string[], eol = '\r\n') => `${HEADER}${eol}${rows.join(eol)}${eol}`;
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i + 1));
const utf8 = (s: string) => new TextEncoder().encode(s);
const enc = (s: string, encoding: string) => new Uint8Array(iconv.encode(s, encoding));
const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const BOM8 = new Uint8Array([0xef, 0xbb, 0xbf]);
const swap16 = (le: Uint8Array) => {
  const be = Buffer.from(le);
  for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
  return new Uint8Array(be);
};

const readable = (name: string, file: Uint8Array, records: number, extra: Partial<FileCase> = {}): FileCase => ({ name, file, expect: { records }, ...extra });
const refused = (name: string, file: Uint8Array, line: number | undefined, words: readonly string[], extra: Partial<FileCase> = {}): FileCase => ({
  name,
  file,
  expect: { rejected: { ...(line === undefined ? {} : { line }), words } },
  ...extra,
});

export const cases: readonly FileCase[] = [
  // Encodings and byte-order marks.
  readable('UTF-8', utf8(text(rows(3))), 3),
  readable('UTF-8 with a BOM', cat(BOM8, utf8(text(rows(3)))), 3),
  readable('GBK', enc(text(rows(3)), 'gbk'), 3),
  readable('GBK declared as GBK', enc(text(rows(3)), 'gbk'), 3, { format: { kind: 'csv', encoding: 'gbk' } }),
  readable('GB18030 with a character outside GBK (𠀀)', enc(text([row(1, '绍兴𠀀商行'), row(2)]), 'gb18030'), 2),
  readable('UTF-16LE with a BOM', cat(new Uint8Array([0xff, 0xfe]), enc(text(rows(3)), 'utf-16le')), 3),
  readable('UTF-16BE with a BOM', cat(new Uint8Array([0xfe, 0xff]), swap16(enc(text(rows(3)), 'utf-16le'))), 3),
  readable('UTF-16LE without a BOM', enc(text(rows(3)), 'utf-16le'), 3),
  readable('UTF-16BE without a BOM', swap16(enc(text(rows(3)), 'utf-16le')), 3),
  readable('UTF-8 declared as GBK-compatible auto, with emoji in a name', utf8(text([row(1, '同源😀商行')])), 1),
  readable('a BOM twice (an editor saved it twice): both are dropped from the first column name', cat(BOM8, BOM8, utf8(text(rows(2)))), 2),
  refused('UTF-32LE with a BOM', cat(new Uint8Array([0xff, 0xfe, 0, 0]), new Uint8Array(16)), 0, ['UTF-32']),
  refused('a PNG renamed .csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), 0, ['PNG']),
  refused('a PDF renamed .csv', utf8('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'), 0, ['PDF']),
  refused('a ZIP (an XLSX sent as CSV)', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), 0, ['ZIP']),
  refused('a gzip file', new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]), 0, ['gzip']),
  refused('a legacy XLS (OLE2) renamed .csv', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 0, ['.xls']),
  refused('an empty file', new Uint8Array(), 0, ['empty']),
  refused('a file of one BOM only', BOM8, 0, ['empty']),
  refused('a file of blank lines only', utf8('\r\n\r\n\n'), 0, ['empty']),

  // Headers.
  readable('a header only: read as no records (the mass-delete guard decides, not the reader)', utf8(`${HEADER}\r\n`), 0),
  refused('no key column in the header', utf8('编号,名称\n1,甲\n'), 1, ['序号']),
  readable('the key column twice in the header: the first is the key, the second kept as 序号_2', utf8('序号,名称,序号\n1,甲,1\n'), 1),
  readable('semicolon-delimited', utf8(text(rows(3)).replaceAll(',', ';')), 3),
  readable('tab-delimited', utf8(text(rows(3)).replaceAll(',', '\t')), 3),
  readable('bare LF line endings', utf8(text(rows(3), '\n')), 3),
  readable('old-Mac CR line endings are one line: no records but a clear count', utf8(text(rows(3), '\r')), 0, { expect: { records: 0, orRejected: true } }),

  // Truncations.
  refused('truncated inside a quoted cell', utf8(`${HEADER}\n1,"绍兴市越城区,越市监罚〔2025〕1号,2025-03-01\n`), undefined, []),
  readable('truncated mid-row (a short last row is read, its missing cells empty or refused)', utf8(`${HEADER}\n${row(1)}\n2,绍兴`), 2, {
    expect: { records: 2, orRejected: true },
  }),
  readable('no newline at the end', utf8(`${HEADER}\n${row(1)}\n${row(2)}`), 2),
  refused('a row with one cell too many', utf8(`${HEADER}\n${row(1)}\n${row(2)},多余\n`), 3, []),
  readable('GBK cut in the middle of a two-byte character', enc(text(rows(2)), 'gbk').subarray(0, -3), 2, { expect: { records: 2, orRejected: true } }),

  // Huge cells and lines.
  readable('a 2 MB cell', utf8(text([row(1, '长'.repeat(700_000)), row(2)])), 2),
  refused('a 10 MB single line', utf8(`编号,${'很长的列名'.repeat(700_000)}`), 1, ['序号']),
  readable('100,000 short rows', utf8(text(rows(100_000))), 100_000),
  readable('a quoted cell holding 10,000 newlines', utf8(text([`1,"${'行\n'.repeat(10_000)}",越市监罚〔2025〕1号,2025-03-01`, row(2)])), 2),

  // Hostile cells: read as data, never evaluated (release CSVs neutralize them: the published corpus).
  readable('formula injection =cmd|…', utf8(text([row(1, "=cmd|' /C calc'!A0"), row(2, '"+SUM(1,1)"'), row(3, '"@HYPERLINK(""http://x"")"')])), 3),
  readable('SQL injection in a name', utf8(text([row(1, "x'); DROP TABLE records;--")])), 1),
  readable('a path traversal in a cell', utf8(text([row(1, '../../../etc/passwd')])), 1),
  readable('NUL and control characters in a cell', utf8(text([row(1, 'a\u0001b\u0007c'), row(2)])), 2),
  readable('the same key twice (the SSOT keeps the last; the reader keeps both rows)', utf8(text([row(1), row(1, '重复')])), 2),
  readable('an empty key cell (the record is quarantined downstream)', utf8(text([',无序号,越市监罚〔2025〕9号,2025-03-01', row(2)])), 2),
  readable('NaN and Infinity as text', utf8(text(['NaN,Infinity,-Infinity,1e309'])), 1),
];
