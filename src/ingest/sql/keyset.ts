import type { SourceConfig } from '../../config/catalog.js';

export type SqlSource = Extract<SourceConfig, { kind: 'sql' }>;
export type Dialect = SqlSource['connection']['engine'];

/**
 * Where a keyset pull stands: the cursor column's and the primary key's values of the
 * last row committed, as the database wrote them (text), so the next query starts
 * exactly after that row: rows that share a timestamp across a page boundary are
 * neither skipped nor read twice.
 */
export interface Watermark {
  readonly cursor: string;
  readonly key: string;
}

export function encodeWatermark(w: Watermark): string {
  return JSON.stringify({ c: w.cursor, k: w.key });
}

export function decodeWatermark(sourceId: string, text: string | null): Watermark | null {
  if (text === null) return null;
  try {
    const { c, k } = JSON.parse(text) as { c?: unknown; k?: unknown };
    if (typeof c === 'string' && typeof k === 'string') return { cursor: c, key: k };
  } catch {
    // fall through
  }
  throw new Error(`source ${sourceId}: checkpoint ${JSON.stringify(text)} is not a keyset watermark; run with --full to start over`);
}

/** Identifiers are validated by the schema; quoting keeps reserved words and case intact. */
export function quoteIdentifier(dialect: Dialect, name: string): string {
  return dialect === 'postgres' ? `"${name}"` : `\`${name}\``;
}

export function quoteTable(dialect: Dialect, table: string): string {
  return table
    .split('.')
    .map((part) => quoteIdentifier(dialect, part))
    .join('.');
}

export interface KeysetQuery {
  readonly select: string;
  readonly count: string;
  readonly params: readonly string[];
}

/**
 * The keyset query after a watermark, ordered by (cursor column, primary key). Rows whose
 * cursor column is NULL cannot be ordered and are left out. MySQL gets the expanded
 * comparison, which its optimiser turns into an index range; PostgreSQL the row comparison.
 */
export function keysetQuery(source: SqlSource, after: Watermark | null, limit?: number): KeysetQuery {
  const { engine: d, table, columns, cursorColumn } = source.connection;
  const c = quoteIdentifier(d, cursorColumn);
  const k = quoteIdentifier(d, source.primaryKey ?? 'id');
  const p = (i: number) => (d === 'postgres' ? `$${i}` : '?');
  // The watermark needs the cursor column and the key even when the columns are chosen.
  const chosen = columns ? [...new Set([...columns, cursorColumn, source.primaryKey ?? 'id'])] : undefined;
  const list = chosen ? chosen.map((col) => quoteIdentifier(d, col)).join(', ') : '*';
  let where = `${c} IS NOT NULL`;
  let params: string[] = [];
  if (after) {
    if (d === 'postgres') {
      where += ` AND (${c}, ${k}) > (${p(1)}, ${p(2)})`;
      params = [after.cursor, after.key];
    } else {
      where += ` AND (${c} > ? OR (${c} = ? AND ${k} > ?))`;
      params = [after.cursor, after.cursor, after.key];
    }
  }
  const from = `FROM ${quoteTable(d, table)} WHERE ${where}`;
  return {
    select: `SELECT ${list} ${from} ORDER BY ${c}, ${k}${limit === undefined ? '' : ` LIMIT ${limit}`}`,
    count: `SELECT count(*) AS n ${from}`,
    params,
  };
}
