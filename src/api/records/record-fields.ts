/**
 * The fields of a release as a client sees them: the id and type from the Parquet file itself,
 * the Chinese and English titles from the dataset's release columns (the CSV headers: the
 * record type's field labels, or a masking's derived columns).
 */
import type { DatasetConfig } from '../../config/catalog.js';
import { releaseColumns } from '../../grading/index.js';
import type { ReleasedColumn } from './record-sql.js';
import type { RecordField } from './records-reader.js';

const TYPE_NAMES: Readonly<Record<ReleasedColumn['kind'], string>> = {
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  array: 'array',
  object: 'object',
};

/** Field id → its titles; empty for a dataset whose record type cannot be resolved (its ids then stand as titles). */
function titlesOf(dataset: DatasetConfig): ReadonlyMap<string, { zh: string; en: string }> {
  try {
    return new Map(releaseColumns(dataset).map((c) => [c.field, { zh: c.title, en: c.titleEn }]));
  } catch {
    return new Map();
  }
}

export function recordFields(dataset: DatasetConfig, columns: readonly ReleasedColumn[]): RecordField[] {
  const titles = titlesOf(dataset);
  return columns.map((c) => ({ id: c.id, type: TYPE_NAMES[c.kind], title: titles.get(c.id) ?? { zh: c.id, en: c.id } }));
}
