import type { DatasetConfig } from '../config/catalog.js';
import type { PublishDeps } from '../publish/publish-dataset.js';
import { plainReleaseWriters } from '../publish/plain-writers.js';
import type { ReleaseColumn } from '../publish/release-columns.js';
import { recordTypeNamed } from '../records/registry.js';
import { openColumns } from './record-type-rules.js';

/**
 * Stand-ins for the release pieces of grading and formats, until the composition wires
 * theirs (releaseColumns, projectRow, releaseWriters, datasetCategory, scanRelease): a
 * dataset publishes the fields it names that are L1 in the schema, unmasked, as CSV and
 * JSONL, and is open. Nothing above L1 can leave through them.
 */
function standInColumns(dataset: DatasetConfig): readonly ReleaseColumn[] {
  const type = recordTypeNamed(dataset.recordType);
  const open = new Set(openColumns(dataset.recordType));
  const fields = dataset.fields.filter((field) => open.has(field));
  return fields.map((field) => ({
    field,
    title: type.labels[field] ?? field,
    titleEn: field,
    description: type.labels[field] ?? field,
    type: 'string',
    grade: 'L1',
  }));
}

export const standInReleasePieces: Pick<PublishDeps, 'columns' | 'project' | 'writers' | 'category'> = {
  columns: standInColumns,
  project: (dataset) => {
    const fields = standInColumns(dataset).map((c) => c.field);
    return (record) => Object.fromEntries(fields.map((field) => [field, record[field]]));
  },
  writers: plainReleaseWriters,
  category: () => 'open',
};
