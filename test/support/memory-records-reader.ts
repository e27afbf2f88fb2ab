import { InvalidRecordQuery, type RecordField, type RecordPage, type RecordQuery, type RecordsReader } from '../../src/api/records/records-reader.js';

type Row = Readonly<Record<string, unknown>>;

/** One release's rows in memory, with the fields a real reader would report for it. */
export interface MemoryRelease {
  readonly fields: readonly RecordField[];
  readonly rows: readonly Row[];
}

const text = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return value.toString();
  return JSON.stringify(value);
};

const compare = (a: unknown, b: unknown): number => {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return text(a) < text(b) ? -1 : 1;
};

/**
 * A RecordsReader over rows in memory, keyed by release id, that does what the contract says:
 * fields, equality filters (a list is any of), q (case-insensitive containment in any text
 * field), sort, offset or cursor paging, limit and total. It refuses unknown field names with
 * InvalidRecordQuery as the real one does. `queries` keeps every query asked, for assertions.
 */
export function memoryRecordsReader(releases: Readonly<Record<string, MemoryRelease>>): RecordsReader & { readonly queries: RecordQuery[] } {
  const queries: RecordQuery[] = [];
  return {
    queries,
    query: async (query) => {
      queries.push(query);
      const release = releases[query.release.releaseId];
      if (!release) throw new Error(`no rows for release ${query.release.releaseId}`);
      const known = new Set(release.fields.map((f) => f.id));
      const mustKnow = (parameter: string, field: string) => {
        if (!known.has(field)) throw new InvalidRecordQuery(parameter, `no field "${field}" in this release`);
      };
      query.fields?.forEach((f) => mustKnow('fields', f));
      Object.keys(query.filters ?? {}).forEach((f) => mustKnow(f, f));
      query.sort?.forEach((s) => mustKnow('sort', s.field));
      if (query.cursor !== undefined && query.offset !== undefined) throw new InvalidRecordQuery('cursor', 'a cursor excludes offset');
      if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1000) throw new InvalidRecordQuery('limit', 'must be 1..1000');

      const textFields = release.fields.filter((f) => f.type === 'string').map((f) => f.id);
      const needle = query.q?.toLowerCase();
      const matching = release.rows.filter(
        (row) =>
          Object.entries(query.filters ?? {}).every(([field, wanted]) => (typeof wanted === 'string' ? [wanted] : wanted).includes(text(row[field]))) &&
          (!needle || textFields.some((f) => text(row[f]).toLowerCase().includes(needle))),
      );
      const sorted = [...matching].sort((a, b) => {
        for (const { field, descending } of query.sort ?? []) {
          const order = compare(a[field], b[field]);
          if (order !== 0) return descending ? -order : order;
        }
        return 0;
      });
      const start = query.cursor !== undefined ? Number(Buffer.from(query.cursor, 'base64url').toString()) : (query.offset ?? 0);
      const page = sorted.slice(start, start + query.limit);
      const ids = query.fields ?? release.fields.map((f) => f.id);
      const result: RecordPage = {
        fields: ids.map((id) => release.fields.find((f) => f.id === id)!),
        rows: page.map((row) => Object.fromEntries(ids.map((id) => [id, row[id] ?? null]))),
        ...(query.includeTotal ? { total: matching.length } : {}),
        ...(start + query.limit < sorted.length ? { nextCursor: Buffer.from(String(start + query.limit)).toString('base64url') } : {}),
      };
      return result;
    },
  };
}
