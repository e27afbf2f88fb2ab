/**
 * The SQL tables over releases, shared by the Glue catalogue (lib/) and `tongyuan query`
 * (DuckDB, locally): one table per dataset, named alike, over the same Parquet objects,
 * partitioned by release.
 */
import type { DatasetCategory } from '../grading/category.js';
import type { ColumnType } from '../publish/release-columns.js';

/** The partition column: the release id, the folder name each release lives under. */
export const RELEASE_COLUMN = 'release';

/**
 * Sub-folder of a release that holds its Parquet file and nothing else. Athena reads every
 * object under a partition's location (only names starting with `_` or `.` are skipped), so
 * the CSV, JSONL, XLSX and manifest next to the Parquet file would fail the query as
 * "not a Parquet file"; a folder of its own keeps the table readable.
 */
export const PARQUET_FOLDER = 'parquet';

export type { DatasetCategory };

/** `enforcement-decisions` → `enforcement_decisions`: a name SQL takes unquoted, in Glue (lower case) and DuckDB. */
export function queryTableName(datasetId: string): string {
  return datasetId.replace(/-/g, '_');
}

/** Where every release of a dataset lives in the open bucket: `open/<dataset>/` or `restricted/<dataset>/`. */
export function datasetReleasesPrefix(category: DatasetCategory, datasetId: string): string {
  return `${category}/${datasetId}/`;
}

/** The folder of one release's Parquet file. */
export function releaseParquetPrefix(category: DatasetCategory, datasetId: string, release: string): string {
  return `${datasetReleasesPrefix(category, datasetId)}${release}/${PARQUET_FOLDER}/`;
}

/** The key of one release's Parquet file: `<category>/<dataset>/<release>/parquet/<dataset>.parquet`. */
export function releaseParquetKey(category: DatasetCategory, datasetId: string, release: string): string {
  return `${releaseParquetPrefix(category, datasetId, release)}${datasetId}.parquet`;
}

/** One dataset as a SQL table. */
export interface QueryTableDef {
  readonly datasetId: string;
  readonly name: string;
  readonly description: string;
  readonly category: DatasetCategory;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType; readonly comment: string }[];
}
