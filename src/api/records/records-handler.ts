/** `GET /v1/datasets/{id}/records`: a page of a release's rows, through the RecordsReader. */
import type { Context } from 'hono';
import { auditRead } from '../access.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { CACHE_IMMUTABLE, CACHE_METADATA, CACHE_PRIVATE } from '../http/conditional.js';
import { invalidParameter, problemResponse } from '../problem.js';
import { InvalidRecordQuery, type RecordSort } from './records-reader.js';
import { boundedInteger, readableRelease, repeatedParameter } from './route-support.js';

/** Query parameters that are not field filters. */
export const RESERVED_RECORD_PARAMETERS = ['limit', 'cursor', 'q', 'sort', 'release', 'include_total', 'fields'] as const;
export const RECORDS_LIMIT_MAX = 1000;
export const RECORDS_LIMIT_DEFAULT = 100;

/** `sort=field,-field` → sort keys; undefined when a key is empty. */
export function parseSort(text: string): RecordSort[] | undefined {
  const keys = text.split(',').map((k) => k.trim());
  if (keys.some((k) => k === '' || k === '-')) return undefined;
  return keys.map((k) => (k.startsWith('-') ? { field: k.slice(1), descending: true } : { field: k, descending: false }));
}

export async function recordsHandler(c: Context<ApiEnv>, deps: ApiDeps): Promise<Response> {
  const repeated = repeatedParameter(c, RESERVED_RECORD_PARAMETERS);
  if (repeated) return invalidParameter(c, repeated, 'given more than once');
  const limit = boundedInteger(c, 'limit', 1, RECORDS_LIMIT_MAX, RECORDS_LIMIT_DEFAULT);
  if (limit instanceof Response) return limit;
  const sortText = c.req.query('sort');
  const sort = sortText === undefined ? undefined : parseSort(sortText);
  if (sortText !== undefined && !sort)
    return invalidParameter(c, 'sort', `must be field ids separated by commas, each optionally preceded by -; got "${sortText}"`);
  const totalText = c.req.query('include_total');
  if (totalText !== undefined && !['true', 'false'].includes(totalText))
    return invalidParameter(c, 'include_total', `must be true or false; got "${totalText}"`);
  const requested = c.req
    .query('fields')
    ?.split(',')
    .map((f) => f.trim());
  const found = await readableRelease(c, deps, c.req.query('release'));
  if (found instanceof Response) return found;
  const { dataset, release, access } = found;
  if (requested && access.fields) {
    const withheld = requested.find((f) => !access.fields!.includes(f));
    if (withheld) return invalidParameter(c, 'fields', `"${withheld}" is not among the fields your grant allows`);
  }
  // Built as entries: assigning a parameter named `__proto__` would drop the filter and answer every row.
  const filters: Record<string, readonly string[]> = Object.fromEntries(
    Object.entries(c.req.queries()).filter(([name]) => !(RESERVED_RECORD_PARAMETERS as readonly string[]).includes(name)),
  );
  if (!release.files.some((f) => f.format === 'parquet'))
    return problemResponse(c, 404, `release "${release.releaseId}" of "${dataset.id}" has no Parquet file to query`);
  try {
    const page = await deps.records.query({
      dataset,
      release,
      limit,
      filters,
      ...((requested ?? access.fields) ? { fields: requested ?? access.fields } : {}),
      ...(c.req.query('q') !== undefined ? { q: c.req.query('q') } : {}),
      ...(sort ? { sort } : {}),
      ...(c.req.query('cursor') !== undefined ? { cursor: c.req.query('cursor') } : {}),
      includeTotal: totalText === 'true',
    });
    await auditRead(c, { datasetId: dataset.id, route: 'records', fields: page.fields.map((f) => f.id), rows: page.rows.length });
    let next: string | undefined;
    if (page.nextCursor) {
      // The next page reads the same release, even when a newer one lands meanwhile.
      const url = new URL(`${deps.publicBaseUrl}/v1/datasets/${dataset.id}/records`);
      for (const [name, values] of Object.entries(c.req.queries()))
        if (name !== 'cursor' && name !== 'release') for (const v of values) url.searchParams.append(name, v);
      url.searchParams.set('release', release.releaseId);
      url.searchParams.set('cursor', page.nextCursor);
      next = url.toString();
    }
    c.header('cache-control', access.grant ? CACHE_PRIVATE : c.req.query('release') ? CACHE_IMMUTABLE : CACHE_METADATA);
    c.header('x-tongyuan-release', release.releaseId);
    return c.json({
      release: release.releaseId,
      fields: page.fields,
      records: page.rows,
      ...(page.total !== undefined ? { total: page.total } : {}),
      ...(next ? { next } : {}),
    });
  } catch (error) {
    if (error instanceof InvalidRecordQuery) return invalidParameter(c, error.parameter, error.reason);
    throw error;
  }
}
