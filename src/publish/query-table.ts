import type { DatasetConfig } from '../config/catalog.js';
import { queryTableName, type DatasetCategory, type QueryTableDef } from '../infra/query-tables.js';
import { datasetCategory, releaseColumns } from '../grading/index.js';
import type { ReleaseColumn } from './release-columns.js';

/** How a dataset's columns and category are derived: grading's, the same the release builder uses. */
export interface QueryTableDerivation {
  readonly columns: (dataset: DatasetConfig) => readonly Pick<ReleaseColumn, 'field' | 'type' | 'title'>[];
  readonly category: (dataset: DatasetConfig) => DatasetCategory;
}

const grading: QueryTableDerivation = { columns: (dataset) => releaseColumns(dataset), category: (dataset) => datasetCategory(dataset) };

/** The SQL table of a dataset: its published columns, typed, over its releases. */
export function queryTableOf(dataset: DatasetConfig, derive: QueryTableDerivation = grading): QueryTableDef {
  return {
    datasetId: dataset.id,
    name: queryTableName(dataset.id),
    description: `${dataset.title.zh} / ${dataset.title.en}`,
    category: derive.category(dataset),
    columns: derive.columns(dataset).map((column) => ({ name: column.field, type: column.type, comment: column.title })),
  };
}
