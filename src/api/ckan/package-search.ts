import { CkanSearchQueryError, CkanValidationError } from './envelope.js';
import type { CkanPackage } from './package.js';
import { facetValues, isFacetable, isIndexedField, matches, score } from './package-index.js';
import { booleanParam, intParam, jsonParam, naturalNumberParam, stringParam, textOf, type DataDict } from './params.js';
import { fieldsOf, parseQuery, QuerySyntaxError, type QueryExpr } from './solr-query.js';

/** CKAN's default (ckan.search.default_package_sort), rows default and rows_max, and search.facets.limit. */
export const DEFAULT_SORT = 'score desc, metadata_modified desc';
export const ROWS_DEFAULT = 10;
export const ROWS_MAX = 1000;
const FACET_LIMIT_DEFAULT = 50;

/** The parameters CKAN's package_search passes on to Solr (VALID_SOLR_PARAMETERS) or uses itself; any other is refused as CKAN refuses it. */
const KNOWN = [
  ...['q', 'fq', 'fq_list', 'rows', 'start', 'sort', 'fl', 'facet', 'facet.field', 'facet.limit', 'facet.mincount'],
  // Accepted and without effect here: Solr tuning, and the private/draft/deleted switches (every package is public and active).
  ...['qf', 'wt', 'bf', 'boost', 'tie', 'defType', 'mm', 'df', 'include_private', 'include_drafts', 'include_deleted', 'use_default_schema', 'extras'],
];

const SORTABLE: Readonly<Record<string, (p: CkanPackage, scores: ReadonlyMap<CkanPackage, number>) => string | number>> = {
  score: (p, scores) => scores.get(p) ?? 0,
  metadata_modified: (p) => p.metadata_modified ?? '',
  metadata_created: (p) => p.metadata_created ?? '',
  name: (p) => p.name,
  id: (p) => p.id,
  title_string: (p) => p.title,
  title: (p) => p.title,
  num_resources: (p) => p.num_resources,
  num_tags: (p) => p.num_tags,
};

/** package_search over every package: q, fq (and fq_list), sort, start/rows, facets, fl. */
export function packageSearch(packages: readonly CkanPackage[], data: DataDict, now: Date) {
  const unknown = Object.keys(data).filter((key) => !KNOWN.includes(key) && !key.startsWith('ext_'));
  if (unknown.length > 0) throw new CkanSearchQueryError(`Invalid search parameters: [${unknown.map((k) => `'${k}'`).join(', ')}]`);
  const rows = Math.min(naturalNumberParam(data, 'rows') ?? ROWS_DEFAULT, ROWS_MAX);
  const start = naturalNumberParam(data, 'start') ?? 0;
  const q = stringParam(data, 'q') ?? '';
  const sort = stringParam(data, 'sort')?.trim() || DEFAULT_SORT;
  const filters = [stringParam(data, 'fq') ?? '', ...fqList(data)].map((fq) => query('fq', fq));
  const words = isFielded(q) ? [] : q.split(/\s+/).filter((w) => w !== '' && w !== '*');
  const textQuery = isFielded(q) ? query('q', q) : undefined;

  const hits = packages.filter((p) => filters.every((f) => matches(p, f, now)) && (textQuery ? matches(p, textQuery, now) : matchesEnough(p, words)));
  const scores = new Map(hits.map((p) => [p, score(p, words)]));
  const ordered = [...hits].sort(comparator(sort, scores));
  const { facets, search_facets } = facetsOf(hits, data);
  const page = ordered.slice(start, start + rows);
  return { count: hits.length, sort, facets, search_facets, results: fieldList(data, page) };
}

/** `fl`: only these keys of each package (CKAN's "id name" or a list). */
function fieldList(data: DataDict, page: readonly CkanPackage[]): readonly unknown[] {
  const fl = data['fl'];
  if (fl === undefined || fl === null || fl === '') return page;
  const keys = typeof fl === 'string' ? fl.split(/[\s,]+/).filter(Boolean) : Array.isArray(fl) ? fl.map(textOf) : undefined;
  if (!keys) throw CkanValidationError.of('fl', 'Must be a list of field names');
  return page.map((p) => Object.fromEntries(keys.filter((k) => k in p).map((k) => [k, p[k as keyof CkanPackage]])));
}

const isFielded = (q: string): boolean => /(?<!\\):/.test(q);

function fqList(data: DataDict): string[] {
  const list = jsonParam(data, 'fq_list');
  if (list === undefined) return [];
  if (!Array.isArray(list) || !list.every((f) => typeof f === 'string')) throw CkanValidationError.of('fq_list', 'Must be a list of strings');
  return list;
}

function query(parameter: 'q' | 'fq', text: string): QueryExpr {
  let expr: QueryExpr;
  try {
    expr = parseQuery(text);
  } catch (error) {
    if (error instanceof QuerySyntaxError) throw new CkanSearchQueryError(`${parameter}: ${error.message}`);
    throw error;
  }
  const unknown = fieldsOf(expr).filter((field) => !isIndexedField(field));
  if (unknown.length > 0) throw new CkanSearchQueryError(`${parameter}: unknown field ${unknown.join(', ')}`);
  return expr;
}

/** Free-text words as CKAN's dismax with mm "2<-1 5<80%": up to two words all must match, up to five all but one, then 80%. */
function matchesEnough(pkg: CkanPackage, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const required = words.length <= 2 ? words.length : words.length <= 5 ? words.length - 1 : Math.floor(words.length * 0.8);
  return words.filter((word) => score(pkg, [word]) > 0).length >= required;
}

function comparator(sort: string, scores: ReadonlyMap<CkanPackage, number>): (a: CkanPackage, b: CkanPackage) => number {
  const keys = sort.split(',').map((clause) => {
    const match = /^\s*(\S+)(?:\s+(asc|desc))?\s*$/i.exec(clause);
    const key = match ? SORTABLE[match[1]!] : undefined;
    if (!match || !key) throw new CkanSearchQueryError('Invalid "sort" parameter');
    return { key, descending: match[2]?.toLowerCase() === 'desc' };
  });
  return (a, b) => {
    for (const { key, descending } of keys) {
      const [x, y] = [key(a, scores), key(b, scores)];
      if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    }
    return 0;
  };
}

/** `facets` ({field: {value: count}}) and `search_facets` as CKAN restructures them, items ordered by display_name descending as CKAN 2.10 does. */
function facetsOf(hits: readonly CkanPackage[], data: DataDict) {
  const requested = jsonParam(data, 'facet.field') ?? [];
  if (!Array.isArray(requested) || !requested.every((f) => typeof f === 'string')) throw CkanValidationError.of('facet.field', 'Must be a list of strings');
  const facets: Record<string, Record<string, number>> = {};
  const search_facets: Record<string, { title: string; items: { name: string; display_name: string; count: number }[] }> = {};
  if (!booleanParam(data, 'facet', true)) return { facets, search_facets };
  const limit = intParam(data, 'facet.limit') ?? FACET_LIMIT_DEFAULT;
  const mincount = naturalNumberParam(data, 'facet.mincount') ?? 1;
  for (const field of requested) {
    if (!isFacetable(field)) throw new CkanSearchQueryError(`facet.field: ${field} cannot be faceted`);
    const counts = new Map<string, { display_name: string; count: number }>();
    for (const pkg of hits) {
      for (const { name, display_name } of facetValues(pkg, field) ?? []) counts.set(name, { display_name, count: (counts.get(name)?.count ?? 0) + 1 });
    }
    const top = [...counts]
      .filter(([, { count }]) => count >= mincount)
      .sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : 1))
      .slice(0, limit < 0 ? undefined : limit);
    facets[field] = Object.fromEntries(top.map(([name, { count }]) => [name, count]));
    const items = top.map(([name, { display_name, count }]) => ({ name, display_name, count }));
    search_facets[field] = { title: field, items: items.sort((x, y) => (x.display_name < y.display_name ? 1 : x.display_name > y.display_name ? -1 : 0)) };
  }
  return { facets, search_facets };
}
