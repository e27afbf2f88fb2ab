import type { ObjectListing } from '../ports/index.js';
import { formatCsv, formatJson, formatTable } from './format-result.js';
import { QueryError, ReleaseSql } from './release-sql.js';
import { syncReleaseCache } from './release-cache.js';

export type QueryOutput = 'table' | 'json' | 'csv';

export interface ReleaseQuery {
  readonly sql: string;
  readonly output: QueryOutput;
  /** Local mirror of the release Parquet files (under the stack's state directory). */
  readonly cacheDir: string;
  /** The bucket to bring the cache up to date from first; absent: query the cache as it is. */
  readonly bucket?: ObjectListing;
}

export type ReleaseQueryOutcome =
  | { readonly ok: true; readonly lines: readonly string[]; readonly rows: number; readonly views: readonly string[]; readonly downloaded: number }
  | { readonly ok: false; readonly error: string; readonly views: readonly string[] };

/** Syncs the cache, runs one SQL statement over every release and formats the result; a refused query is an outcome, not a throw. */
export async function runReleaseQuery(query: ReleaseQuery): Promise<ReleaseQueryOutcome> {
  const downloaded = query.bucket ? (await syncReleaseCache(query.bucket, query.cacheDir)).downloaded : 0;
  const sql = await ReleaseSql.open(query.cacheDir);
  try {
    const result = await sql.query(query.sql);
    const lines = query.output === 'json' ? [formatJson(result)] : query.output === 'csv' ? formatCsv(result) : formatTable(result);
    return { ok: true, lines, rows: result.rows.length, views: sql.views, downloaded };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, error: error.message, views: sql.views };
    throw error;
  } finally {
    sql.close();
  }
}
