import type { CatalogEntry } from './catalog-entries.js';

/**
 * The paging and filtering of the DCAT catalog (`?page=&per_page=&modified_since=`), as
 * ckanext-dcat pages its catalog endpoint: 1-based pages, and a Hydra view naming the first,
 * previous, next and last page so a harvester walks them without knowing our parameters.
 */
export const PER_PAGE_DEFAULT = 100;
export const PER_PAGE_MAX = 1000;

export interface CatalogQuery {
  readonly page: number;
  readonly perPage: number;
  /** Only datasets whose latest release was created after this instant. */
  readonly modifiedSince?: Date;
}

/** A query parameter at fault, and why. */
export class InvalidCatalogQuery extends Error {
  override readonly name = 'InvalidCatalogQuery';
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`${parameter}: ${reason}`);
  }
}

const KNOWN = new Set(['page', 'per_page', 'modified_since']);
/** An instant: a date, a time and an offset (`Z` or ±hh:mm), as RFC 3339 writes it. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

function positiveInteger(name: string, value: string | undefined, fallback: number, max?: number): number {
  if (value === undefined) return fallback;
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new InvalidCatalogQuery(name, `must be a positive integer, not "${value}"`);
  const n = Number(value);
  if (max !== undefined && n > max) throw new InvalidCatalogQuery(name, `must be at most ${max}, not ${n}`);
  return n;
}

/** Reads the catalog's query; any other parameter is refused by name. */
export function parseCatalogQuery(params: Readonly<Record<string, string>>): CatalogQuery {
  for (const name of Object.keys(params)) if (!KNOWN.has(name)) throw new InvalidCatalogQuery(name, 'unknown query parameter');
  const since = params.modified_since;
  let modifiedSince: Date | undefined;
  if (since !== undefined) {
    const time = Date.parse(since);
    if (!INSTANT.test(since) || !Number.isFinite(time))
      throw new InvalidCatalogQuery('modified_since', `must be an ISO 8601 instant with an offset (2026-12-01T08:00:00Z), not "${since}"`);
    modifiedSince = new Date(time);
  }
  return {
    page: positiveInteger('page', params.page, 1),
    perPage: positiveInteger('per_page', params.per_page, PER_PAGE_DEFAULT, PER_PAGE_MAX),
    ...(modifiedSince ? { modifiedSince } : {}),
  };
}

/** One page of the catalog and where it sits among the others. */
export interface CatalogPage {
  readonly entries: readonly CatalogEntry[];
  readonly page: number;
  readonly perPage: number;
  /** The datasets matching the query, over every page. */
  readonly totalItems: number;
  /** At least 1: an empty catalog is one empty page. */
  readonly lastPage: number;
}

/** The entries the query selects, sliced to its page. A page beyond the last is the caller's error. */
export function selectCatalogPage(entries: readonly CatalogEntry[], query: CatalogQuery): CatalogPage {
  const since = query.modifiedSince?.getTime();
  const matching = since === undefined ? entries : entries.filter((e) => e.release !== undefined && Date.parse(e.release.createdAt) > since);
  const lastPage = Math.max(1, Math.ceil(matching.length / query.perPage));
  if (query.page > lastPage) throw new InvalidCatalogQuery('page', `must be at most ${lastPage}, the last page, not ${query.page}`);
  const start = (query.page - 1) * query.perPage;
  return { entries: matching.slice(start, start + query.perPage), page: query.page, perPage: query.perPage, totalItems: matching.length, lastPage };
}
