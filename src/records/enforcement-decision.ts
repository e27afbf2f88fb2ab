import schema from '../../schemas/enforcement-decision.schema.json' with { type: 'json' };
import { validate } from '../generated/enforcement-decision.validate.js';
import type { EnforcementDecision } from '../generated/enforcement-decision.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { decisionNumberInDocumentForm } from './decision-number-rule.js';
import { identityNumberMatchesType } from './identity-documents.js';
import { normalizeDecisionNumber } from './normalize-values.js';
import { defineRecordType } from './record-type.js';
import type { SensitivityGrade, ValidationResult } from './validation-issue.js';

export type { EnforcementDecision, PenaltyType } from '../generated/enforcement-decision.types.js';
export type PartyType = EnforcementDecision['partyType'];
export type District = NonNullable<EnforcementDecision['district']>;
export type DecisionStatus = NonNullable<EnforcementDecision['status']>;
export type DecisionKind = NonNullable<EnforcementDecision['decisionKind']>;
export type IdentityDocumentKind = NonNullable<EnforcementDecision['partyIdType']>;
export type LicenseStatus = NonNullable<EnforcementDecision['licenseStatus']>;

export const ENFORCEMENT_DECISION = 'enforcement-decision';

export const enforcementDecisionSchema: Readonly<typeof schema> = schema;

/**
 * The stable canonical id of a decision: its document number in GB/T 9704 form, so
 * `[2021]045号` and `〔2021〕45号` from two pulls name the same record.
 */
export function enforcementDecisionId(record: Pick<EnforcementDecision, 'decisionNumber'>): string {
  return normalizeDecisionNumber(record.decisionNumber);
}

export const enforcementDecisionType = defineRecordType<EnforcementDecision>({
  name: ENFORCEMENT_DECISION,
  schema,
  validator: validate,
  idOf: enforcementDecisionId,
  rules: [
    dateNotBefore('publicityEndDate', 'decisionDate', 'publicityNotBeforeDecision'),
    dateNotBefore('validUntil', 'validFrom'),
    dateNotBefore('penaltyValidUntil', 'decisionDate'),
    decisionNumberInDocumentForm(),
    identityNumberMatchesType('partyIdNumber', 'partyIdType'),
    identityNumberMatchesType('legalRepresentativeIdNumber', 'legalRepresentativeIdType'),
  ],
});

export function validateEnforcementDecision(candidate: unknown): ValidationResult<EnforcementDecision> {
  return enforcementDecisionType.validate(candidate);
}

/** Sensitivity grade (DB33/T 2350-2021) of every field, as the schema's x-grade says. */
export function fieldGrades(): Readonly<Record<string, SensitivityGrade>> {
  return enforcementDecisionType.grades();
}
