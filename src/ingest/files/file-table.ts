import { createHash } from 'node:crypto';
import type { SourceConfig } from '../../config/catalog.js';
import { csvItems, layoutCsv, pageBytes } from './csv-file.js';
import { excerpt } from './file-reason.js';
import { readableTextBytes } from './text-encoding.js';
import { UnreadableFileError } from './unreadable-file.js';

export type FileFormat = Extract<SourceConfig, { kind: 'file-drop' }>['connection']['format'];

export interface FilePage {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly items: readonly unknown[];
  /** Lines (CSV) or rows (XLSX) the page covers, for its locator. */
  readonly where: string;
}

/** A readable dropped file: its records, each with its key and fingerprint, and pages cut on demand. */
export interface FileTable {
  readonly count: number;
  /** The record's value in the source's key column, and a hash of the record as written. */
  entry(index: number): { readonly key: string | undefined; readonly fingerprint: string };
  /** A page of the records at these indices, in order. */
  page(indices: readonly number[]): FilePage;
}

const encoder = new TextEncoder();
const fingerprintOf = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('base64url').slice(0, 22);

/** "lines 2–501" for a run, "37 lines from 2 to 90" for a selection. */
function describeRange(what: string, numbers: readonly number[]): string {
  const first = numbers[0]!;
  const last = numbers[numbers.length - 1]!;
  return last - first + 1 === numbers.length ? `${what}s ${first}–${last}` : `${numbers.length} ${what}s from ${first} to ${last}`;
}

/** Opens a dropped file in its configured format; throws UnreadableFileError when it cannot be read. */
export async function openFileTable(dropped: Uint8Array, format: FileFormat, name: string, keyColumn: string): Promise<FileTable> {
  if (format.kind === 'csv') {
    // UTF-16 is read as the UTF-8 it transcodes to: pages in the raw zone are then UTF-8 with a BOM.
    const bytes = readableTextBytes(dropped);
    const layout = layoutCsv(bytes, format, keyColumn);
    return {
      count: layout.records.length,
      entry: (i) => ({ key: layout.keys[i], fingerprint: fingerprintOf(bytes.subarray(layout.records[i]!.start, layout.records[i]!.end)) }),
      page(indices) {
        // Byte for byte: the raw zone holds exactly the lines the department wrote.
        const body = pageBytes(bytes, layout, indices);
        return {
          body,
          contentType: 'text/csv',
          items: csvItems(body, format),
          where: describeRange(
            'line',
            indices.map((i) => layout.records[i]!.line),
          ),
        };
      },
    };
  }
  // The workbook reader loads on first use: normalize reads XLSX pages back as JSON.
  const { readXlsx } = await import('./xlsx-file.js');
  const table = await readXlsx(dropped, format);
  if (table.columns.length === 0)
    throw new UnreadableFileError({ zh: `工作表 ${table.sheet} 为空：没有表头行`, en: `sheet ${table.sheet} is empty: no header row` }, 0);
  // Checked with no rows too: a header-only sheet without the key column is the wrong file, not an empty one.
  if (!table.columns.includes(keyColumn)) {
    const header = excerpt(table.columns.join(', '));
    throw new UnreadableFileError(
      {
        zh: `工作表 ${table.sheet} 的表头中没有主键列“${keyColumn}”（表头：${header}）`,
        en: `the key column "${keyColumn}" is not in the header of sheet ${table.sheet} (${header})`,
      },
      format.headerRows ?? 1,
    );
  }
  return {
    count: table.rows.length,
    entry(i) {
      const { item } = table.rows[i]!;
      const key = item[keyColumn];
      return { key: key === undefined ? undefined : String(key), fingerprint: fingerprintOf(JSON.stringify(item)) };
    },
    page(indices) {
      const slice = indices.map((i) => table.rows[i]!);
      const items = slice.map((r) => r.item);
      // A workbook cannot be cut into pages; the page keeps its rows, their row numbers and the file's name.
      const body = encoder.encode(JSON.stringify({ file: name, sheet: table.sheet, rows: slice.map((r) => r.row), items }));
      return {
        body,
        contentType: 'application/json',
        items,
        where: `sheet ${table.sheet} ${describeRange(
          'row',
          slice.map((r) => r.row),
        )}`,
      };
    },
  };
}

/** The items of a stored page, as normalize reads them back. */
export function filePageItems(rawBody: Uint8Array, format: FileFormat): unknown[] {
  if (format.kind === 'csv') return csvItems(rawBody, format);
  const parsed = JSON.parse(new TextDecoder().decode(rawBody)) as { items?: unknown };
  if (!Array.isArray(parsed.items)) throw new Error('raw XLSX page has no items array');
  return parsed.items;
}
