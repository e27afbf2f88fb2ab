import schema from '../../schemas/enforcement-decision.schema.json' with { type: 'json' };
import { validate as validateAgainstSchema } from '../generated/enforcement-decision.validate.js';
import type { EnforcementDecision } from '../generated/enforcement-decision.types.js';
import { describeSchemaErrors, type FieldLabels } from './describe-errors.js';
import { isCalendarDate, normalizeDecisionNumber } from './normalize-values.js';
import { SENSITIVITY_GRADES, type SensitivityGrade, type ValidationIssue, type ValidationResult } from './validation-issue.js';

export type { EnforcementDecision, PartyType, PenaltyType, District, DecisionStatus } from '../generated/enforcement-decision.types.js';

export const ENFORCEMENT_DECISION = 'enforcement-decision';

export const enforcementDecisionSchema: Readonly<typeof schema> = schema;

type PropertyName = keyof typeof schema.properties;
const propertyEntries = Object.entries(schema.properties) as Array<[PropertyName, (typeof schema.properties)[PropertyName]]>;

/** Chinese labels from the bilingual descriptions ("决定书文号 / decision document number"). */
const labels: FieldLabels = Object.fromEntries(
  propertyEntries.map(([name, property]) => [name, property.description.split(/\s*\/\s*/u)[0] ?? name]),
);

const grades: Readonly<Record<string, SensitivityGrade>> = Object.freeze(
  Object.fromEntries(
    propertyEntries.map(([name, property]) => {
      const grade = property['x-grade'];
      if (!(SENSITIVITY_GRADES as readonly string[]).includes(grade)) {
        throw new Error(`enforcement-decision schema: property ${name} has x-grade "${grade}", not one of ${SENSITIVITY_GRADES.join(', ')}`);
      }
      return [name, grade as SensitivityGrade];
    }),
  ),
);

/** Sensitivity grade (DB33/T 2350-2021) of every field, as the schema's x-grade says. */
export function fieldGrades(): Readonly<Record<string, SensitivityGrade>> {
  return grades;
}

/** Rules the schema cannot express; each reports at the field that breaks it. */
function crossFieldIssues(candidate: unknown): ValidationIssue[] {
  if (typeof candidate !== 'object' || candidate === null) return [];
  const { decisionDate, publicityEndDate } = candidate as Record<string, unknown>;
  if (typeof decisionDate !== 'string' || typeof publicityEndDate !== 'string') return [];
  if (!isCalendarDate(decisionDate) || !isCalendarDate(publicityEndDate)) return [];
  if (publicityEndDate >= decisionDate) return [];
  return [
    {
      path: '/publicityEndDate',
      keyword: 'publicityNotBeforeDecision',
      message: `publicityEndDate (${publicityEndDate}) must not precede decisionDate (${decisionDate})`,
      messageZh: `公示截止期（${publicityEndDate}）不得早于处罚决定日期（${decisionDate}）`,
    },
  ];
}

export function validateEnforcementDecision(candidate: unknown): ValidationResult<EnforcementDecision> {
  const schemaValid = validateAgainstSchema(candidate);
  const errors = [...(schemaValid ? [] : describeSchemaErrors(validateAgainstSchema.errors, labels)), ...crossFieldIssues(candidate)];
  if (schemaValid && errors.length === 0) return { valid: true, record: candidate };
  return { valid: false, errors };
}

/**
 * The stable canonical id of a decision: its document number in GB/T 9704 form, so
 * `[2021]045号` and `〔2021〕45号` from two pulls name the same record.
 */
export function enforcementDecisionId(record: Pick<EnforcementDecision, 'decisionNumber'>): string {
  return normalizeDecisionNumber(record.decisionNumber);
}
