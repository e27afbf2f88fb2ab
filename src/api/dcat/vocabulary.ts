import type { DcatTheme, UpdateFrequency } from '../../generated/dataset.types.js';
import type { DatasetCategory, DataFormat } from '../../publish/release.js';
import type { Bilingual } from '../problem.js';

/**
 * The namespaces and controlled vocabularies DCAT-AP 3.0 asks for, with the project's values
 * mapped onto them. Class and property IRIs follow the DCAT-AP 3.0.1 SHACL shapes
 * (SEMICeu/DCAT-AP, releases/3.0.1/html/shacl); the code lists are the Publications Office's
 * authority tables (data-theme, frequency, access-right, file-type, language, licence).
 */
export const NS = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  spdx: 'http://spdx.org/rdf/terms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  adms: 'http://www.w3.org/ns/adms#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
} as const;

export type Prefix = keyof typeof NS;

const ns =
  (prefix: Prefix) =>
  (local: string): string =>
    `${NS[prefix]}${local}`;
export const dcat = ns('dcat');
export const dct = ns('dct');
export const foaf = ns('foaf');
export const vcard = ns('vcard');
export const spdx = ns('spdx');
export const xsd = ns('xsd');
export const hydra = ns('hydra');
export const adms = ns('adms');
export const RDF_TYPE = `${NS.rdf}type`;

const AUTHORITY = 'http://publications.europa.eu/resource/authority';

/** The EU data-theme concept for a dataset's theme code (the codes are the table's own). */
export const dataThemeIri = (theme: DcatTheme): string => `${AUTHORITY}/data-theme/${theme}`;
export const DATA_THEME_SCHEME = `${AUTHORITY}/data-theme`;

/** 更新频率 → the EU frequency table (semiannual is ANNUAL_2, "twice a year"; irregular is IRREG). */
const FREQUENCY_CODES: Readonly<Record<UpdateFrequency, string>> = {
  continuous: 'CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  semiannual: 'ANNUAL_2',
  annual: 'ANNUAL',
  irregular: 'IRREG',
};
export const frequencyIri = (frequency: UpdateFrequency): string => `${AUTHORITY}/frequency/${FREQUENCY_CODES[frequency]}`;

/** 无条件开放 is PUBLIC; 受限开放 is RESTRICTED (metadata public, rows under a grant). */
export const accessRightIri = (category: DatasetCategory): string => `${AUTHORITY}/access-right/${category === 'open' ? 'PUBLIC' : 'RESTRICTED'}`;

/** Chinese and English, the languages of every title, description and CSV header set. */
export const LANGUAGE_IRIS = [`${AUTHORITY}/language/ZHO`, `${AUTHORITY}/language/ENG`] as const;

/**
 * A download format's EU file type and IANA media type. JSON Lines has neither: the EU file-type
 * table has no JSON Lines concept (JSON would be wrong: a .jsonl file is not one JSON text) and
 * application/x-ndjson is not an IANA registration, so that distribution names its format in
 * its title only rather than carry a made-up IRI.
 */
const FILE_TYPES: Readonly<Record<DataFormat, { readonly fileType?: string; readonly ianaType?: string; readonly label: Bilingual }>> = {
  csv: { fileType: 'CSV', ianaType: 'text/csv', label: { zh: 'CSV', en: 'CSV' } },
  'csv-en': { fileType: 'CSV', ianaType: 'text/csv', label: { zh: 'CSV，英文字段名', en: 'CSV, English headers' } },
  jsonl: { label: { zh: 'JSON Lines', en: 'JSON Lines' } },
  parquet: { fileType: 'PARQUET', ianaType: 'application/vnd.apache.parquet', label: { zh: 'Parquet', en: 'Parquet' } },
  xlsx: {
    fileType: 'XLSX',
    ianaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: { zh: 'XLSX', en: 'XLSX' },
  },
};

export const fileTypeIri = (format: DataFormat): string | undefined => {
  const code = FILE_TYPES[format].fileType;
  return code ? `${AUTHORITY}/file-type/${code}` : undefined;
};
export const ianaMediaTypeIri = (format: DataFormat): string | undefined => {
  const type = FILE_TYPES[format].ianaType;
  return type ? `https://www.iana.org/assignments/media-types/${type}` : undefined;
};
export const formatLabel = (format: DataFormat): Bilingual => FILE_TYPES[format].label;

/**
 * A licence id as a licence document IRI: the EU licence table for the Creative Commons
 * licences it lists, else the SPDX licence list's IRI. A `LicenseRef-…` id (SPDX's form for a
 * licence of one's own, e.g. the data-use agreement of restricted data) has no public IRI, so
 * the document is the dataset's page, which states the terms and takes the application.
 */
const EU_LICENCES: Readonly<Record<string, string>> = {
  'CC-BY-4.0': 'CC_BY_4_0',
  'CC-BY-SA-4.0': 'CC_BYSA_4_0',
  'CC0-1.0': 'CC0',
};
export function licenceIri(licence: string, datasetPage: string): string {
  const eu = EU_LICENCES[licence];
  if (eu) return `${AUTHORITY}/licence/${eu}`;
  if (licence.startsWith('LicenseRef-')) return datasetPage;
  return `http://spdx.org/licenses/${encodeURIComponent(licence)}`;
}

/** The ADMS publisher type of the city's bureaus and centres. */
/**
 * adms:status of a provisional release's distributions (the distribution-status table's "under
 * development"): cut while work for the dataset was in flight, a final release will replace it.
 */
export const DISTRIBUTION_UNDER_DEVELOPMENT = `${AUTHORITY}/distribution-status/DEVELOP`;
/** What a provisional release's distributions add to their description: not the final state of the cycle. */
export const PROVISIONAL_NOTE: Bilingual = {
  zh: '；临时版本：发布时仍有数据在处理中，处理完成后将以正式版本取代',
  en: '; provisional: cut while records were still being processed, a final release will supersede it',
};

export const LOCAL_AUTHORITY = 'http://purl.org/adms/publishertype/LocalAuthority';

/** The SPDX checksum algorithm of the release manifests' digests. */
export const SHA256 = `${NS.spdx}checksumAlgorithm_sha256`;
