import type { DatasetConfig } from '../config/catalog.js';
import { isRecordTypeName, recordTypes } from '../records/registry.js';

type FilterValue = string | number | boolean;

/** The schema default of every field of the record type that has one (decisionKind: penalty). */
function schemaDefaults(recordType: string): Readonly<Record<string, unknown>> {
  if (!isRecordTypeName(recordType)) return {};
  const properties = (recordTypes[recordType].schema.properties ?? {}) as Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  return Object.fromEntries(Object.entries(properties).flatMap(([field, property]) => ('default' in property ? [[field, property.default]] : [])));
}

function knownFields(recordType: string): ReadonlySet<string> | undefined {
  if (!isRecordTypeName(recordType)) return undefined;
  return new Set(Object.keys(recordTypes[recordType].schema.properties ?? {}));
}

/**
 * Which records of its type a dataset holds: those whose every filter field equals the
 * filter's value, a field the record lacks read at its schema default (a decision without
 * decisionKind is a penalty). No filter: every record. A filter on a field the record type
 * does not have is a configuration error, raised rather than publishing an empty dataset.
 */
export function datasetFilter(dataset: Pick<DatasetConfig, 'id' | 'recordType' | 'filter'>): (record: Readonly<Record<string, unknown>>) => boolean {
  const entries = Object.entries(dataset.filter ?? {}) as [string, FilterValue][];
  if (entries.length === 0) return () => true;
  const fields = knownFields(dataset.recordType);
  const unknown = fields ? entries.map(([field]) => field).filter((field) => !fields.has(field)) : [];
  if (unknown.length > 0) throw new Error(`dataset ${dataset.id}: filter names ${unknown.join(', ')}, not a field of ${dataset.recordType}`);
  const defaults = schemaDefaults(dataset.recordType);
  return (record) => entries.every(([field, value]) => (record[field] ?? defaults[field]) === value);
}

const filters = new WeakMap<object, (record: Readonly<Record<string, unknown>>) => boolean>();

/**
 * The dataset with disclosure rules that holds `record` (its record type and its filter):
 * whose rules say when the record is public. Penalties and licences share a record type,
 * so the first dataset of the type is not enough.
 */
export function disclosingDataset<D extends Pick<DatasetConfig, 'id' | 'recordType' | 'filter' | 'disclosure'>>(
  datasets: readonly D[],
  recordType: string,
  record: Readonly<Record<string, unknown>>,
): D | undefined {
  return datasets.find((dataset) => {
    if (dataset.recordType !== recordType || dataset.disclosure === undefined) return false;
    let holds = filters.get(dataset);
    if (!holds) filters.set(dataset, (holds = datasetFilter(dataset)));
    return holds(record);
  });
}
