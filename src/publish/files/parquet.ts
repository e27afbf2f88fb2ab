/**
 * `<dataset>.parquet`: typed columns (STORAGE_TYPES, the table the Glue catalog shares), field
 * ids as column names, codes as values. Rows stream to a temporary typed NDJSON file next to
 * the target; at close one DuckDB `COPY … TO … (FORMAT parquet)` turns it into Parquet with a
 * bounded memory limit and one thread, so memory does not follow the row count and equal input
 * gives equal bytes. The temporary file is removed whatever happens.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DatasetConfig } from '../../generated/dataset.types.js';
import { STORAGE_TYPES, type ReleaseColumn, type ReleaseFileWriter, type Row, type WrittenFile } from '../release-columns.js';
import { jsonLine, jsonValueEncoder } from './jsonl.js';
import { TextSink, digestFile } from './text-sink.js';

/** DuckDB's own budget; with Node's share it keeps a 1,000,000-row release inside a 512 MB Lambda. */
export const PARQUET_MEMORY_LIMIT = '128MB';
/** Half DuckDB's default row group: a row group is buffered whole before it is written, and wide Chinese text makes it large. */
export const PARQUET_ROW_GROUP_SIZE = 65_536;

const sqlText = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const sqlName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Runs one COPY statement on a private, single-threaded, memory-capped DuckDB. */
export async function duckdbCopy(sql: string, tempDirectory: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '1',
    memory_limit: PARQUET_MEMORY_LIMIT,
    preserve_insertion_order: 'true',
    temp_directory: tempDirectory,
  });
  try {
    const connection = await instance.connect();
    try {
      await connection.run(sql);
    } finally {
      connection.closeSync();
    }
  } finally {
    instance.closeSync();
    await rm(tempDirectory, { recursive: true, force: true });
  }
}

/** The SELECT that reads the typed NDJSON with every column's declared type. */
export function typedJsonSelect(columns: readonly ReleaseColumn[], path: string): string {
  const types = columns.map((c) => `${sqlText(c.field)}: ${sqlText(STORAGE_TYPES[c.type].duckdb)}`).join(', ');
  const names = columns.map((c) => sqlName(c.field)).join(', ');
  return `SELECT ${names} FROM read_json(${sqlText(path)}, format = 'newline_delimited', records = true, columns = {${types}})`;
}

export function parquetWriter(dir: string, dataset: DatasetConfig, columns: readonly ReleaseColumn[]): ReleaseFileWriter {
  const name = `${dataset.id}.parquet`;
  const path = join(dir, name);
  const stagingPath = join(dir, `.${name}.staging.jsonl`);
  const site = { dataset: dataset.id, file: name };
  const encoders = columns.map((column) => {
    const json = jsonValueEncoder(site, column);
    // Amounts go to DuckDB as text so DECIMAL(18,2) gets them exactly, not through a double.
    return column.type === 'decimal' ? (value: unknown) => ((text) => (text === undefined ? undefined : `"${text}"`))(json(value)) : json;
  });
  const staging = new TextSink(stagingPath);
  return {
    format: 'parquet',
    name,
    mediaType: 'application/vnd.apache.parquet',
    write: async (row: Row): Promise<void> => staging.write(jsonLine(columns, encoders, row)),
    async close(): Promise<WrittenFile> {
      try {
        await staging.close();
        await duckdbCopy(
          `COPY (${typedJsonSelect(columns, stagingPath)}) TO ${sqlText(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${PARQUET_ROW_GROUP_SIZE})`,
          join(dir, `.${name}.duckdb-spill`),
        );
      } finally {
        await rm(stagingPath, { force: true });
      }
      return digestFile(path);
    },
  };
}
