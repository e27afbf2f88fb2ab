import type { DatasetConfig } from '../generated/dataset.types.js';
import type { Row } from '../publish/release-columns.js';
import { releaseColumns } from './columns.js';
import { derivedFields, maskingPlan, type FieldMasking } from './masking/plan.js';
import { addressToDistrict, idNumberToAgeBandDistrict, maskMobileNumber, surnameOnly } from './masking/rules.js';
import { NATURAL_PERSON, recordTypeOf, type GradedRecordType } from './record-schema.js';

type Record_ = Readonly<Record<string, unknown>>;

const TEXT_RULES = {
  'mask-middle': maskMobileNumber,
  'surname-only': surnameOnly,
  district: addressToDistrict,
} as const;

/** A string masked by a text rule, a list of strings item by item; undefined leaves the field out. */
function maskValue(value: unknown, rule: keyof typeof TEXT_RULES): unknown {
  const mask = TEXT_RULES[rule];
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    const masked = value.map((item: string) => mask(item)).filter((item): item is string => item !== undefined);
    return masked.length > 0 ? masked : undefined;
  }
  // Not text (the config check refuses x-pii on such fields): nothing safe to publish.
  return undefined;
}

/**
 * A party-dependent value is personal data unless the record says its party is not a
 * natural person; a record without a party type is taken for a person (mask rather than leak).
 */
function isPersonal(record: Record_, masking: FieldMasking): boolean {
  if (!masking.partyField) return true;
  const party = record[masking.partyField];
  return party === undefined || party === null || party === NATURAL_PERSON;
}

/** The record's own day (its source's last update): an age band that does not move between rebuilds. */
function referenceDay(record: Record_): string | undefined {
  const updated = record.sourceUpdatedAt;
  return typeof updated === 'string' ? updated.slice(0, 10) : undefined;
}

/**
 * The published row of a record: the dataset's fields in codes, in release column order,
 * with personal information masked as its release columns say; an absent field stays
 * absent. Free-text redaction (src/disclosure) runs before this, on the record: projection
 * only selects and masks what it is given.
 */
export function projectRow(dataset: DatasetConfig, recordType?: GradedRecordType): (record: Record_) => Row {
  const type = recordTypeOf(dataset, recordType);
  const plan = maskingPlan(dataset, type);
  // Computing the columns first refuses an L4 or unknown field before any row is shaped.
  const published = new Set(releaseColumns(dataset, type).map((column) => column.field));
  return (record) => {
    const row: Record<string, unknown> = {};
    for (const field of dataset.fields) {
      const value = record[field];
      if (value === undefined || value === null) continue;
      const masking = plan.get(field);
      if (!masking || !isPersonal(record, masking)) {
        if (published.has(field)) row[field] = value;
        continue;
      }
      if (masking.rule === 'drop') continue;
      if (masking.rule === 'age-band-district') {
        const derived = derivedFields(field);
        const parts = typeof value === 'string' ? idNumberToAgeBandDistrict(value, referenceDay(record)) : undefined;
        if (parts?.ageBand !== undefined) row[derived.ageBand] = parts.ageBand;
        if (parts) row[derived.district] = parts.district;
        continue;
      }
      const masked = maskValue(value, masking.rule);
      if (masked !== undefined) row[field] = masked;
    }
    return row;
  };
}
