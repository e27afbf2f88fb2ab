/**
 * In-memory CSV and JSONL for small outputs (quarantine reports, exchange files). Release files
 * are no longer written here: src/publish/files streams them (Chinese headers and labels, formula
 * neutralization, Parquet, XLSX); once the release builder uses those, toJsonl can go.
 */

export type Row = Readonly<Record<string, unknown>>;

const BOM = '\uFEFF';

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  // Arrays become one cell, joined the way Chinese tables list items.
  const text = Array.isArray(value) ? value.join('；') : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record (without its line break). */
export const csvLine = (values: readonly unknown[]): string => values.map(csvCell).join(',');

/** The byte order mark a CSV starts with. */
export const CSV_BOM = BOM;

/** RFC 4180 CSV in UTF-8 with a BOM, so Excel on a Chinese Windows opens it correctly. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [csvLine(columns)];
  for (const row of rows) lines.push(csvLine(columns.map((c) => row[c])));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** One JSONL line (without its line break): keys in column order, absent values left out. */
export const jsonlLine = (columns: readonly string[], row: Row): string =>
  JSON.stringify(Object.fromEntries(columns.filter((c) => row[c] !== undefined && row[c] !== null).map((c) => [c, row[c]])));

/** One JSON object per line, keys in column order, absent values left out. */
export function toJsonl(columns: readonly string[], rows: readonly Row[]): string {
  return rows.map((row) => `${jsonlLine(columns, row)}\n`).join('');
}
