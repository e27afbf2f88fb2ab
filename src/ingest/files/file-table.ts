import type { SourceConfig } from '../../config/catalog.js';
import { csvItems, layoutCsv, pageBytes } from './csv-file.js';
import { readXlsx } from './xlsx-file.js';

export type FileFormat = Extract<SourceConfig, { kind: 'file-drop' }>['connection']['format'];

export interface FilePage {
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly items: readonly unknown[];
  /** Lines (CSV) or rows (XLSX) the page covers, for its locator. */
  readonly where: string;
}

/** A readable dropped file: its record count and its pages, cut on demand. */
export interface FileTable {
  readonly count: number;
  page(from: number, to: number): FilePage;
}

const encoder = new TextEncoder();

/** Opens a dropped file in its configured format; throws UnreadableFileError when it cannot be read. */
export async function openFileTable(bytes: Uint8Array, format: FileFormat, name: string): Promise<FileTable> {
  if (format.kind === 'csv') {
    const layout = layoutCsv(bytes, format);
    return {
      count: layout.records.length,
      page(from, to) {
        // Byte for byte: the raw zone holds exactly what the department wrote.
        const body = pageBytes(bytes, layout, from, to);
        return { body, contentType: 'text/csv', items: csvItems(body, format), where: `lines ${layout.records[from]!.line}–${layout.records[to - 1]!.line}` };
      },
    };
  }
  const table = await readXlsx(bytes, format);
  return {
    count: table.rows.length,
    page(from, to) {
      const slice = table.rows.slice(from, to);
      const items = slice.map((r) => r.item);
      // A workbook cannot be cut into pages; the page keeps its rows, their row numbers and the file's name.
      const body = encoder.encode(JSON.stringify({ file: name, sheet: table.sheet, rows: slice.map((r) => r.row), items }));
      return { body, contentType: 'application/json', items, where: `sheet ${table.sheet} rows ${slice[0]!.row}–${slice[slice.length - 1]!.row}` };
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
