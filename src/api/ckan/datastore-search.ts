import type { DatasetConfig } from '../../config/catalog.js';
import type { ReleasePointer } from '../../publish/release.js';
import { InvalidRecordQuery, type RecordField, type RecordPage, type RecordQuery, type RecordsReader } from '../records/records-reader.js';
import { CkanAuthorizationError, CkanValidationError } from './envelope.js';
import { ROW_ID, type DatastoreParams } from './datastore-params.js';
import { recordsIn, type Row } from './datastore-records.js';
import { scanFieldQuery } from './datastore-field-query.js';

/** What datastore_search reads: the dataset's latest release, the fields the caller may see, and the rows' reader. */
export interface DatastoreTarget {
  readonly dataset: DatasetConfig;
  readonly release: ReleasePointer;
  /** The fields a grant allows; undefined means every released field. */
  readonly allowed?: readonly string[];
}

/** CKAN's datastore types by the release's storage types (PostgreSQL's type names, as datastore_search reports them). */
const CKAN_TYPES: Readonly<Record<string, string>> = {
  string: 'text',
  integer: 'int4',
  number: 'numeric',
  boolean: 'bool',
  date: 'date',
  datetime: 'timestamp',
};

/** The result of datastore_search without `_links` (the route knows the URL). */
export interface DatastoreResult {
  readonly fields: readonly { readonly id: string; readonly type: string; readonly info?: { readonly label: string; readonly notes: string } }[];
  readonly records: unknown;
  /** Set when include_total. */
  readonly total?: number;
  /** The field ids served, for the audit. */
  readonly served: readonly string[];
  readonly rowCount: number;
}

/**
 * Validates names against the released fields (a name outside them is CKAN's "invalid value";
 * one a grant does not cover is refused, so a hidden field is never filtered, sorted or searched
 * on), asks the reader, and numbers the rows: `_id` is the row's 1-based position in this
 * query's order (offset + index + 1), since a release has no database serial.
 */
export async function datastoreSearch(reader: RecordsReader, target: DatastoreTarget, params: DatastoreParams): Promise<DatastoreResult> {
  const visible = target.allowed ?? target.dataset.fields;
  const check = (parameter: string, field: string, clause = field) => {
    if (field === ROW_ID && parameter === 'fields') return;
    if (!target.dataset.fields.includes(field)) throw CkanValidationError.of(parameter, `invalid value "${clause}"`);
    if (!visible.includes(field)) throw new CkanAuthorizationError(`field "${field}" is not covered by this key's grant`);
  };
  Object.keys(params.filters).forEach((f) => check('filters', f));
  if (typeof params.q === 'object') Object.keys(params.q).forEach((f) => check('q', f));
  params.sort.forEach((s) => check('sort', s.field, `${s.field} ${s.descending ? 'desc' : 'asc'}`));
  params.fields?.forEach((f) => check('fields', f));

  const wanted = params.fields ?? [ROW_ID, ...visible];
  const dataFields = wanted.filter((f) => f !== ROW_ID);
  const query: RecordQuery = {
    dataset: target.dataset,
    release: target.release,
    fields: dataFields.length > 0 ? dataFields : visible,
    filters: params.filters,
    ...(typeof params.q === 'string' ? { q: params.q } : {}),
    sort: params.sort,
    limit: Math.max(params.limit, 1),
    offset: params.offset,
    includeTotal: params.includeTotal,
  };
  let page: RecordPage;
  try {
    page =
      typeof params.q === 'object'
        ? await scanFieldQuery(reader, { ...query, fields: [...new Set([...query.fields!, ...Object.keys(params.q)])] }, params.q)
        : await reader.query(query);
  } catch (error) {
    if (error instanceof InvalidRecordQuery) throw CkanValidationError.of(error.parameter, error.reason);
    throw error;
  }
  const rows: Row[] = page.rows.slice(0, params.limit).map((row, index) => ({ ...row, [ROW_ID]: params.offset + index + 1 }));
  const byId = new Map(page.fields.map((f) => [f.id, f]));
  const fields = wanted.map((id) => fieldOf(id, byId.get(id)));
  return {
    fields,
    records: recordsIn(params.recordsFormat, fields, rows),
    ...(params.includeTotal && page.total !== undefined ? { total: page.total } : {}),
    served: dataFields,
    rowCount: rows.length,
  };
}

function fieldOf(id: string, field: RecordField | undefined) {
  if (id === ROW_ID) return { id, type: 'int' };
  // CKAN's data dictionary (`info`) carries a column's label and notes: the Chinese and English names.
  return { id, type: CKAN_TYPES[field?.type ?? 'string'] ?? 'text', ...(field ? { info: { label: field.title.zh, notes: field.title.en } } : {}) };
}
