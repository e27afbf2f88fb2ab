import type { RecordsFormat } from './datastore-params.js';
import { textOf } from './params.js';

export type Row = Readonly<Record<string, unknown>>;

/**
 * A value as CKAN's datastore writes it in JSON: timestamps as `YYYY-MM-DDTHH:MM:SS` (UTC, no
 * zone: to_char in datastore_search), dates as `YYYY-MM-DD`, big integers as numbers when exact.
 */
function ckanValue(value: unknown, type: string): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (type === 'timestamp' || type === 'date') {
    const instant = value instanceof Date ? value : typeof value === 'string' && /[T ]\d\d:\d\d/.test(value) ? new Date(value) : undefined;
    if (instant && !Number.isNaN(instant.getTime())) return type === 'date' ? instant.toISOString().slice(0, 10) : instant.toISOString().slice(0, 19);
  }
  return value;
}

/** PostgreSQL's COPY … csv quoting: a value with the delimiter, a quote or a line break is quoted; null is empty. */
function delimited(rows: readonly (readonly unknown[])[], delimiter: string): string {
  const cell = (v: unknown) => {
    if (v === null) return '';
    const text = textOf(v);
    return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => `${row.map(cell).join(delimiter)}\n`).join('');
}

/** `records` in the requested records_format: objects (default), lists, or csv/tsv text without a header. */
export function recordsIn(format: RecordsFormat, fields: readonly { readonly id: string; readonly type: string }[], rows: readonly Row[]): unknown {
  const lists = rows.map((row) => fields.map((f) => ckanValue(row[f.id], f.type)));
  switch (format) {
    case 'objects':
      return lists.map((values) => Object.fromEntries(fields.map((f, i) => [f.id, values[i]])));
    case 'lists':
      return lists;
    case 'csv':
      return delimited(lists, ',');
    case 'tsv':
      return delimited(lists, '\t');
  }
}
