import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORAGE_TYPES } from '../../../src/publish/release-columns.js';
import { runReleaseQuery } from '../../../src/query/run-query.js';
import { ReleaseSql } from '../../../src/query/release-sql.js';
import { writeParquet } from '../../support/release-parquet.js';

const PENALTY_COLUMNS = {
  decisionNumber: STORAGE_TYPES.string.duckdb,
  fineYuan: STORAGE_TYPES.decimal.duckdb,
  decisionDate: STORAGE_TYPES.date.duckdb,
  penaltyTypes: STORAGE_TYPES['string-list'].duckdb,
};

let cache: string;
const release = (category: string, dataset: string, id: string) => join(cache, category, dataset, `release=${id}`);

beforeAll(async () => {
  cache = await mkdtemp(join(tmpdir(), 'release-sql-'));
  const r1 = release('open', 'enforcement-decisions', '20261101T000000Z-aaaaaaaa');
  const r2 = release('open', 'enforcement-decisions', '20261201T000000Z-bbbbbbbb');
  const r3 = release('restricted', 'exchange-parties', '20261201');
  for (const dir of [r1, r2, r3]) await mkdir(dir, { recursive: true });
  await writeParquet(join(r1, 'enforcement-decisions.parquet'), PENALTY_COLUMNS, [
    ["'绍市监罚〔2026〕1号'", '1000.50', "DATE '2026-10-02'", "['warning','fine']"],
    ["'绍市监罚〔2026〕2号'", '200', "DATE '2026-10-03'", "['fine']"],
  ]);
  // A later release adds a column: earlier releases read it as NULL.
  await writeParquet(join(r2, 'enforcement-decisions.parquet'), { ...PENALTY_COLUMNS, district: 'VARCHAR' }, [
    ["'绍市监罚〔2026〕1号'", '1000.50', "DATE '2026-10-02'", "['warning','fine']", "'越城区'"],
    ["'绍市监罚〔2026〕2号'", '200', "DATE '2026-10-03'", "['fine']", "'柯桥区'"],
    ["'绍市监罚〔2026〕3号'", '0.01', "DATE '2026-11-20'", '[]', 'NULL'],
  ]);
  await writeParquet(join(r3, 'exchange-parties.parquet'), { party: 'VARCHAR', amountYuan: STORAGE_TYPES.decimal.duckdb }, [["'张*'", '12345678.90']]);
  // Not a release: ignored. A half download is never read as Parquet.
  await writeFile(join(r1, 'enforcement-decisions.parquet.partial'), 'half');
  await mkdir(join(cache, 'open', 'empty-set'), { recursive: true });
});
afterAll(() => rm(cache, { recursive: true, force: true }));

describe('ReleaseSql', () => {
  it('has a view per dataset with releases, by SQL name and by quoted id', async () => {
    const sql = await ReleaseSql.open(cache);
    try {
      expect(sql.views).toEqual(['enforcement_decisions', 'exchange_parties', '"enforcement-decisions"', '"exchange-parties"']);
      const quoted = await sql.query('SELECT count(*) AS n FROM "enforcement-decisions"');
      expect(quoted.rows).toEqual([[5]]);
    } finally {
      sql.close();
    }
  });

  it('reads every release with its id in a release column, after the published columns as in the Glue table', async () => {
    const sql = await ReleaseSql.open(cache);
    try {
      const result = await sql.query('SELECT * FROM enforcement_decisions ORDER BY release, decisionNumber');
      expect(result.columns).toEqual(['decisionNumber', 'fineYuan', 'decisionDate', 'penaltyTypes', 'district', 'release']);
      expect(result.types).toEqual(['VARCHAR', 'DECIMAL(18,2)', 'DATE', 'VARCHAR[]', 'VARCHAR', 'VARCHAR']);
      expect(result.rows[0]).toEqual(['绍市监罚〔2026〕1号', 1000.5, '2026-10-02', ['warning', 'fine'], null, '20261101T000000Z-aaaaaaaa']);
      expect(result.rows.at(-1)).toEqual(['绍市监罚〔2026〕3号', 0.01, '2026-11-20', [], null, '20261201T000000Z-bbbbbbbb']);
      const perRelease = await sql.query(
        'SELECT release, count(*) AS rows, sum(fineYuan) AS fines FROM enforcement_decisions GROUP BY release ORDER BY release',
      );
      expect(perRelease.rows).toEqual([
        ['20261101T000000Z-aaaaaaaa', 2, 1200.5],
        ['20261201T000000Z-bbbbbbbb', 3, 1200.51],
      ]);
    } finally {
      sql.close();
    }
  });

  it('keeps a release id that looks like a number as text', async () => {
    const sql = await ReleaseSql.open(cache);
    try {
      expect((await sql.query("SELECT release, amountYuan FROM exchange_parties WHERE release = '20261201'")).rows).toEqual([['20261201', 12345678.9]]);
    } finally {
      sql.close();
    }
  });

  it('refuses a query that reads outside the cache, and one that would unlock it', async () => {
    const sql = await ReleaseSql.open(cache);
    try {
      await expect(sql.query("SELECT * FROM read_csv('/etc/hostname')")).rejects.toThrow(/disabled by configuration|Permission/);
      await expect(sql.query('SET enable_external_access = true')).rejects.toThrow(/locked/);
    } finally {
      sql.close();
    }
  });
});

describe('runReleaseQuery', () => {
  it('formats a table, JSON and CSV', async () => {
    const sql = "SELECT decisionNumber, penaltyTypes, district FROM enforcement_decisions WHERE release = '20261201T000000Z-bbbbbbbb' ORDER BY 1";
    const table = await runReleaseQuery({ sql, output: 'table', cacheDir: cache });
    expect(table).toMatchObject({ ok: true, rows: 3, downloaded: 0 });
    const lines = table.ok ? table.lines : [];
    expect(lines[0]).toMatch(/^decisionNumber\s+│ penaltyTypes\s+│ district$/);
    expect(lines[2]).toBe('绍市监罚〔2026〕1号 │ ["warning","fine"] │ 越城区');
    // Chinese characters and brackets count twice (5 Han + 2 brackets + 5 ASCII = 19 columns): the separators line up.
    expect(lines[1]!.indexOf('┼')).toBe(19 + 1);

    const json = await runReleaseQuery({ sql, output: 'json', cacheDir: cache });
    expect(JSON.parse(json.ok ? json.lines.join('') : 'null')).toEqual([
      { decisionNumber: '绍市监罚〔2026〕1号', penaltyTypes: ['warning', 'fine'], district: '越城区' },
      { decisionNumber: '绍市监罚〔2026〕2号', penaltyTypes: ['fine'], district: '柯桥区' },
      { decisionNumber: '绍市监罚〔2026〕3号', penaltyTypes: [], district: null },
    ]);

    const csv = await runReleaseQuery({ sql, output: 'csv', cacheDir: cache });
    expect(csv.ok && csv.lines).toEqual([
      'decisionNumber,penaltyTypes,district',
      '绍市监罚〔2026〕1号,"[""warning"",""fine""]",越城区',
      '绍市监罚〔2026〕2号,"[""fine""]",柯桥区',
      '绍市监罚〔2026〕3号,[],',
    ]);
  });

  it('reports bad SQL with DuckDB message and the views there are', async () => {
    const outcome = await runReleaseQuery({ sql: 'SELEC 1', output: 'table', cacheDir: cache });
    expect(outcome).toMatchObject({ ok: false, error: expect.stringMatching(/syntax error at or near "SELEC"/) });
    const unknown = await runReleaseQuery({ sql: 'SELECT * FROM no_such_dataset', output: 'table', cacheDir: cache });
    expect(unknown).toMatchObject({ ok: false, error: expect.stringMatching(/no_such_dataset/), views: expect.arrayContaining(['enforcement_decisions']) });
  });

  it('runs with an empty cache: no views, plain SQL still works', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'release-sql-empty-'));
    try {
      expect(await runReleaseQuery({ sql: 'SELECT 1 AS one', output: 'json', cacheDir: empty })).toMatchObject({ ok: true, lines: ['[{"one":1}]'], views: [] });
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
