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

/** RFC 4180 CSV in UTF-8 with a BOM, so Excel on a Chinese Windows opens it correctly. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** One JSON object per line, keys in column order, absent values left out. */
export function toJsonl(columns: readonly string[], rows: readonly Row[]): string {
  return rows
    .map((row) => JSON.stringify(Object.fromEntries(columns.filter((c) => row[c] !== undefined && row[c] !== null).map((c) => [c, row[c]]))))
    .map((line) => `${line}\n`)
    .join('');
}
