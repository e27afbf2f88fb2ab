import {
  ENFORCEMENT_DECISION,
  enforcementDecisionId,
  enforcementDecisionSchema,
  fieldGrades as enforcementDecisionGrades,
  validateEnforcementDecision,
  type EnforcementDecision,
} from './enforcement-decision.js';
import type { SensitivityGrade, ValidationResult } from './validation-issue.js';

/** What the rest of the system needs to know of one canonical record type. */
export interface RecordTypeDefinition<T> {
  readonly name: string;
  validate(candidate: unknown): ValidationResult<T>;
  /** Stable canonical id of a valid record. */
  idOf(record: T): string;
  grades(): Readonly<Record<string, SensitivityGrade>>;
  readonly schema: Readonly<Record<string, unknown>>;
}

export const recordTypes = {
  [ENFORCEMENT_DECISION]: {
    name: ENFORCEMENT_DECISION,
    validate: validateEnforcementDecision,
    idOf: enforcementDecisionId,
    grades: enforcementDecisionGrades,
    schema: enforcementDecisionSchema,
  } satisfies RecordTypeDefinition<EnforcementDecision>,
} as const;

export type RecordTypeName = keyof typeof recordTypes;
export type AnyRecordType = (typeof recordTypes)[RecordTypeName];

export function isRecordTypeName(name: string): name is RecordTypeName {
  return Object.hasOwn(recordTypes, name);
}

/** The record type named, or an error that lists the known names. */
export function recordTypeNamed(name: string): AnyRecordType {
  if (!isRecordTypeName(name)) {
    throw new Error(`unknown record type "${name}"; known: ${Object.keys(recordTypes).join(', ')}`);
  }
  return recordTypes[name];
}
