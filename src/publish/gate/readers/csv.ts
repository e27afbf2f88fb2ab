import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { TableEvent } from './table.js';

/** A CSV file (UTF-8, with or without BOM, RFC 4180) record by record; its first record is the header. */
export async function* readCsv(path: string): AsyncGenerator<TableEvent> {
  const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true }));
  let names: readonly string[] | undefined;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!names) {
      names = record;
      yield { kind: 'header', names };
      continue;
    }
    // A cell beyond the header is still read: a leak does not hide in an extra column.
    yield { kind: 'row', cells: record.map((cell, index) => [names![index] ?? `#${index + 1}`, cell] as const) };
  }
}
