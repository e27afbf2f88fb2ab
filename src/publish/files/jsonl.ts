/**
 * `<dataset>.jsonl`: one JSON object per line in codes, keys in column order, absent values left
 * out. Amounts are written as their exact decimal text (1234.50), which is a valid JSON number.
 */
import { join } from 'node:path';
import type { DatasetConfig } from '../../generated/dataset.types.js';
import type { ReleaseColumn, ReleaseFileWriter, Row, WrittenFile } from '../release-columns.js';
import { cellEncoder, type CellSite } from './cells.js';
import { TextSink } from './text-sink.js';

/** JSON text of one value in codes: checked and spelled like the CSVs, typed like JSON. */
export function jsonValueEncoder(site: CellSite, column: ReleaseColumn): (value: unknown) => string | undefined {
  const encode = cellEncoder(site, column, false);
  return (value) => {
    const cell = encode(value);
    if (cell === undefined) return undefined;
    switch (column.type) {
      case 'integer':
      case 'number':
      case 'decimal':
      case 'boolean':
        return cell.text;
      case 'string-list':
      case 'object':
        return JSON.stringify(value);
      default:
        return JSON.stringify(cell.text);
    }
  };
}

/** One row as a JSON object line; `encoders[i]` spells `columns[i]`. */
export function jsonLine(columns: readonly ReleaseColumn[], encoders: readonly ((value: unknown) => string | undefined)[], row: Row): string {
  const members: string[] = [];
  columns.forEach((column, i) => {
    const json = encoders[i]!(row[column.field]);
    if (json !== undefined) members.push(`${JSON.stringify(column.field)}:${json}`);
  });
  return `{${members.join(',')}}\n`;
}

export function jsonlWriter(dir: string, dataset: DatasetConfig, columns: readonly ReleaseColumn[]): ReleaseFileWriter {
  const name = `${dataset.id}.jsonl`;
  const encoders = columns.map((column) => jsonValueEncoder({ dataset: dataset.id, file: name }, column));
  const sink = new TextSink(join(dir, name));
  return {
    format: 'jsonl',
    name,
    mediaType: 'application/x-ndjson',
    write: async (row: Row): Promise<void> => sink.write(jsonLine(columns, encoders, row)),
    close: (): Promise<WrittenFile> => sink.close(),
  };
}
