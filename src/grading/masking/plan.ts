import type { DatasetConfig } from '../../generated/dataset.types.js';
import { publishedGrades } from '../grades.js';
import { NATURAL_PERSON, piiKindOf, piiPartyOf, propertiesOf, recordTypeOf, type GradedRecordType, type PiiKind } from '../record-schema.js';

export type MaskRule = 'drop' | 'mask-middle' | 'surname-only' | 'district' | 'age-band-district';

/** The standard profile (DB33/T 2350-2021 practice): what each kind becomes unless the dataset overrides it. */
export const STANDARD_PROFILE: Readonly<Record<PiiKind, MaskRule>> = {
  idCard: 'drop',
  mobile: 'mask-middle',
  personName: 'surname-only',
  address: 'district',
  bankAccount: 'drop',
};

/** Kinds that are personal data only when the record's party is a natural person; the others always are. */
const PARTY_DEPENDENT: ReadonlySet<PiiKind> = new Set(['personName', 'address', 'mobile']);

/** How one published field is masked. */
export interface FieldMasking {
  readonly field: string;
  readonly kind: PiiKind;
  readonly rule: MaskRule;
  /** The field holding the party type: the value is masked only for a natural person (or when it is absent). */
  readonly partyField?: string;
}

/** The derived columns an identity number becomes under age-band-district. */
export const derivedFields = (field: string) => ({ ageBand: `${field}AgeBand`, district: `${field}District` }) as const;

/**
 * The masking of each published field that needs one: fields that carry `x-pii` and are
 * graded L2 or L3 in this dataset, by the dataset's override for the kind or else the
 * standard profile. An L1 field is published as it is; checkDatasetGrades refuses an L1
 * field with personal information (piiGradeProblems), so none reaches here unmasked.
 */
export function maskingPlan(
  dataset: Pick<DatasetConfig, 'recordType' | 'fields' | 'grades' | 'masking'>,
  recordType?: GradedRecordType,
): ReadonlyMap<string, FieldMasking> {
  const type = recordTypeOf(dataset, recordType);
  const properties = propertiesOf(type);
  const plan = new Map<string, FieldMasking>();
  for (const [field, grade] of publishedGrades(dataset, type)) {
    const kind = piiKindOf(properties[field]!);
    if (!kind || (grade !== 'L2' && grade !== 'L3')) continue;
    const rule: MaskRule = dataset.masking[kind] ?? STANDARD_PROFILE[kind];
    const partyField = PARTY_DEPENDENT.has(kind) ? piiPartyOf(properties[field]!) : undefined;
    plan.set(field, partyField ? { field, kind, rule, partyField } : { field, kind, rule });
  }
  return plan;
}

/**
 * The rule as a release column records it: "surname-only", or "surname-only when partyType
 * is natural-person" for a rule that leaves legal persons' values whole. The publish gate
 * reads the latter through isPartyConditional.
 */
export function maskingLabel(masking: FieldMasking): string {
  return masking.partyField ? `${masking.rule} when ${masking.partyField} is ${NATURAL_PERSON}` : masking.rule;
}

/** Whether a column's masking leaves legal persons' values unmasked (so a company's number may stand in it). */
export function isPartyConditional(masking: string | undefined): boolean {
  return masking !== undefined && masking.includes(` is ${NATURAL_PERSON}`);
}
