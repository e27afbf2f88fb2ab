import type { DatasetConfig } from '../config/catalog.js';
import { datasetCategory, projectRow, releaseColumns } from '../grading/index.js';
import { dataPackage, releaseWriters } from '../publish/files/index.js';
import { scanRelease } from '../publish/gate/index.js';
import type { DataPackageRequest, PublishDeps } from '../publish/publish-dataset.js';
import { CATALOGUE_JSON, catalogueWriters, readCatalogue } from '../publish/same-source/index.js';
import { searchIndexWriter } from '../search/index.js';

/**
 * The published fields that identify a row, per record type (the datapackage's primary key):
 * the fields its record id is made of, where they are plain columns. Types whose id is built
 * from a list (a document's lead issuer) or a fallback (a credit record without 文号) declare none.
 */
const PRIMARY_KEYS: Readonly<Record<string, readonly string[]>> = {
  'enforcement-decision': ['authorityCode', 'decisionNumber'],
  'gazette-issue': ['year', 'issueNumber'],
  'major-decision': ['year', 'decidingBody', 'catalogNumber'],
  'property-rights-transaction': ['projectNumber'],
  'service-item': ['itemCode'],
};

function primaryKeyOf(dataset: DatasetConfig): readonly string[] {
  const key = PRIMARY_KEYS[dataset.recordType] ?? [];
  return key.every((field) => dataset.fields.includes(field)) ? key : [];
}

/**
 * What a release is made of, wired for the builder: grading's columns, projection (masking)
 * and category; the four formats, the English CSV and the 同源发布 catalogue (which keeps each
 * document's 索引号 from the previous release); an open dataset's search segment; the datapackage; and the publish gate over
 * every data file before anything of the release is visible.
 */
export const releasePieces: Pick<PublishDeps, 'columns' | 'project' | 'writers' | 'category' | 'gate' | 'dataPackage'> = {
  columns: (dataset) => releaseColumns(dataset),
  project: (dataset) => projectRow(dataset),
  writers: async (dir, dataset, columns, previous) => {
    const catalogue = dataset.sameSource ? await previous?.(CATALOGUE_JSON) : undefined;
    const assigned = catalogue ? readCatalogue(Buffer.from(catalogue).toString('utf8'), `${dataset.id} previous ${CATALOGUE_JSON}`) : undefined;
    // The search segment only for open data: a restricted dataset's rows never reach the search index.
    const search = datasetCategory(dataset) === 'open' ? [searchIndexWriter(dir, dataset, columns)] : [];
    return [...releaseWriters(dir, dataset, columns), ...catalogueWriters(dir, dataset, assigned ? { previous: assigned } : {}), ...search];
  },
  category: (dataset) => datasetCategory(dataset),
  gate: scanRelease,
  dataPackage: (input: DataPackageRequest) => dataPackage({ ...input, primaryKey: primaryKeyOf(input.dataset) }),
};
