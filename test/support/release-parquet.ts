import { DuckDBInstance } from '@duckdb/node-api';

/** Writes a Parquet file the way a release's is written: the given DuckDB column types, the given rows (SQL literals). */
export async function writeParquet(path: string, columns: Readonly<Record<string, string>>, rows: readonly (readonly string[])[]): Promise<void> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  try {
    const names = Object.keys(columns);
    const definition = Object.entries(columns).map(([name, type]) => `"${name}" ${type}`);
    await connection.run(`CREATE TABLE t (${definition.join(', ')})`);
    for (const row of rows) await connection.run(`INSERT INTO t (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${row.join(', ')})`);
    await connection.run(`COPY t TO '${path.replace(/'/g, "''")}' (FORMAT parquet)`);
  } finally {
    connection.closeSync();
  }
}
