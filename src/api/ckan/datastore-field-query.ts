import type { RecordPage, RecordQuery, RecordsReader } from '../records/records-reader.js';
import { CkanValidationError } from './envelope.js';
import { textOf } from './params.js';

/** How many candidate rows a per-field `q` may examine before the caller is asked to narrow it. */
export const FIELD_QUERY_SCAN_MAX = 100_000;
const SCAN_PAGE = 1000;

/**
 * CKAN's `q` as an object ({field: text}) searches each field for its text. The reader
 * searches all text fields at once, so its search on the first text narrows the rows and each
 * field is then checked here (case-insensitive containment, Chinese included), paging through
 * the candidates with the reader's cursor; offset and total count the rows that passed.
 */
export async function scanFieldQuery(reader: RecordsReader, query: RecordQuery, fieldQuery: Readonly<Record<string, string>>): Promise<RecordPage> {
  const terms = Object.entries(fieldQuery).map(([field, text]) => [field, text.toLowerCase()] as const);
  const passes = (row: Readonly<Record<string, unknown>>) => terms.every(([field, text]) => textOf(row[field]).toLowerCase().includes(text));
  const offset = query.offset ?? 0;
  const rows: Readonly<Record<string, unknown>>[] = [];
  let matched = 0;
  let scanned = 0;
  let cursor: string | undefined;
  let fields: RecordPage['fields'] | undefined;
  do {
    const { offset: _skip, ...rest } = query;
    void _skip;
    const page = await reader.query({ ...rest, ...(terms[0] ? { q: terms[0][1] } : {}), limit: SCAN_PAGE, includeTotal: false, ...(cursor ? { cursor } : {}) });
    fields = page.fields;
    for (const row of page.rows) {
      if (!passes(row)) continue;
      if (matched >= offset && rows.length < query.limit) rows.push(row);
      matched += 1;
    }
    scanned += page.rows.length;
    cursor = page.nextCursor;
    if (!query.includeTotal && rows.length >= query.limit) break;
    if (cursor && scanned >= FIELD_QUERY_SCAN_MAX)
      throw CkanValidationError.of(
        'q',
        `searching fields one by one examined ${scanned} rows without finishing; narrow it with filters or search every field with a string q`,
      );
  } while (cursor);
  return { fields: fields ?? [], rows, ...(query.includeTotal ? { total: matched } : {}) };
}
