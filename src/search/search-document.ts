import type { ReleaseColumn, Row } from '../publish/release-columns.js';

/** What one search hit is about: a dataset's metadata, or one published record of a release. */
export interface SearchDocument {
  readonly kind: 'dataset' | 'record';
  readonly datasetId: string;
  /** A record's identifying fields and values, in order (the records route filters on them). */
  readonly key?: readonly (readonly [string, string])[];
  readonly title: string;
  readonly keywords: string;
  readonly body: string;
  readonly recordType: string;
  /** The issuing authority or publisher. */
  readonly department?: string;
  /** 行政区划, when the record names one (or its department does). */
  readonly district?: string;
  /** YYYY-MM-DD: the record's decision, publication or listing date; a dataset's latest release date. */
  readonly date?: string;
}

/** 绍兴's districts and counties (and the city level), as enforcement decisions' 所属区县 names them. */
export const DISTRICTS = ['越城区', '柯桥区', '上虞区', '诸暨市', '嵊州市', '新昌县', '绍兴市本级'] as const;

/** The first district named in a text (an authority such as 绍兴市柯桥区市场监督管理局 names its own). */
export const districtIn = (text: string | undefined): string | undefined => (text ? DISTRICTS.find((d) => text.includes(d)) : undefined);

/** A cell as people read it: enum codes through the column's labels, lists joined, objects by their text leaves. */
export function cellText(value: unknown, column?: Pick<ReleaseColumn, 'labels'>): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return column?.labels?.[value] ?? value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value))
    return value
      .map((v) => cellText(v, column))
      .filter((t) => t !== '')
      .join('、');
  if (typeof value === 'object')
    return Object.values(value)
      .filter((v) => typeof v === 'string' && !/^https?:\/\//.test(v))
      .map((v) => cellText(v))
      .join(' ');
  return '';
}

/** How a record type's published row becomes a search document; fields a dataset does not publish are skipped. */
export interface RecordSearchSpec {
  /** The title, from the row's text by field. */
  readonly title: (text: (field: string) => string) => string;
  /** Names and numbers people search for by themselves (party, document number, codes). */
  readonly keywords: readonly string[];
  /** First non-empty is the department. */
  readonly department: readonly string[];
  /** First non-empty (YYYY-MM-DD) is the date. */
  readonly date: readonly string[];
  /** The fields that identify a record (the records route's equality filters). */
  readonly key: readonly string[];
}

const first =
  (...fields: string[]) =>
  (text: (field: string) => string) =>
    fields.map(text).find((t) => t !== '') ?? '';

export const RECORD_SEARCH_SPECS: Readonly<Record<string, RecordSearchSpec>> = {
  'enforcement-decision': {
    title: (t) => t('caseName') || [t('partyName'), t('licenseName') || t('violationType')].filter((x) => x !== '').join(' ') || t('decisionNumber'),
    keywords: ['decisionNumber', 'partyName', 'creditCode', 'penaltyTypes', 'licenseName', 'authority'],
    department: ['authority', 'dataSource'],
    date: ['decisionDate', 'validFrom'],
    key: ['authorityCode', 'decisionNumber'],
  },
  'normative-document': {
    title: first('title', 'documentNumber'),
    keywords: ['documentNumber', 'indexNumber', 'registrationNumber', 'issuingAuthorities', 'subjectCategories'],
    department: ['issuingAuthorities'],
    date: ['publishedDate', 'signedDate'],
    key: ['documentNumber'],
  },
  'gazette-issue': {
    title: (t) => `${t('publisher')}公报 ${t('year')}年第${t('issueNumber')}期`,
    keywords: ['publisher'],
    department: ['publisher'],
    date: ['publicationDate'],
    key: ['year', 'issueNumber'],
  },
  'major-decision': {
    title: first('title'),
    keywords: ['decidingBody', 'department'],
    department: ['decidingBody', 'department'],
    date: ['decisionDate', 'catalogDate'],
    key: ['year', 'decidingBody', 'catalogNumber'],
  },
  'credit-record': {
    title: (t) => [t('subjectName'), t('category') || t('listType')].filter((x) => x !== '').join(' '),
    keywords: ['subjectName', 'subjectCode', 'decisionNumber', 'recordNumber', 'authority'],
    department: ['authority'],
    date: ['decisionDate', 'publicityStartDate'],
    key: ['recordNumber'],
  },
  'property-rights-transaction': {
    title: first('projectName', 'projectNumber'),
    keywords: ['projectNumber', 'transferor', 'transfereeName', 'assetType'],
    department: ['exchange'],
    date: ['listingStartDate', 'dealDate'],
    key: ['projectNumber'],
  },
  'service-item': {
    title: first('name', 'itemCode'),
    keywords: ['itemCode', 'itemType', 'department'],
    department: ['department'],
    date: [],
    key: ['itemCode'],
  },
};

/** A record type without a spec: its first text column is the title, every text column is searched. */
const GENERIC: RecordSearchSpec = { title: () => '', keywords: [], department: [], date: [], key: [] };

/** Column types whose text is not searched (amounts, flags, links and moments add nothing a person types). */
const UNSEARCHED = new Set(['number', 'decimal', 'integer', 'boolean', 'date-time']);

/**
 * Makes a published row's search document. Only the row's published columns are read: the
 * row is what the release carries, already projected and masked.
 */
export function recordDocumentMaker(datasetId: string, recordType: string, columns: readonly ReleaseColumn[]): (row: Row) => SearchDocument {
  const spec = RECORD_SEARCH_SPECS[recordType] ?? GENERIC;
  const byField = new Map(columns.map((c) => [c.field, c]));
  const key = spec.key.filter((f) => byField.has(f));
  const searched = columns.filter((c) => !UNSEARCHED.has(c.type) && c.format !== 'uri' && c.field !== 'sourceUpdatedAt');
  const keywordFields = new Set(spec.keywords);
  return (row) => {
    const text = (field: string) => (byField.has(field) ? cellText(row[field], byField.get(field)) : '');
    const title = spec.title(text) || (searched.map((c) => text(c.field)).find((t) => t !== '' && !/^\d/.test(t)) ?? '');
    const department = spec.department.map(text).find((t) => t !== '');
    const district = text('district') || districtIn(department);
    const date = spec.date
      .map(text)
      .find((t) => /^\d{4}-\d{2}-\d{2}/.test(t))
      ?.slice(0, 10);
    // The key carries the stored codes, as the records route's equality filters compare them.
    const values = key.map((f) => [f, cellText(row[f])] as const).filter(([, v]) => v !== '');
    return {
      kind: 'record',
      datasetId,
      ...(values.length > 0 ? { key: values } : {}),
      title,
      keywords: spec.keywords
        .map(text)
        .filter((t) => t !== '')
        .join(' '),
      body: searched
        .filter((c) => !keywordFields.has(c.field) && c.type !== 'date')
        .map((c) => text(c.field))
        .filter((t) => t !== '' && t !== title)
        .join(' '),
      recordType,
      ...(department ? { department } : {}),
      ...(district ? { district } : {}),
      ...(date ? { date } : {}),
    };
  };
}
