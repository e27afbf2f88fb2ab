import { DuckDBInstance } from '@duckdb/node-api';
import type { TableEvent } from './table.js';

const sqlString = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * A Parquet file through DuckDB, one vector chunk (2,048 rows) at a time, every column cast
 * to text in SQL (lists and JSON as their text form), so memory does not grow with the file.
 */
export async function* readParquet(path: string): AsyncGenerator<TableEvent> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const result = await connection.stream(`SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${sqlString(path)})`);
    const names = result.columnNames();
    yield { kind: 'header', names };
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const row of chunk.getRows()) yield { kind: 'row', cells: row.map((value, index) => [names[index]!, value] as const) };
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
