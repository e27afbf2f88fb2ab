/**
 * A local mirror of every release's Parquet file, for SQL with DuckDB (which has no S3
 * access here: no extension can be downloaded). Releases are immutable, so a file already
 * in the cache is never fetched again; a download lands under a temporary name and is
 * renamed, so an interrupted one is never taken for a cached file.
 */
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DatasetCategory } from '../infra/query-tables.js';
import type { ObjectListing } from '../ports/index.js';

const CATEGORIES: readonly DatasetCategory[] = ['open', 'restricted'];

/** One release's Parquet object, parsed from its key. */
export interface ReleaseParquetObject {
  readonly key: string;
  readonly category: DatasetCategory;
  readonly datasetId: string;
  readonly release: string;
  readonly fileName: string;
}

/**
 * `<category>/<dataset>/<release>/[parquet/]<file>.parquet` → its parts; other keys (CSV,
 * manifests, the latest pointer) → undefined. Both the release folder and its parquet/
 * sub-folder are accepted, so the cache works before and after the builder moves the file.
 */
export function parseReleaseParquetKey(key: string): ReleaseParquetObject | undefined {
  const match = /^(open|restricted)\/([a-z][a-z0-9-]{1,62})\/([^/=]+)\/(?:parquet\/)?([^/]+\.parquet)$/.exec(key);
  if (!match) return undefined;
  const [, category, datasetId, release, fileName] = match as unknown as [string, DatasetCategory, string, string, string];
  return { key, category, datasetId, release, fileName };
}

/** Where a release's Parquet file is kept: hive-style `release=<id>` folders, so DuckDB reads the release as a column. */
export function cachedPath(cacheDir: string, object: ReleaseParquetObject): string {
  return join(cacheDir, object.category, object.datasetId, `release=${object.release}`, object.fileName);
}

export interface CacheSync {
  /** Every release Parquet file in the bucket. */
  readonly objects: readonly ReleaseParquetObject[];
  /** How many were fetched now (the rest were already cached). */
  readonly downloaded: number;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Brings the cache up to date with the bucket: fetches the release Parquet files it lacks. */
export async function syncReleaseCache(bucket: ObjectListing, cacheDir: string): Promise<CacheSync> {
  const objects: ReleaseParquetObject[] = [];
  for (const category of CATEGORIES)
    for await (const key of bucket.listKeys(`${category}/`)) {
      const object = parseReleaseParquetKey(key);
      if (object) objects.push(object);
    }
  let downloaded = 0;
  for (const object of objects) {
    const path = cachedPath(cacheDir, object);
    if (await exists(path)) continue;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const partial = `${path}.partial`;
    try {
      await bucket.downloadTo(object.key, partial);
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw new Error(`cannot fetch release file ${object.key}: ${(error as Error).message}`, { cause: error });
    }
    downloaded += 1;
  }
  return { objects, downloaded };
}
