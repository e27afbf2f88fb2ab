import { freeTextFields } from '../disclosure/free-text-fields.js';
import type { RecordTypeRules } from '../normalize/normalize-batch.js';
import { recordTypeNamed } from '../records/registry.js';

/** Fields of a record type that are opened unconditionally (L1), in schema order. */
export function openColumns(recordType: string): readonly string[] {
  return Object.entries(recordTypeNamed(recordType).grades())
    .filter(([, grade]) => grade === 'L1')
    .map(([field]) => field);
}

/** Fields of a record type that hold free text, redacted wherever they are published. */
export function freeTextColumns(recordType: string): readonly string[] {
  return freeTextFields(recordTypeNamed(recordType).schema);
}

export function schemaUri(recordType: string): string {
  return String(recordTypeNamed(recordType).schema.$id);
}

export function recordTypeRules(name: string): RecordTypeRules {
  const type = recordTypeNamed(name);
  return {
    validate: (candidate) => type.validate(candidate) as ReturnType<RecordTypeRules['validate']>,
    idOf: (record) => type.idOf(record),
    identity: type.identity,
  };
}
