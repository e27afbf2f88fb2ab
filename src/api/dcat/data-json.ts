import type { UpdateFrequency } from '../../generated/dataset.types.js';
import { isDataFormat } from '../../publish/release.js';
import type { CatalogEntry } from './catalog-entries.js';
import * as at from './catalog-iris.js';
import { formatLabel, licenceIri, PROVISIONAL_NOTE } from './vocabulary.js';

/**
 * The catalog as DCAT-US 1.1 (Project Open Data metadata schema v1.1, `/data.json`), the form
 * US-style harvesters (data.gov's, CKAN's ckanext-datajson) read.
 *
 * bureauCode and programCode are left out: they are codes of the US federal budget (OMB
 * Circular A-11 agencies and bureaus, the Federal Program Inventory) that no Chinese municipal
 * body has; the schema requires them of federal agencies only, and data.gov's non-federal v1.1
 * schema drops them, so a value would be invented, not missing.
 */
export const POP_SCHEMA = 'https://project-open-data.cio.gov/v1.1/schema';

/** ISO 8601 repeating durations, as the schema's accrualPeriodicity lists them; continuous is R/PT1S. */
const PERIODICITY: Readonly<Record<UpdateFrequency, string>> = {
  continuous: 'R/PT1S',
  daily: 'R/P1D',
  weekly: 'R/P1W',
  monthly: 'R/P1M',
  quarterly: 'R/P3M',
  semiannual: 'R/P6M',
  annual: 'R/P1Y',
  irregular: 'irregular',
};

/** A media type without parameters: the schema's pattern admits `type/subtype` only. */
const BARE_MEDIA_TYPE: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  'csv-en': 'text/csv',
  jsonl: 'application/x-ndjson',
  parquet: 'application/vnd.apache.parquet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The English labels of the EU data themes (DCAT-US `theme` is free text). */
const THEME_LABELS: Readonly<Record<string, string>> = {
  AGRI: 'Agriculture, fisheries, forestry and food',
  ECON: 'Economy and finance',
  EDUC: 'Education, culture and sport',
  ENER: 'Energy',
  ENVI: 'Environment',
  GOVE: 'Government and public sector',
  HEAL: 'Health',
  INTR: 'International issues',
  JUST: 'Justice, legal system and public safety',
  REGI: 'Regions and cities',
  SOCI: 'Population and society',
  TECH: 'Science and technology',
  TRAN: 'Transport',
};

const RESTRICTED_RIGHTS =
  '受限开放：数据须经审批授权后凭密钥获取，请在数据集页面提交申请 / Restricted: rows are served only with a key under an approved grant; apply on the dataset page';

/**
 * data.json over the released datasets (a dataset with no release has no `modified` and no file
 * yet, and the schema requires the former). 受限开放 is `restricted public` with its files as
 * access URLs; L4 data is never published, so `non-public` never appears.
 */
export function dataJson(base: string, entries: readonly CatalogEntry[]) {
  return {
    '@context': `${POP_SCHEMA}/catalog.jsonld`,
    '@id': `${base}/data.json`,
    '@type': 'dcat:Catalog',
    conformsTo: POP_SCHEMA,
    describedBy: `${POP_SCHEMA}/catalog.json`,
    dataset: entries.flatMap((entry) => (entry.release ? [dataJsonDataset(base, entry, entry.release)] : [])),
  };
}

function dataJsonDataset(base: string, { dataset, category }: CatalogEntry, release: NonNullable<CatalogEntry['release']>) {
  const restricted = category === 'restricted';
  return {
    '@type': 'dcat:Dataset',
    identifier: at.datasetIri(base, dataset.id),
    title: `${dataset.title.zh} / ${dataset.title.en}`,
    description: `${dataset.description.zh}\n\n${dataset.description.en}`,
    keyword: dataset.keywords,
    modified: release.createdAt,
    publisher: { '@type': 'org:Organization', name: dataset.publisher },
    contactPoint: { '@type': 'vcard:Contact', fn: dataset.contactPoint.name, hasEmail: `mailto:${dataset.contactPoint.email}` },
    accessLevel: restricted ? 'restricted public' : 'public',
    ...(restricted ? { rights: RESTRICTED_RIGHTS } : {}),
    license: licenceIri(dataset.license, at.datasetPage(base, dataset.id)),
    landingPage: at.datasetPage(base, dataset.id),
    accrualPeriodicity: PERIODICITY[dataset.updateFrequency],
    language: ['zh-CN', 'en'],
    theme: [dataset.subjectCategory, THEME_LABELS[dataset.theme] ?? dataset.theme],
    distribution: release.files.flatMap((file) => {
      if (!isDataFormat(file.format)) return [];
      const format = file.format;
      const location = restricted
        ? { accessURL: at.accessUrl(base, dataset.id, format) }
        : { downloadURL: at.downloadUrl(base, dataset.id, format, release.releaseId) };
      return [
        {
          '@type': 'dcat:Distribution',
          title: `${dataset.title.en} (${formatLabel(format).en})`,
          ...location,
          mediaType: BARE_MEDIA_TYPE[format],
          format: formatLabel(format).en,
          ...(release.provisional ? { description: `Release ${release.releaseId}${PROVISIONAL_NOTE.en}` } : {}),
        },
      ];
    }),
  };
}
