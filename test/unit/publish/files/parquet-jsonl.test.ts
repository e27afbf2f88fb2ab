import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseWriters } from '../../../../src/publish/files/index.js';
import { STORAGE_TYPES } from '../../../../src/publish/release-columns.js';
import { canonical, columns, dataset, expectedRows, query, rows, tempDir, writeRelease } from './fixtures.js';

const parquetOf = (dir: string) => `'${join(dir, 'test-decisions.parquet')}'`;

describe('the Parquet file', { timeout: 60_000 }, () => {
  it('DuckDB reads back the same rows, in field ids and codes', async () => {
    const { dir } = await writeRelease();
    const read = await query(`SELECT * FROM ${parquetOf(dir)}`);
    expect(read.map((raw) => Object.fromEntries(columns.map((c) => [c.field, canonical(c, raw[c.field])])))).toEqual(
      // Parquet keeps an empty list as an empty list, where a CSV cell cannot tell it from none.
      expectedRows(),
    );
  });

  it('types each column as STORAGE_TYPES says, so it agrees with the Glue table', async () => {
    const { dir } = await writeRelease();
    const described = await query(`DESCRIBE SELECT * FROM ${parquetOf(dir)}`);
    const expected = columns.map((c) => [c.field, STORAGE_TYPES[c.type].duckdb.replace('TIMESTAMPTZ', 'TIMESTAMP WITH TIME ZONE')]);
    expect(described.map((d) => [d.column_name, d.column_type])).toEqual(expected);
  });

  it('keeps amounts exact in DECIMAL(18,2)', async () => {
    const { dir } = await writeRelease();
    const read = await query(`SELECT CAST(fineAmount AS VARCHAR) AS amount FROM ${parquetOf(dir)}`);
    expect(read.map((r) => r.amount)).toEqual(['1234.50', '-12.30', '0.10', '0.07', '99999999999999.99', '9999999999999.99']);
  });

  it('is the same bytes for the same rows (one DuckDB thread)', async () => {
    const first = await writeRelease();
    const second = await writeRelease();
    const sha = (files: typeof first.files) => files.find((f) => f.format === 'parquet')!.file.sha256;
    expect(sha(second.files)).toBe(sha(first.files));
    expect(first.files.find((f) => f.format === 'parquet')!.file.bytes).toBe(readFileSync(join(first.dir, 'test-decisions.parquet')).length);
  });

  it('writes a typed, empty file for a release without rows', async () => {
    const { dir } = await writeRelease([]);
    expect(await query(`SELECT count(*)::INTEGER AS n FROM ${parquetOf(dir)}`)).toEqual([{ n: 0 }]);
    expect(await query(`DESCRIBE SELECT * FROM ${parquetOf(dir)}`)).toHaveLength(columns.length);
  });
});

describe('the JSONL file', { timeout: 60_000 }, () => {
  it('has one object per row in codes, keys in column order, absent values left out', async () => {
    const { dir } = await writeRelease();
    const lines = readFileSync(join(dir, 'test-decisions.jsonl'), 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(rows.length);
    lines.forEach((line, i) => {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      const present = columns.map((c) => c.field).filter((f) => rows[i]![f] !== undefined);
      expect(Object.keys(parsed)).toEqual(present);
    });
    expect(lines[0]).toContain('"fineAmount":1234.50,');
    expect(lines[2]).toBe('{"decisionNumber":"-2+3","partyName":"@SUM(1,2)","caseCount":0,"score":0.0000001,"fineAmount":0.10}');
  });
});

describe('bad values', { timeout: 60_000 }, () => {
  it('fail with the dataset, file and field named instead of being changed', async () => {
    const dir = tempDir();
    const [csv, , jsonl] = releaseWriters(dir, dataset, columns);
    await expect(csv!.write({ fineAmount: 0.1 + 0.2 })).rejects.toThrow(
      'dataset test-decisions, file test-decisions.csv, field fineAmount: 0.30000000000000004 is not an amount',
    );
    await expect(csv!.write({ partyType: 'robot' })).rejects.toThrow('field partyType: no Chinese label for code "robot"');
    await expect(jsonl!.write({ decisionDate: '2025-02-30' })).rejects.toThrow('file test-decisions.jsonl, field decisionDate');
    await expect(jsonl!.write({ caseCount: 1.5 })).rejects.toThrow('field caseCount: 1.5 is not an integer');
    await expect(jsonl!.write({ updatedAt: '2025-03-06 10:00' })).rejects.toThrow('field updatedAt');
  });

  it('refuse two columns with the same field id or title', () => {
    expect(() => releaseWriters(tempDir(), dataset, [...columns, { ...columns[0]!, title: '别名' }])).toThrow('two columns share the field "decisionNumber"');
  });
});
