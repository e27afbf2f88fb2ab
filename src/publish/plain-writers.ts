import { join } from 'node:path';
import type { DatasetConfig } from '../config/catalog.js';
import { CSV_BOM, csvLine, jsonlLine } from './formats.js';
import { LineFile } from './line-file.js';
import type { ReleaseColumn, ReleaseFileWriter, Row, WrittenFile } from './release-columns.js';

/** A writer over one local line file: a header, then one line per row. */
function lineWriter(
  path: string,
  meta: Pick<ReleaseFileWriter, 'format' | 'name' | 'mediaType'>,
  header: string | undefined,
  line: (row: Row) => string,
): ReleaseFileWriter {
  const file = new LineFile(path);
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    if (header !== undefined) await file.write(header);
  };
  return {
    ...meta,
    async write(row) {
      await start();
      await file.write(line(row));
    },
    async close(): Promise<WrittenFile> {
      await start();
      return file.close();
    },
  };
}

/**
 * Two plain, byte-deterministic files: CSV with field ids as headers and codes as values (UTF-8
 * with BOM, RFC 4180) and JSONL, streamed to `dir`. The builder's tests use them where they check
 * the builder's bytes, not the formats (src/publish/files writes the real release).
 */
export function plainReleaseWriters(dir: string, dataset: Pick<DatasetConfig, 'id'>, columns: readonly ReleaseColumn[]): ReleaseFileWriter[] {
  const fields = columns.map((c) => c.field);
  return [
    lineWriter(
      join(dir, `${dataset.id}.csv`),
      { format: 'csv', name: `${dataset.id}.csv`, mediaType: 'text/csv; charset=utf-8' },
      `${CSV_BOM}${csvLine(fields)}\r\n`,
      (row) => `${csvLine(fields.map((f) => row[f]))}\r\n`,
    ),
    lineWriter(
      join(dir, `${dataset.id}.jsonl`),
      { format: 'jsonl', name: `${dataset.id}.jsonl`, mediaType: 'application/x-ndjson' },
      undefined,
      (row) => `${jsonlLine(fields, row)}\n`,
    ),
  ];
}
