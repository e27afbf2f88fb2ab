/**
 * The keyset cursor of /v1 records paging: the sort key values and release position of the
 * last row served, with a digest of the query it belongs to, as base64url JSON. The next page
 * starts strictly after that row, so rows are neither repeated nor skipped however deep the
 * paging goes. The cursor is not a secret: every value in it is bound as a parameter and cast
 * to its column's type, so an altered one can only fail (400) or start elsewhere in the same
 * query's order.
 */
import { createHash } from 'node:crypto';
import { InvalidRecordQuery } from './records-reader.js';

export interface RecordCursor {
  /** The last row's sort key values as DuckDB text (null for a missing value). */
  readonly keys: readonly (string | null)[];
  /** The last row's position in the release (record id order). */
  readonly position: number;
}

interface CursorJson {
  readonly v: 1;
  readonly q: string;
  readonly k: readonly (string | null)[];
  readonly p: number;
}

/** A digest of what decides a query's order and rows, so a cursor is refused by any other query. */
export function queryDigest(shape: unknown): string {
  return createHash('sha256').update(JSON.stringify(shape)).digest('base64url').slice(0, 16);
}

export function encodeCursor(cursor: RecordCursor, digest: string): string {
  const json: CursorJson = { v: 1, q: digest, k: cursor.keys, p: cursor.position };
  return Buffer.from(JSON.stringify(json), 'utf8').toString('base64url');
}

const invalid = (reason: string) => new InvalidRecordQuery('cursor', reason);

/** The cursor a previous page of the same query gave; anything else is an InvalidRecordQuery naming `cursor`. */
export function decodeCursor(text: string, digest: string, sortKeys: number): RecordCursor {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw invalid('is not a cursor this API issued');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('is not a cursor this API issued');
  }
  const c = json as Partial<CursorJson> | null;
  const wellFormed =
    c !== null &&
    typeof c === 'object' &&
    c.v === 1 &&
    typeof c.q === 'string' &&
    Array.isArray(c.k) &&
    c.k.every((key) => key === null || typeof key === 'string') &&
    Number.isSafeInteger(c.p) &&
    (c.p as number) >= 0;
  if (!wellFormed) throw invalid('is not a cursor this API issued');
  if (c.q !== digest || c.k.length !== sortKeys) throw invalid('belongs to another query (its release, filters, q, sort or fields differ)');
  return { keys: c.k, position: c.p! };
}
