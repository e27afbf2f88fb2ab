/**
 * The process's one DuckDB records reader per cache directory, opened on first use: the
 * composition root builds ApiDeps synchronously, and a cold start that serves no rows never
 * starts DuckDB.
 */
import type { ObjectStreamReader } from '../../ports/index.js';
import { DuckDbRecordsReader } from './duckdb-records-reader.js';
import type { RecordsReader } from './records-reader.js';

const opened = new Map<string, Promise<DuckDbRecordsReader>>();

export function processRecordsReader(objects: ObjectStreamReader, cacheDir: string): RecordsReader {
  const reader = (): Promise<DuckDbRecordsReader> => {
    let pending = opened.get(cacheDir);
    if (!pending) {
      pending = DuckDbRecordsReader.open({ objects, cacheDir });
      opened.set(cacheDir, pending);
    }
    return pending;
  };
  return {
    query: async (query) => (await reader()).query(query),
    project: async (release, fields, format) => (await reader()).project(release, fields, format),
  };
}
