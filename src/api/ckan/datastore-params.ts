import type { RecordSort } from '../records/records-reader.js';
import { CkanValidationError } from './envelope.js';
import { booleanParam, intParam, jsonParam, listParam, naturalNumberParam, stringParam, textOf, type DataDict } from './params.js';

/** CKAN's ckan.datastore.search.rows_default; rows_max is 32000 in CKAN and 1000 here (the API's page bound), clamped as CKAN clamps. */
export const LIMIT_DEFAULT = 100;
export const LIMIT_MAX = 1000;

/** The row number CKAN's datastore keeps per row; here the row's position in the result (see datastore-search.ts). */
export const ROW_ID = '_id';

const KNOWN = [
  'resource_id',
  'id',
  'q',
  'plain',
  'filters',
  'language',
  'limit',
  'offset',
  'fields',
  'sort',
  'distinct',
  'include_total',
  'total_estimation_threshold',
  'records_format',
  'full_text',
];

export type RecordsFormat = 'objects' | 'lists' | 'csv' | 'tsv';

/** datastore_search's parameters, validated as ckanext/datastore/logic/schema.py's datastore_search_schema does. */
export interface DatastoreParams {
  readonly resourceId: string;
  readonly filters: Readonly<Record<string, string | readonly string[]>>;
  /** A string searches every field; an object searches each named field for its value. */
  readonly q?: string | Readonly<Record<string, string>>;
  readonly limit: number;
  readonly offset: number;
  readonly fields?: readonly string[];
  readonly sort: readonly RecordSort[];
  readonly includeTotal: boolean;
  readonly recordsFormat: RecordsFormat;
}

export function datastoreParams(data: DataDict): DatastoreParams {
  const junk = Object.keys(data).filter((key) => !KNOWN.includes(key));
  if (junk.length > 0) throw CkanValidationError.of('__junk', `The input field [${junk.map((k) => `'${k}'`).join(', ')}] was not expected.`);
  const resourceId = stringParam(data, 'resource_id') ?? stringParam(data, 'id');
  if (!resourceId?.trim()) throw CkanValidationError.of('resource_id', 'Missing value');
  if (booleanParam(data, 'distinct', false)) throw CkanValidationError.of('distinct', 'invalid value "true": distinct rows are not supported');
  const offset = intParam(data, 'offset') ?? 0;
  if (offset < 0) throw CkanValidationError.of('offset', `invalid value "${offset}"`);
  const recordsFormat = stringParam(data, 'records_format') ?? 'objects';
  if (!['objects', 'lists', 'csv', 'tsv'].includes(recordsFormat))
    throw CkanValidationError.of('records_format', 'Value must be one of: objects; lists; csv; tsv');
  const fullText = stringParam(data, 'full_text');
  return {
    resourceId,
    filters: filtersOf(jsonParam(data, 'filters')),
    ...optional('q', queryOf(data) ?? fullText),
    limit: Math.min(naturalNumberParam(data, 'limit') ?? LIMIT_DEFAULT, LIMIT_MAX),
    offset,
    ...optional('fields', listParam(data, 'fields')),
    sort: untilRowId((listParam(data, 'sort') ?? []).map(sortOf)),
    includeTotal: booleanParam(data, 'include_total', true),
    recordsFormat: recordsFormat as RecordsFormat,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } => (value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

/** `filters`: {field: value or list of values}; values compare as text, so numbers and booleans are written as the release writes them. */
function filtersOf(value: unknown): Record<string, string | string[]> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw CkanValidationError.of('filters', 'Must be a JSON object');
  const scalar = (v: unknown): string => {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
    throw CkanValidationError.of('filters', `invalid value ${JSON.stringify(v)}`);
  };
  return Object.fromEntries(Object.entries(value).map(([field, v]) => [field, Array.isArray(v) ? v.map(scalar) : scalar(v)]));
}

/** `q` is a string, or a JSON object of field → text (a string that parses as a JSON object is one, as unicode_or_json_validator reads it). */
function queryOf(data: DataDict): string | Record<string, string> | undefined {
  const raw = data['q'];
  if (raw === undefined || raw === null || raw === '') return undefined;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return raw;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return raw;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return textOf(raw);
  const entries = Object.entries(value);
  if (entries.some(([, v]) => typeof v !== 'string')) throw CkanValidationError.of('q', 'each field of a q object must be searched for a string');
  return Object.fromEntries(entries);
}

/** `_id` is unique: clauses after it never decide, and `_id` ascending itself is the reader's default order. */
function untilRowId(clauses: readonly RecordSort[]): RecordSort[] {
  const at = clauses.findIndex((c) => c.field === ROW_ID);
  return at < 0 ? [...clauses] : clauses.slice(0, at);
}

/** One sort clause, as _parse_sort_clause reads it: `field`, `"field" desc`, `field asc nulls last`. */
function sortOf(clause: string): RecordSort {
  const match = /^(.+?)( +(asc|desc))?( nulls +(first|last) *)?$/i.exec(clause.trim());
  if (!match) throw CkanValidationError.of('sort', `invalid value "${clause}"`);
  const quoted = match[1]!.length > 1 && match[1]!.startsWith('"') && match[1]!.endsWith('"');
  const field = quoted ? match[1]!.slice(1, -1) : match[1]!;
  const descending = match[3]?.toLowerCase() === 'desc';
  // `_id` ascending is the release's own order (what the reader returns unsorted); descending has no equivalent.
  if (field === ROW_ID && descending)
    throw CkanValidationError.of('sort', `invalid value "${clause}": ${ROW_ID} is the row's position and sorts ascending only`);
  return { field, descending };
}
