import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbRecordsReader } from '../../../src/api/records/duckdb-records-reader.js';
import { InvalidRecordQuery, type RecordQuery } from '../../../src/api/records/records-reader.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { decisions, MemoryBucket, putRelease, type ReleasedRecord } from '../../support/records-release.js';

const dataset = decisions('penalties');
const AUTHORITIES = ['绍兴市市场监督管理局', '绍兴市生态环境局', '绍兴市消防救援支队'];
const records: ReleasedRecord[] = Array.from({ length: 57 }, (_, i) => ({
  id: `r${String(i).padStart(3, '0')}`,
  row: {
    decisionNumber: `绍市监罚〔2026〕${i + 1}号`,
    caseName: i % 5 === 0 ? `某餐饮管理有限公司违法案${i}` : `Case ${i} 建材贸易`,
    authority: AUTHORITIES[i % 3],
    decisionDate: `2026-0${1 + (i % 9)}-1${i % 10}`,
    // Every seventh has no amount: NULLs must page like any value.
    ...(i % 7 === 0 ? {} : { fineYuan: (i % 4) * 1000 + 0.5 }),
    district: i % 2 === 0 ? '330602' : '330603',
    penaltyTypes: i % 3 === 0 ? ['fine', 'warning'] : ['warning'],
    sourceUpdatedAt: '2026-03-01T08:00:00Z',
  },
}));

describe('the DuckDB records reader over a release Parquet file', () => {
  let dir: string;
  let reader: DuckDbRecordsReader;
  let bucket: MemoryBucket;
  let release: ReleasePointer;
  const ask = (query: Partial<RecordQuery>) => reader.query({ dataset, release, limit: 100, ...query });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'records-duckdb-'));
    bucket = new MemoryBucket();
    release = await putRelease(bucket, dataset, '20260301T000000000Z-aaaaaaaa', records);
    reader = await DuckDbRecordsReader.open({ objects: bucket, cacheDir: dir, connections: 2 });
  });
  afterAll(async () => {
    reader.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves every row with typed values and the fields’ Chinese and English titles; fetches the file once', async () => {
    const page = await ask({ includeTotal: true });
    expect(page.total).toBe(57);
    expect(page.rows).toHaveLength(57);
    expect(page.nextCursor).toBeUndefined();
    expect(page.fields.map((f) => [f.id, f.type])).toEqual([
      ['decisionNumber', 'string'],
      ['caseName', 'string'],
      ['authority', 'string'],
      ['decisionDate', 'date'],
      ['fineYuan', 'number'],
      ['district', 'string'],
      ['penaltyTypes', 'array'],
      ['sourceUpdatedAt', 'datetime'],
    ]);
    expect(page.fields[0]!.title.zh).toMatch(/文号/);
    expect(page.fields[0]!.title.en).not.toBe('decisionNumber');
    expect(page.rows[1]).toEqual({
      decisionNumber: '绍市监罚〔2026〕2号',
      caseName: 'Case 1 建材贸易',
      authority: '绍兴市生态环境局',
      decisionDate: '2026-02-11',
      fineYuan: 1000.5,
      district: '330603',
      penaltyTypes: ['warning'],
      sourceUpdatedAt: '2026-03-01T08:00:00Z',
    });
    await ask({ limit: 1 });
    expect(bucket.reads.filter((k) => k.endsWith('.parquet'))).toHaveLength(1);
  });

  it('filters by equality (a list is any of), on text, dates and lists', async () => {
    const one = await ask({ filters: { authority: '绍兴市生态环境局' }, includeTotal: true });
    expect(one.total).toBe(19);
    expect(one.rows.every((r) => r.authority === '绍兴市生态环境局')).toBe(true);
    const either = await ask({ filters: { authority: ['绍兴市生态环境局', '绍兴市消防救援支队'], district: '330602' }, includeTotal: true });
    expect(either.total).toBe(records.filter((r, i) => i % 3 !== 0 && i % 2 === 0).length);
    const dated = await ask({ filters: { decisionDate: '2026-02-11' } });
    expect(dated.rows.map((r) => r.decisionNumber)).toEqual(['绍市监罚〔2026〕2号']);
    const listed = await ask({ filters: { penaltyTypes: 'fine' }, includeTotal: true });
    expect(listed.total).toBe(19);
  });

  it('searches text case-insensitively, Chinese included', async () => {
    const chinese = await ask({ q: '餐饮', includeTotal: true });
    expect(chinese.total).toBe(12);
    expect(chinese.rows.every((r) => String(r.caseName).includes('餐饮'))).toBe(true);
    const latin = await ask({ q: 'CASE 1', includeTotal: true });
    expect(latin.rows.map((r) => r.caseName)).toContain('Case 1 建材贸易');
    expect((await ask({ q: '不存在的词', includeTotal: true })).total).toBe(0);
  });

  it('sorts on any field either way, the record order breaking ties', async () => {
    const page = await ask({
      sort: [
        { field: 'authority', descending: true },
        { field: 'decisionDate', descending: false },
      ],
    });
    const keys = page.rows.map((r) => `${String(r.authority)}|${String(r.decisionDate)}`);
    const expected = [...keys].sort((a, b) => {
      const [aa, ad] = a.split('|') as [string, string];
      const [ba, bd] = b.split('|') as [string, string];
      return aa === ba ? ad.localeCompare(bd) : ba.localeCompare(aa) < 0 ? -1 : 1;
    });
    expect(keys).toEqual(expected);
  });

  it.each([
    ['no sort', []],
    ['a nullable amount descending', [{ field: 'fineYuan', descending: true }]],
    [
      'a nullable amount ascending, then date descending',
      [
        { field: 'fineYuan', descending: false },
        { field: 'decisionDate', descending: true },
      ],
    ],
  ] as const)('pages with the keyset cursor without repeats or gaps (%s)', async (_name, sort) => {
    const all = await ask({ sort, limit: 1000 });
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await ask({ sort, limit: 8, ...(cursor ? { cursor } : {}) });
      seen.push(...page.rows.map((r) => r.decisionNumber));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(8);
    expect(seen).toEqual(all.rows.map((r) => r.decisionNumber));
  });

  it('serves only the fields asked for, and filters only on them', async () => {
    const page = await ask({ fields: ['decisionNumber', 'district'], limit: 2 });
    expect(page.rows[0]).toEqual({ decisionNumber: '绍市监罚〔2026〕1号', district: '330602' });
    await expect(ask({ fields: ['decisionNumber'], filters: { district: '330602' } })).rejects.toMatchObject({ parameter: 'district' });
  });

  it('refuses what the release does not have, naming the parameter', async () => {
    const refusal = async (query: Partial<RecordQuery>) => {
      const error = await ask(query).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRecordQuery);
      return (error as InvalidRecordQuery).parameter;
    };
    expect(await refusal({ filters: { nosuch: 'x' } })).toBe('nosuch');
    expect(await refusal({ sort: [{ field: 'nosuch', descending: false }] })).toBe('sort');
    expect(await refusal({ fields: ['nosuch'] })).toBe('fields');
    expect(await refusal({ filters: { decisionDate: '2026-02-30' } })).toBe('decisionDate');
    expect(await refusal({ filters: { fineYuan: 'lots' } })).toBe('fineYuan');
    expect(await refusal({ cursor: 'not a cursor' })).toBe('cursor');
    const { nextCursor } = await ask({ limit: 2 });
    expect(await refusal({ cursor: nextCursor!, q: '餐饮' })).toBe('cursor');
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(nextCursor!, 'base64url').toString()), p: 'x' })).toString('base64url');
    expect(await refusal({ cursor: tampered })).toBe('cursor');
  });

  it('finds records by id through the release state, whatever else the state holds', async () => {
    const page = await ask({ recordIds: ['r003', 'r050', 'gone'] });
    expect(page.recordIds).toEqual(['r003', 'r050']);
    expect(page.rows.map((r) => r.decisionNumber)).toEqual(['绍市监罚〔2026〕4号', '绍市监罚〔2026〕51号']);
  });

  it('treats a value with SQL in it as a value', async () => {
    const page = await ask({ filters: { authority: "x' OR '1'='1" }, q: "'; DROP TABLE x; --", includeTotal: true });
    expect(page.total).toBe(0);
  });
});
