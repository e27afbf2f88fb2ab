import type { DatasetConfig } from '../config/catalog.js';
import { queryTableName, type DatasetCategory, type QueryTableDef } from '../infra/query-tables.js';
import { publishedCategory, publishedColumnTypes, type PublishedColumnType } from './published-column-types.js';

/** How a dataset's columns and category are derived; the defaults are interim (see published-column-types.ts). */
export interface QueryTableDerivation {
  readonly columns: (dataset: DatasetConfig) => readonly PublishedColumnType[];
  readonly category: (dataset: DatasetConfig) => DatasetCategory;
}

const interimDerivation: QueryTableDerivation = { columns: publishedColumnTypes, category: publishedCategory };

/** The SQL table of a dataset: its published columns, typed, over its releases. */
export function queryTableOf(dataset: DatasetConfig, derive: QueryTableDerivation = interimDerivation): QueryTableDef {
  return {
    datasetId: dataset.id,
    name: queryTableName(dataset.id),
    description: `${dataset.title.zh} / ${dataset.title.en}`,
    category: derive.category(dataset),
    columns: derive.columns(dataset).map((column) => ({ name: column.field, type: column.type, comment: column.title })),
  };
}
