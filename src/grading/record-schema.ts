import { recordTypeNamed, type AnyRecordType } from '../records/registry.js';
import type { SensitivityGrade } from '../records/validation-issue.js';

/** What grading reads of a record type: its schema's properties and the Chinese label of each field. */
export type GradedRecordType = Pick<AnyRecordType, 'name' | 'schema' | 'labels'>;

/** One top-level property of a record schema, as far as grading reads it. */
export type SchemaProperty = Readonly<Record<string, unknown>>;

/** Personal information kinds a schema marks with `x-pii`. */
export const PII_KINDS = ['idCard', 'mobile', 'personName', 'address', 'bankAccount'] as const;
export type PiiKind = (typeof PII_KINDS)[number];

/** The party type whose personName, address and mobile are personal data (x-pii-party). */
export const NATURAL_PERSON = 'natural-person';

/** The record type a dataset projects, from the registry unless a test supplies its own. */
export function recordTypeOf(dataset: { readonly recordType: string }, recordType?: GradedRecordType): GradedRecordType {
  return recordType ?? recordTypeNamed(dataset.recordType);
}

export function propertiesOf(recordType: GradedRecordType): Readonly<Record<string, SchemaProperty>> {
  return (recordType.schema.properties ?? {}) as Readonly<Record<string, SchemaProperty>>;
}

export function schemaGrade(property: SchemaProperty): SensitivityGrade | undefined {
  const grade = property['x-grade'];
  return grade === 'L1' || grade === 'L2' || grade === 'L3' || grade === 'L4' ? grade : undefined;
}

export function piiKindOf(property: SchemaProperty): PiiKind | undefined {
  const kind = property['x-pii'];
  return typeof kind === 'string' && (PII_KINDS as readonly string[]).includes(kind) ? (kind as PiiKind) : undefined;
}

export function piiPartyOf(property: SchemaProperty): string | undefined {
  const party = property['x-pii-party'];
  return typeof party === 'string' && party !== '' ? party : undefined;
}

/** "partyName（当事人名称）": how messages name a field, id first so it can be found in the YAML. */
export function namedField(recordType: GradedRecordType, field: string): string {
  const label = recordType.labels[field];
  return label && label !== field ? `${field}（${label}）` : field;
}
