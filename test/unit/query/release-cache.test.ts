import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ObjectListing } from '../../../src/ports/index.js';
import { cachedPath, parseReleaseParquetKey, syncReleaseCache } from '../../../src/query/release-cache.js';

/** A bucket in memory that counts downloads and can be told to fail one. */
class MemoryBucket implements ObjectListing {
  readonly downloads: string[] = [];
  failing: string | undefined;
  constructor(readonly objects: Map<string, string>) {}
  async *listKeys(prefix: string): AsyncIterable<string> {
    for (const key of [...this.objects.keys()].sort()) if (key.startsWith(prefix)) yield key;
  }
  async downloadTo(key: string, localPath: string): Promise<void> {
    this.downloads.push(key);
    await writeFile(localPath, key === this.failing ? 'half' : this.objects.get(key)!);
    if (key === this.failing) throw new Error('connection reset');
  }
}

describe('parseReleaseParquetKey', () => {
  it('takes a release Parquet file from the release folder or its parquet/ sub-folder', () => {
    expect(parseReleaseParquetKey('open/enforcement-decisions/20261201T100000Z-ab12cd34/parquet/enforcement-decisions.parquet')).toEqual({
      key: 'open/enforcement-decisions/20261201T100000Z-ab12cd34/parquet/enforcement-decisions.parquet',
      category: 'open',
      datasetId: 'enforcement-decisions',
      release: '20261201T100000Z-ab12cd34',
      fileName: 'enforcement-decisions.parquet',
    });
    expect(parseReleaseParquetKey('restricted/exchange-parties/r1/exchange-parties.parquet')).toMatchObject({ category: 'restricted', release: 'r1' });
  });

  it.each([
    'open/enforcement-decisions/r1/enforcement-decisions.csv',
    'open/enforcement-decisions/r1/manifest.json',
    'open/enforcement-decisions/latest.json',
    'datasets/enforcement-decisions/releases/r1/enforcement-decisions.parquet',
    'open/enforcement-decisions/r1/deeper/still/x.parquet',
    'open/enforcement-decisions/release=r1/x.parquet',
  ])('ignores %s', (key) => {
    expect(parseReleaseParquetKey(key)).toBeUndefined();
  });
});

describe('syncReleaseCache', () => {
  let cache: string;
  let bucket: MemoryBucket;
  beforeEach(async () => {
    cache = await mkdtemp(join(tmpdir(), 'query-cache-'));
    bucket = new MemoryBucket(
      new Map([
        ['open/a-set/r1/parquet/a-set.parquet', 'A1'],
        ['open/a-set/r1/a-set.csv', 'csv'],
        ['open/a-set/r2/parquet/a-set.parquet', 'A2'],
        ['restricted/b-set/r1/parquet/b-set.parquet', 'B1'],
        ['raw/elsewhere.parquet', 'not a release'],
      ]),
    );
  });
  afterEach(() => rm(cache, { recursive: true, force: true }));

  it('fetches every release Parquet file of both categories into release=<id> folders, and nothing else', async () => {
    const synced = await syncReleaseCache(bucket, cache);
    expect(synced.downloaded).toBe(3);
    expect(bucket.downloads.sort()).toEqual([
      'open/a-set/r1/parquet/a-set.parquet',
      'open/a-set/r2/parquet/a-set.parquet',
      'restricted/b-set/r1/parquet/b-set.parquet',
    ]);
    expect(await readFile(join(cache, 'open', 'a-set', 'release=r2', 'a-set.parquet'), 'utf8')).toBe('A2');
    expect(
      await readFile(
        cachedPath(
          cache,
          synced.objects.find((o) => o.datasetId === 'b-set')!,
        ),
        'utf8',
      ),
    ).toBe('B1');
  });

  it('never fetches a release file again: releases are immutable', async () => {
    await syncReleaseCache(bucket, cache);
    bucket.objects.set('open/a-set/r3/parquet/a-set.parquet', 'A3');
    bucket.downloads.length = 0;
    const again = await syncReleaseCache(bucket, cache);
    expect(again.downloaded).toBe(1);
    expect(bucket.downloads).toEqual(['open/a-set/r3/parquet/a-set.parquet']);
    expect(again.objects).toHaveLength(4);
  });

  it('leaves no half file behind when a download fails, naming the key', async () => {
    bucket.failing = 'open/a-set/r2/parquet/a-set.parquet';
    await expect(syncReleaseCache(bucket, cache)).rejects.toThrow(/cannot fetch release file open\/a-set\/r2\/parquet\/a-set.parquet: connection reset/);
    expect(await readdir(join(cache, 'open', 'a-set', 'release=r2'))).toEqual([]);
    bucket.failing = undefined;
    expect((await syncReleaseCache(bucket, cache)).downloaded).toBe(2);
  });
});
