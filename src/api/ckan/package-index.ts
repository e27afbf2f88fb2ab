import type { CkanPackage } from './package.js';
import { QuerySyntaxError, type QueryExpr, type QueryValue } from './solr-query.js';
import { licenseOf } from './vocabulary.js';

/**
 * A package as CKAN's Solr schema indexes it, field by field: `text` fields match words and
 * Chinese substrings case-insensitively, `string` fields match whole values (CKAN's tags,
 * organization, res_format…), dates and numbers match ranges.
 */
type IndexedField = { readonly kind: 'text' | 'string' | 'date' | 'number'; readonly values: readonly string[] };

const EXTRA_FIELDS = ['category', 'grade', 'update_frequency', 'subject_category', 'theme', 'record_type'] as const;

const extra = (pkg: CkanPackage, key: string): string[] => pkg.extras.filter((e) => e.key === key).map((e) => e.value);

/** Fields a facet can count, with the label CKAN's search_facets shows for a value. */
export function facetValues(pkg: CkanPackage, field: string): { name: string; display_name: string }[] | undefined {
  if (field === 'organization') return [{ name: pkg.organization.name, display_name: pkg.organization.title }];
  if (field === 'groups') return pkg.groups.map((g) => ({ name: g.name, display_name: g.title }));
  if (field === 'license_id') return [{ name: pkg.license_id, display_name: licenseOf(pkg.license_id).title }];
  const indexed = indexedField(pkg, field);
  return indexed?.kind === 'string' ? [...new Set(indexed.values)].map((name) => ({ name, display_name: name })) : undefined;
}

/** The values of `field` in this package, or undefined when the index has no such field. */
export function indexedField(pkg: CkanPackage, field: string): IndexedField | undefined {
  const text = (...values: (string | null | undefined)[]): IndexedField => ({ kind: 'text', values: values.filter((v): v is string => typeof v === 'string') });
  const string = (...values: string[]): IndexedField => ({ kind: 'string', values });
  switch (field) {
    case 'text':
      return text(
        pkg.name,
        pkg.title,
        pkg.title_translated.en,
        pkg.notes,
        pkg.notes_translated.en,
        pkg.organization.title,
        pkg.author,
        pkg.maintainer,
        ...pkg.tags.map((t) => t.name),
        ...pkg.groups.flatMap((g) => [g.title, g.description]),
        ...pkg.extras.map((e) => e.value),
        ...pkg.resources.flatMap((r) => [r.name, r.description, r.format]),
      );
    case 'id':
    case 'name':
      return string(pkg.name);
    case 'title':
      return text(pkg.title, pkg.title_translated.en);
    case 'notes':
      return text(pkg.notes, pkg.notes_translated.en);
    case 'author':
    case 'maintainer':
      return text(pkg[field]);
    case 'tags':
      return string(...pkg.tags.map((t) => t.name));
    case 'organization':
      return string(pkg.organization.name, pkg.organization.title);
    case 'groups':
      return string(...pkg.groups.map((g) => g.name));
    case 'res_format':
      return string(...pkg.resources.map((r) => r.format));
    case 'res_name':
      return text(...pkg.resources.map((r) => r.name));
    case 'license_id':
      return string(pkg.license_id);
    case 'metadata_created':
    case 'metadata_modified':
      return { kind: 'date', values: pkg[field] ? [pkg[field]] : [] };
    case 'num_resources':
    case 'num_tags':
      return { kind: 'number', values: [String(pkg[field])] };
    case 'state':
      return string(pkg.state);
    case 'capacity':
      return string('public');
    case 'type':
    case 'dataset_type':
      return string(pkg.type);
  }
  if (field.startsWith('extras_')) return string(...extra(pkg, field.slice('extras_'.length)));
  if ((EXTRA_FIELDS as readonly string[]).includes(field)) return string(...extra(pkg, field));
  return undefined;
}

const INDEXED_FIELDS: readonly string[] = [
  'text',
  'id',
  'name',
  'title',
  'notes',
  'author',
  'maintainer',
  'tags',
  'organization',
  'groups',
  'res_format',
  'res_name',
  'license_id',
  'metadata_created',
  'metadata_modified',
  'num_resources',
  'num_tags',
  'state',
  'capacity',
  'type',
  'dataset_type',
  ...EXTRA_FIELDS,
];

/** Fields whose values are words, instants or counts: CKAN's Solr facets on whole values only. */
const UNFACETABLE: readonly string[] = [
  'text',
  'title',
  'notes',
  'author',
  'maintainer',
  'res_name',
  'metadata_created',
  'metadata_modified',
  'num_resources',
  'num_tags',
];

export const isFacetable = (field: string): boolean => isIndexedField(field) && !UNFACETABLE.includes(field);

/** Whether the index has `field` at all (the same for every package). */
export const isIndexedField = (field: string): boolean => field.startsWith('extras_') || INDEXED_FIELDS.includes(field);

const wildcard = (text: string, flags: string): RegExp => new RegExp(`^${text.split('*').map(escapeRegExp).join('.*')}$`, flags);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Solr date values and ranges: ISO instants (CKAN's are UTC without a zone), `*`, NOW and NOW±n UNIT. */
function instant(text: string, now: Date): number {
  const math = /^NOW(?:([+-])(\d+)(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)S?)?(?:\/[A-Z]+)?$/.exec(text);
  if (math) {
    const ms = { YEAR: 365.25 * 86_400_000, MONTH: 30.44 * 86_400_000, DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1000 }[math[3] ?? 'SECOND']!;
    return now.getTime() + (math[1] === '-' ? -1 : 1) * Number(math[2] ?? 0) * ms;
  }
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(text) || /^\d{4}-\d\d-\d\d$/.test(text) ? text : `${text}Z`;
  const value = Date.parse(zoned);
  if (Number.isNaN(value)) throw new QuerySyntaxError(`"${text}" is not a date`);
  return value;
}

function matchesValue(field: IndexedField, value: QueryValue, now: Date): boolean {
  if (value.kind === 'range') {
    const toNumber = (text: string) => (field.kind === 'date' ? instant(text, now) : Number(text));
    const from = value.from === '*' ? -Infinity : toNumber(value.from);
    const to = value.to === '*' ? Infinity : toNumber(value.to);
    return field.values.some((v) => {
      const n = toNumber(v);
      return n >= from && n <= to;
    });
  }
  const wanted = value.text;
  if (wanted === '*') return field.values.length > 0;
  switch (field.kind) {
    case 'text': {
      const needle = wanted.toLowerCase();
      if (needle.includes('*') && !value.phrase)
        return field.values.some((v) =>
          v
            .toLowerCase()
            .split(/\s+/)
            .some((word) => wildcard(needle, '').test(word)),
        );
      return field.values.some((v) => v.toLowerCase().includes(needle));
    }
    case 'string':
      return wanted.includes('*') && !value.phrase ? field.values.some((v) => wildcard(wanted, '').test(v)) : field.values.includes(wanted);
    case 'date':
      return field.values.some((v) => instant(v, now) === instant(wanted, now));
    case 'number':
      return field.values.some((v) => Number(v) === Number(wanted));
  }
}

/** Whether a package satisfies a parsed q or fq (fields unknown to the index must have been refused before). */
export function matches(pkg: CkanPackage, expr: QueryExpr, now: Date): boolean {
  switch (expr.kind) {
    case 'all':
      return true;
    case 'term':
      return matchesValue(indexedField(pkg, expr.field ?? 'text')!, expr.value, now);
    case 'not':
      return !matches(pkg, expr.item, now);
    case 'and':
      return expr.items.every((item) => matches(pkg, item, now));
    case 'or':
      return expr.items.some((item) => matches(pkg, item, now));
  }
}

/** Relevance of free-text words, weighted as CKAN's QUERY_FIELDS: name^4 title^4 tags^2 groups^2 text. */
export function score(pkg: CkanPackage, words: readonly string[]): number {
  const weights: [string, number][] = [
    ['name', 4],
    ['title', 4],
    ['tags', 2],
    ['groups', 2],
    ['text', 1],
  ];
  return words.reduce(
    (total, word) =>
      total +
      weights.reduce(
        (sum, [field, weight]) =>
          sum + (matchesValue({ ...indexedField(pkg, field)!, kind: 'text' }, { kind: 'text', text: word, phrase: false }, new Date(0)) ? weight : 0),
        0,
      ),
    0,
  );
}
