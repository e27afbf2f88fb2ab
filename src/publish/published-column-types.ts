/**
 * INTERIM — until the grading slice's `releaseColumns(dataset)` and `datasetCategory(dataset)`
 * are merged, the Glue catalogue and `tongyuan query` derive a dataset's published columns
 * and its category here, from the record schema alone. The integrator replaces both calls
 * with the grading slice's functions; the shape they need (field, title, type) is a subset
 * of ReleaseColumn, so the swap is a one-line change at each call site.
 */
import type { DatasetConfig } from '../config/catalog.js';
import { recordTypeNamed } from '../records/registry.js';
import type { ColumnType, ReleaseColumn } from './release-columns.js';

export type PublishedColumnType = Pick<ReleaseColumn, 'field' | 'title' | 'type'>;

interface PropertySchema {
  readonly type?: unknown;
  readonly format?: unknown;
  readonly multipleOf?: unknown;
  readonly items?: { readonly type?: unknown };
}

/** The ColumnType of one schema property, or undefined when the schema says nothing usable. */
export function columnTypeOf(property: PropertySchema): ColumnType | undefined {
  switch (property.type) {
    case 'string':
      return property.format === 'date' ? 'date' : property.format === 'date-time' ? 'date-time' : 'string';
    case 'integer':
      return 'integer';
    case 'number':
      return property.multipleOf === 0.01 ? 'decimal' : 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return property.items?.type === 'string' ? 'string-list' : 'object';
    case 'object':
      return 'object';
    default:
      return undefined;
  }
}

/** The dataset's published fields, in order, with their Chinese label and column type. */
export function publishedColumnTypes(dataset: DatasetConfig): PublishedColumnType[] {
  const recordType = recordTypeNamed(dataset.recordType);
  const properties = (recordType.schema as { properties?: Record<string, PropertySchema> }).properties ?? {};
  return dataset.fields.map((field) => {
    const property = properties[field];
    if (!property) throw new Error(`dataset ${dataset.id}: field ${field} is not a property of record type ${dataset.recordType}`);
    const type = columnTypeOf(property);
    if (!type) throw new Error(`dataset ${dataset.id}: field ${field} has no column type (schema type ${JSON.stringify(property.type)})`);
    return { field, title: recordType.labels[field] ?? field, type };
  });
}

const RANK = { L1: 1, L2: 2, L3: 3, L4: 4 } as const;

/** 无条件开放 when every published field is L1 after the dataset's raises; 受限开放 when any is L2/L3; an L4 field is refused. */
export function publishedCategory(dataset: DatasetConfig): 'open' | 'restricted' {
  const schemaGrades = recordTypeNamed(dataset.recordType).grades();
  let highest = 1;
  for (const field of dataset.fields) {
    const grade = dataset.grades?.[field] ?? schemaGrades[field] ?? 'L1';
    const rank = Math.max(RANK[grade], RANK[schemaGrades[field] ?? 'L1']);
    if (rank === 4) throw new Error(`dataset ${dataset.id}: field ${field} is graded L4 and can never be published`);
    highest = Math.max(highest, rank);
  }
  return highest === 1 ? 'open' : 'restricted';
}
