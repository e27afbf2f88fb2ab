import schema from '../../schemas/enforcement-decision.schema.json' with { type: 'json' };
import { validate } from '../generated/enforcement-decision.validate.js';
import type { EnforcementDecision } from '../generated/enforcement-decision.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { decisionNumberInDocumentForm } from './decision-number-rule.js';
import { identityNumberMatchesType } from './identity-documents.js';
import { fieldIdentity, firstOf, issuerMatchKey, type IdentityField } from './identity.js';
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
 * The stable canonical id of a decision, its match key: the deciding authority (its unified
 * social credit code, else its name) and its 文号 in GB/T 9704 form, so `[2021]045号` and
 * `〔2021〕45号` from two pulls name the same record and two authorities' `45号` do not:
 * `11330602MB0000000X:绍越市监罚〔2021〕45号`.
 */
export function enforcementDecisionId(record: Pick<EnforcementDecision, 'decisionNumber' | 'authority'> & { readonly authorityCode?: string }): string {
  return issuerMatchKey({ code: record.authorityCode, name: record.authority }, record.decisionNumber);
}

/**
 * Rows under one id are one case only if they agree on who was decided against, when and
 * by whom: a natural person and a firm under one 文号 are two cases, never one record.
 */
export const enforcementDecisionIdentity: readonly IdentityField[] = [
  fieldIdentity('partyName', '行政相对人名称'),
  firstOf('partyCode', '行政相对人代码（统一社会信用代码/证件号码）', ['creditCode', 'partyIdNumber']),
  fieldIdentity('decisionDate', '决定日期'),
  firstOf('authority', '决定机关（统一社会信用代码/名称）', ['authorityCode', 'authority']),
];

export const enforcementDecisionType = defineRecordType<EnforcementDecision>({
  name: ENFORCEMENT_DECISION,
  schema,
  validator: validate,
  idOf: enforcementDecisionId,
  identity: enforcementDecisionIdentity,
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
