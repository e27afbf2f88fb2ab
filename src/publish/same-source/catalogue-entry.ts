/**
 * 同源发布: the 政府信息公开 catalogue entry of a normative document or a gazette issue, built
 * from the published row, so the government website, the gazette database and the open-data
 * portal show the same facts from the same record version.
 */
import type { DatasetConfig } from '../../config/catalog.js';
import type { Row } from '../release-columns.js';
import { organisationCodeOf, type IndexNumberAllocator } from './index-number.js';

/** One catalogue entry; `CATALOGUE_COLUMNS` gives each key's Chinese header. */
export interface CatalogueEntry {
  /** The record it describes: 文号 of a document, `<year>-<issue>` of a gazette issue. */
  readonly recordKey: string;
  readonly indexNumber: string;
  /** Whether the record carried its 索引号 or the dataset's rule built it. */
  readonly indexNumberSource: 'record' | 'rule';
  readonly title: string;
  readonly documentNumber: string | null;
  readonly subjectCategory: string;
  readonly publisher: string;
  readonly signedDate: string | null;
  readonly publishedDate: string | null;
  readonly disclosure: string;
  /** 有效/失效/废止/已修改; null for a gazette issue, which has no validity of its own. */
  readonly validity: string | null;
  readonly url: string | null;
}

export const CATALOGUE_COLUMNS: readonly (readonly [keyof CatalogueEntry, string])[] = [
  ['indexNumber', '索引号'],
  ['title', '名称'],
  ['documentNumber', '文号'],
  ['subjectCategory', '主题分类'],
  ['publisher', '发布机构'],
  ['signedDate', '成文日期'],
  ['publishedDate', '发布日期'],
  ['disclosure', '公开方式'],
  ['validity', '有效性'],
  ['url', '链接'],
  ['recordKey', '记录标识'],
  ['indexNumberSource', '索引号来源'],
];

// The schemas' own labels (normative-document.schema.json: validity, disclosure).
const VALIDITY: Readonly<Record<string, string>> = { 'in-force': '有效', expired: '失效', repealed: '废止', amended: '已修改' };
const DISCLOSURE: Readonly<Record<string, string>> = { proactive: '主动公开', 'on-request': '依申请公开', 'not-disclosed': '不予公开' };

/** The published fields an entry of each record type is built from. */
export const CATALOGUE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'normative-document': ['documentNumber', 'title', 'issuingAuthorities', 'signedDate', 'validity', 'disclosure'],
  'gazette-issue': ['year', 'issueNumber', 'publicationDate', 'publisher'],
};

export type CatalogueEntryOf = (row: Row) => CatalogueEntry;

/** Objects travel as JSON text in some row forms (Parquet's `object` columns); both are accepted. */
function structured(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

const optionalText = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * The entry builder of a dataset with a `sameSource` rule, checked up front: the record type
 * must be one the catalogue covers and the dataset must publish the fields an entry needs.
 */
export function catalogueEntryBuilder(dataset: DatasetConfig, allocator: IndexNumberAllocator): CatalogueEntryOf {
  const rule = dataset.sameSource;
  const needed = CATALOGUE_FIELDS[dataset.recordType];
  if (!rule || !needed) throw new Error(`dataset ${dataset.id}: no 同源发布 catalogue for record type ${dataset.recordType}`);
  const missing = needed.filter((field) => !dataset.fields.includes(field));
  if (missing.length > 0) throw new Error(`dataset ${dataset.id}: the 同源发布 catalogue needs the published fields ${missing.join(', ')}`);

  const issuerCode = (name: string, uscc: unknown, recordKey: string): string => {
    const code = rule.issuerCodes?.[name] ?? (typeof uscc === 'string' ? organisationCodeOf(uscc) : undefined);
    if (!code) throw new Error(`dataset ${dataset.id}, record ${recordKey}: no code for issuer ${name} (add it to sameSource.issuerCodes)`);
    return code;
  };
  const text = (row: Row, field: string, recordKey: string): string => {
    const value = row[field];
    if (typeof value !== 'string' || value.length === 0) throw new Error(`dataset ${dataset.id}, record ${recordKey}: field ${field} is empty`);
    return value;
  };
  const fallbackCategory = rule.subjectCategory ?? dataset.subjectCategory;

  if (dataset.recordType === 'normative-document') {
    return (row) => {
      const recordKey = text(row, 'documentNumber', '(no 文号)');
      const issuers = structured(row.issuingAuthorities);
      const lead = Array.isArray(issuers) ? (issuers[0] as { name?: unknown; code?: unknown } | undefined) : undefined;
      if (typeof lead?.name !== 'string') throw new Error(`dataset ${dataset.id}, record ${recordKey}: field issuingAuthorities has no issuer`);
      const signedDate = text(row, 'signedDate', recordKey);
      const carried = optionalText(row.indexNumber);
      const indexNumber = carried
        ? allocator.claim(recordKey, carried)
        : allocator.assign(recordKey, { issuerCode: issuerCode(lead.name, lead.code, recordKey), year: Number(signedDate.slice(0, 4)) });
      const categories = structured(row.subjectCategories);
      const validity = text(row, 'validity', recordKey);
      const disclosure = text(row, 'disclosure', recordKey);
      return {
        recordKey,
        indexNumber,
        indexNumberSource: carried ? 'record' : 'rule',
        title: text(row, 'title', recordKey),
        documentNumber: recordKey,
        subjectCategory: Array.isArray(categories) && categories.length > 0 ? categories.join('、') : fallbackCategory,
        publisher: (issuers as { name: string }[]).map((issuer) => issuer.name).join('、'),
        signedDate,
        publishedDate: optionalText(row.publishedDate),
        disclosure: DISCLOSURE[disclosure] ?? disclosure,
        validity: VALIDITY[validity] ?? validity,
        url: optionalText(row.fullTextUrl),
      };
    };
  }
  return (row) => {
    const { year, issueNumber } = row;
    if (typeof year !== 'number' || typeof issueNumber !== 'number')
      throw new Error(`dataset ${dataset.id}: a gazette issue row without a numeric year and issueNumber (${JSON.stringify([year, issueNumber])})`);
    const recordKey = `${year}-${issueNumber}`;
    const publisher = text(row, 'publisher', recordKey);
    const publicationDate = text(row, 'publicationDate', recordKey);
    const total = typeof row.totalIssueNumber === 'number' ? `（总第${row.totalIssueNumber}期）` : '';
    return {
      recordKey,
      indexNumber: allocator.assign(recordKey, { issuerCode: issuerCode(publisher, undefined, recordKey), year }),
      indexNumberSource: 'rule',
      title: `${dataset.title.zh} ${year}年第${issueNumber}期${total}`,
      documentNumber: null,
      subjectCategory: fallbackCategory,
      publisher,
      // An issue is composed and published as a whole: its 成文日期 is its publication date.
      signedDate: publicationDate,
      publishedDate: publicationDate,
      disclosure: DISCLOSURE.proactive!,
      validity: null,
      url: optionalText(row.pdfUrl),
    };
  };
}
