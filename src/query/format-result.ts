/** A query result as a terminal table, JSON (an array of row objects) or CSV (RFC 4180). */
import type { QueryResult } from './release-sql.js';

/** How a cell reads as text: lists and objects as JSON, NULL as nothing. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Columns a terminal gives a character: East Asian wide and fullwidth characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\p{Script=Han}\u3000-\u303f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

const MAX_CELL_WIDTH = 60;

function clip(text: string): string {
  const oneLine = text.replace(/\s*\n\s*/g, ' ');
  if (displayWidth(oneLine) <= MAX_CELL_WIDTH) return oneLine;
  let out = '';
  for (const char of oneLine) {
    if (displayWidth(out + char) > MAX_CELL_WIDTH - 1) break;
    out += char;
  }
  return `${out}…`;
}

export function formatTable(result: QueryResult): string[] {
  const cells = result.rows.map((row) => row.map((value) => clip(cellText(value))));
  const widths = result.columns.map((column, i) => Math.max(displayWidth(column), ...cells.map((row) => displayWidth(row[i]!))));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => cell + ' '.repeat(widths[i]! - displayWidth(cell)))
      .join(' │ ')
      .trimEnd();
  return [line(result.columns), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...cells.map(line)];
}

export function formatJson(result: QueryResult): string {
  return JSON.stringify(result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i] ?? null]))));
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function formatCsv(result: QueryResult): string[] {
  return [result.columns, ...result.rows.map((row) => row.map(cellText))].map((row) => row.map(csvField).join(','));
}
