/**
 * SQL over every cached release with DuckDB: one view per dataset over all its releases,
 * with the release id as a `release` column — the shape of the Glue table Athena queries.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBResultReader } from '@duckdb/node-api';
import { queryTableName, RELEASE_COLUMN } from '../infra/query-tables.js';

export interface QueryResult {
  readonly columns: readonly string[];
  /** DuckDB's type of each column (VARCHAR, BIGINT, DECIMAL(18,2) …). */
  readonly types: readonly string[];
  /** Rows as JSON values: integers and decimals that fit a double are numbers, dates and times ISO text, lists arrays. */
  readonly rows: readonly (readonly unknown[])[];
}

/** A query DuckDB refused (syntax, unknown table or column, type error): the message is DuckDB's. */
export class QueryError extends Error {}

const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;
const sqlIdentifier = (value: string) => `"${value.replace(/"/g, '""')}"`;

async function subdirectories(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Parquet globs per dataset id: `<cache>/<category>/<dataset>/release=*\/*.parquet`, over both categories. */
async function datasetGlobs(cacheDir: string): Promise<Map<string, string[]>> {
  const globs = new Map<string, string[]>();
  for (const category of ['open', 'restricted'])
    for (const datasetId of await subdirectories(join(cacheDir, category))) {
      const releases = await subdirectories(join(cacheDir, category, datasetId));
      if (!releases.some((name) => name.startsWith(`${RELEASE_COLUMN}=`))) continue;
      globs.set(datasetId, [...(globs.get(datasetId) ?? []), join(cacheDir, category, datasetId, `${RELEASE_COLUMN}=*`, '*.parquet')]);
    }
  return globs;
}

const INTEGER_TYPES = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT']);

/** DuckDB's JSON form keeps big integers and decimals as text; a number that survives the round trip is given as one. */
function jsonValue(value: unknown, type: string): unknown {
  if (typeof value !== 'string') return value;
  if (INTEGER_TYPES.has(type)) return Number.isSafeInteger(Number(value)) ? Number(value) : value;
  const decimal = /^DECIMAL\(\d+,(\d+)\)$/.exec(type);
  if (decimal) return Number(value).toFixed(Number(decimal[1])) === value ? Number(value) : value;
  return value;
}

export class ReleaseSql {
  private constructor(
    private readonly connection: DuckDBConnection,
    /** The SQL name of every view, unquoted names first. */
    readonly views: readonly string[],
  ) {}

  /**
   * An in-memory DuckDB with a view per dataset found in the cache. Afterwards DuckDB may read
   * only the cache and its configuration is locked: a query cannot reach other local files.
   */
  static async open(cacheDir: string): Promise<ReleaseSql> {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const views: string[] = [];
    const quoted: string[] = [];
    for (const [datasetId, globs] of [...(await datasetGlobs(cacheDir))].sort(([a], [b]) => a.localeCompare(b))) {
      const name = queryTableName(datasetId);
      // union_by_name: a column added in a later release is NULL in the earlier ones.
      await connection.run(
        `CREATE VIEW ${sqlIdentifier(name)} AS SELECT * FROM read_parquet([${globs.map(sqlString).join(', ')}], ` +
          `hive_partitioning = true, hive_types = {${sqlString(RELEASE_COLUMN)}: 'VARCHAR'}, union_by_name = true)`,
      );
      views.push(name);
      if (name !== datasetId) {
        await connection.run(`CREATE VIEW ${sqlIdentifier(datasetId)} AS SELECT * FROM ${sqlIdentifier(name)}`);
        quoted.push(sqlIdentifier(datasetId));
      }
    }
    await connection.run(`SET allowed_directories = [${sqlString(cacheDir)}]`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    return new ReleaseSql(connection, [...views, ...quoted]);
  }

  async query(sql: string): Promise<QueryResult> {
    let result: DuckDBResultReader;
    try {
      result = await this.connection.runAndReadAll(sql);
    } catch (error) {
      throw new QueryError((error as Error).message);
    }
    const types = result.columnTypes().map(String);
    return {
      columns: result.columnNames(),
      types,
      rows: result.getRowsJson().map((row) => row.map((value, i) => jsonValue(value, types[i]!))),
    };
  }

  close(): void {
    this.connection.closeSync();
  }
}
