/**
 * RecordQuery → one parameterised DuckDB statement (and its COUNT), over a relation with the
 * release's columns and `file_row_number` (the row's position in the release, which is record
 * id order: a release writes its rows sorted by record id). Pure: no DuckDB here. Identifiers
 * come only from the release's own columns; every value a caller sent is a bound parameter.
 */
import type { RecordCursor } from './cursor.js';
import { InvalidRecordQuery, type RecordSort } from './records-reader.js';

/** The row's position in its release, as DuckDB's read_parquet names it. */
export const POSITION = 'file_row_number';

/** How a column is filtered, searched and sorted, from its DuckDB type. */
export type ColumnKind = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'array' | 'object';

export interface ReleasedColumn {
  readonly id: string;
  /** DuckDB's type of the Parquet column (VARCHAR, BIGINT, DECIMAL(18,2), VARCHAR[] …). */
  readonly duckdbType: string;
  readonly kind: ColumnKind;
}

export function columnKind(duckdbType: string): ColumnKind {
  const type = duckdbType.toUpperCase();
  if (type.endsWith('[]')) return 'array';
  if (type === 'VARCHAR') return 'string';
  if (/^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|UBIGINT)$/.test(type)) return 'integer';
  if (/^(DOUBLE|FLOAT|REAL|DECIMAL.*)$/.test(type)) return 'number';
  if (type === 'BOOLEAN') return 'boolean';
  if (type === 'DATE') return 'date';
  if (type.startsWith('TIMESTAMP')) return 'datetime';
  return 'object';
}

export const sqlName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Whether `value` can be compared with a column of `kind`; the reason when it cannot. */
function valueProblem(kind: ColumnKind, value: string): string | undefined {
  switch (kind) {
    case 'integer':
      return /^-?\d{1,18}$/.test(value) ? undefined : `"${value}" is not an integer`;
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value) ? undefined : `"${value}" is not a number`;
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : `"${value}" is not true or false`;
    case 'date': {
      const day = new Date(`${value}T00:00:00Z`);
      return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value)
        ? undefined
        : `"${value}" is not a date (YYYY-MM-DD)`;
    }
    case 'datetime':
      return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value)) ? undefined : `"${value}" is not an ISO 8601 date-time`;
    case 'object':
      return 'an object field cannot be filtered';
    default:
      return undefined;
  }
}

export interface RecordStatement {
  readonly sql: string;
  readonly params: readonly (string | number)[];
  /** The same rows counted (no keyset, no paging). */
  readonly countSql: string;
  readonly countParams: readonly (string | number)[];
}

export interface StatementInput {
  /** The relation (a view's or table's SQL name) the release's rows are read from. */
  readonly relation: string;
  /** The columns served, in order (the release's, or those a grant or `fields` allows). */
  readonly columns: readonly ReleasedColumn[];
  readonly filters?: Readonly<Record<string, string | readonly string[]>>;
  readonly q?: string;
  readonly sort?: readonly RecordSort[];
  readonly after?: RecordCursor;
  /** Only the rows at these positions (the records a changes page names). */
  readonly positions?: readonly number[];
  /** Rows to read: a page and one more, to learn whether another follows. */
  readonly limit: number;
  readonly offset?: number;
}

/** Alias of the i-th sort key's value as text, read back into the next cursor. */
export const sortKeyAlias = (i: number): string => `__sort_${i}`;

/** The statement that reads one page of `input`. */
export function recordStatement(input: StatementInput): RecordStatement {
  const byId = new Map(input.columns.map((c) => [c.id, c]));
  const where: string[] = [];
  const params: (string | number)[] = [];

  for (const [field, wanted] of Object.entries(input.filters ?? {})) {
    const column = byId.get(field);
    if (!column) throw new InvalidRecordQuery(field, 'is not a field of this release');
    const values = typeof wanted === 'string' ? [wanted] : [...wanted];
    if (values.length === 0) continue;
    for (const value of values) {
      const problem = valueProblem(column.kind, value);
      if (problem) throw new InvalidRecordQuery(field, problem);
    }
    const marks = values.map(() => '?').join(', ');
    // A list field matches when it holds any of the values; another field when it equals one.
    where.push(
      column.kind === 'array'
        ? `list_has_any(${sqlName(field)}, list_value(${marks}))`
        : column.kind === 'string'
          ? `${sqlName(field)} IN (${marks})`
          : `${sqlName(field)} IN (${values.map(() => `CAST(? AS ${column.duckdbType})`).join(', ')})`,
    );
    params.push(...values);
  }

  const q = input.q?.trim().toLowerCase();
  if (q) {
    const text = input.columns.filter((c) => c.kind === 'string' || c.kind === 'array');
    if (text.length === 0) throw new InvalidRecordQuery('q', 'the served fields include no text to search');
    // Substring, not tokens: Chinese has no spaces between words, and 餐饮 must find 餐饮管理.
    where.push(`(${text.map((c) => `contains(lower(${c.kind === 'array' ? `array_to_string(${sqlName(c.id)}, ' ')` : sqlName(c.id)}), ?)`).join(' OR ')})`);
    params.push(...text.map(() => q));
  }
  if (input.positions) params.push(...input.positions);
  if (input.positions) where.push(input.positions.length === 0 ? 'false' : `${POSITION} IN (${input.positions.map(() => '?').join(', ')})`);
  const countSql = `SELECT count(*) AS total FROM ${input.relation}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  const countParams = [...params];

  const sort = input.sort ?? [];
  const sortColumns = sort.map((s) => {
    const column = byId.get(s.field);
    if (!column) throw new InvalidRecordQuery('sort', `"${s.field}" is not a field of this release`);
    if (column.kind === 'array' || column.kind === 'object') throw new InvalidRecordQuery('sort', `"${s.field}" is a list or object and cannot be sorted on`);
    return { ...s, column };
  });
  const keysetParams: (string | number)[] = [];
  if (input.after) {
    // Strictly after the last row in (key₁ … keyₙ, position) order; ascending keys put NULLs last, descending first.
    const after = input.after;
    const terms: string[] = [];
    const equalSoFar: string[] = [];
    sortColumns.forEach(({ column, descending }, i) => {
      const name = sqlName(column.id);
      const value = after.keys[i] ?? null;
      const cast = `CAST(? AS ${column.duckdbType})`;
      if (value === null) {
        if (descending) {
          terms.push(`(${[...equalSoFar, `${name} IS NOT NULL`].join(' AND ')})`);
          keysetParams.push(...equalParams(after, i));
        }
        equalSoFar.push(`${name} IS NULL`);
      } else {
        terms.push(`(${[...equalSoFar, descending ? `${name} < ${cast}` : `(${name} > ${cast} OR ${name} IS NULL)`].join(' AND ')})`);
        keysetParams.push(...equalParams(after, i), value);
        equalSoFar.push(`${name} = ${cast}`);
      }
    });
    terms.push(`(${[...equalSoFar, `${POSITION} > ?`].join(' AND ')})`);
    keysetParams.push(...equalParams(after, sortColumns.length), after.position);
    where.push(`(${terms.join(' OR ')})`);
  }
  const order = [
    ...sortColumns.map(({ column, descending }) => `${sqlName(column.id)} ${descending ? 'DESC NULLS FIRST' : 'ASC NULLS LAST'}`),
    `${POSITION} ASC`,
  ];
  const select = [
    ...input.columns.map((c) => sqlName(c.id)),
    POSITION,
    ...sortColumns.map(({ column }, i) => `CAST(${sqlName(column.id)} AS VARCHAR) AS ${sortKeyAlias(i)}`),
  ];
  const sql =
    `SELECT ${select.join(', ')} FROM ${input.relation}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}` +
    ` ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`;
  return { sql, params: [...params, ...keysetParams, input.limit, input.offset ?? 0], countSql, countParams };
}

/** The parameters of the equalities on the first `count` keys (a NULL key binds none). */
function equalParams(after: RecordCursor, count: number): string[] {
  return after.keys.slice(0, count).filter((k): k is string => k !== null);
}
