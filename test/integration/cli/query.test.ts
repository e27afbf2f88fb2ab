import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import { releaseParquetKey } from '../../../src/infra/query-tables.js';
import { STORAGE_TYPES } from '../../../src/publish/release-columns.js';
import { startCli } from '../../support/cli.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';
import { writeParquet } from '../../support/release-parquet.js';

async function cli(args: string[], env: Record<string, string>) {
  const run = startCli(args, env);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

describe('tongyuan query, over release files in the open bucket', () => {
  const home = mkdtempSync(join(tmpdir(), 'tongyuan-query-'));
  const files = mkdtempSync(join(tmpdir(), 'tongyuan-query-files-'));
  // Own dataset ids: the shared bucket holds other tests' objects.
  const dataset = `q-${uniqueSuffix()}`;
  const view = dataset.replace(/-/g, '_');
  let env: Record<string, string>;

  beforeAll(async () => {
    const shared = await useSharedAws();
    env = { ...shared.env, TONGYUAN_HOME: home };
    const open = new S3ObjectStore(shared.clients.s3, shared.config.resources.bucket('open'));
    const columns = { decisionNumber: STORAGE_TYPES.string.duckdb, fineYuan: STORAGE_TYPES.decimal.duckdb };
    for (const [release, rows] of [
      ['20261101T000000Z-aaaaaaaa', [["'绍罚〔2026〕1号'", '100.50']]],
      [
        '20261201T000000Z-bbbbbbbb',
        [
          ["'绍罚〔2026〕1号'", '100.50'],
          ["'绍罚〔2026〕2号'", '20'],
        ],
      ],
    ] as const) {
      const local = join(files, `${release}.parquet`);
      await writeParquet(local, columns, rows);
      await open.putFile(releaseParquetKey('open', dataset, release), local);
      // The other files of a release sit next to it and are not read.
      await open.put(`open/${dataset}/${release}/${dataset}.csv`, '\uFEFF文号,罚款金额\r\n');
    }
  });
  afterAll(() => {
    rmSync(home, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  it('fetches the release Parquet files once and answers SQL over every release', async () => {
    const sql = `SELECT release, count(*) AS n, sum(fineYuan) AS fines FROM ${view} GROUP BY release ORDER BY release`;
    const first = await cli(['query', sql, '--json'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual([
      { release: '20261101T000000Z-aaaaaaaa', n: 1, fines: 100.5 },
      { release: '20261201T000000Z-bbbbbbbb', n: 2, fines: 120.5 },
    ]);
    expect(first.stderr).toMatch(/fetched \d+ release file/);

    // Releases are immutable: nothing of this dataset is fetched again, and the quoted id works too.
    const again = await cli(['query', `SELECT count(*) AS n FROM "${dataset}"`, '--csv'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.trim().split('\n')).toEqual(['n', '3']);
    expect(again.stderr).not.toMatch(/fetched/);
  });

  it('--offline queries the cache without a stack', async () => {
    const offline = await cli(['query', `SELECT decisionNumber FROM ${view} WHERE release = '20261101T000000Z-aaaaaaaa'`, '--offline'], {
      TONGYUAN_HOME: home,
    });
    expect(offline.code, offline.stderr).toBe(0);
    expect(offline.stdout).toContain('绍罚〔2026〕1号');
  });

  it('fails with DuckDB message and a non-zero exit on bad SQL', async () => {
    const bad = await cli(['query', `SELECT nope FROM ${view}`, '--offline'], { TONGYUAN_HOME: home });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/query failed: .*nope/);
    expect(bad.stdout).toBe('');
  });
});
