import schema from '../../schemas/major-decision.schema.json' with { type: 'json' };
import { validate } from '../generated/major-decision.validate.js';
import type { MajorDecision } from '../generated/major-decision.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { consultationDatesAgree, decidedAfterReviewAndDiscussion, stepsEndAfterStart } from './major-decision-rules.js';
import { defineRecordType } from './record-type.js';

export type { MajorDecision, DecisionStage, DecisionDocument, DecisionStep, DecisionStepKind, DecisionStepStatus } from '../generated/major-decision.types.js';

export const MAJOR_DECISION = 'major-decision';

/**
 * `2024-11330600002486952X-07`: catalogue year, deciding body and number in its catalogue.
 * Every deciding body (the city, each county, a delegated department) numbers its own
 * catalogue, so the number alone names no decision. The body is its credit code when the
 * source gives one, else its name (NFKC, no whitespace), as for a document's issuer.
 */
export function majorDecisionId(record: Pick<MajorDecision, 'year' | 'decidingBody' | 'decidingBodyCode' | 'catalogNumber'>): string {
  const code = record.decidingBodyCode?.trim();
  const body = code ? code.toUpperCase() : record.decidingBody.normalize('NFKC').replace(/\s+/gu, '');
  return `${record.year}-${body}-${String(record.catalogNumber).padStart(2, '0')}`;
}

export const majorDecisionType = defineRecordType<MajorDecision>({
  name: MAJOR_DECISION,
  schema,
  validator: validate,
  idOf: majorDecisionId,
  rules: [
    dateNotBefore('consultationStartDate', 'catalogDate'),
    dateNotBefore('consultationEndDate', 'consultationStartDate'),
    dateNotBefore('decisionDate', 'consultationEndDate'),
    stepsEndAfterStart,
    consultationDatesAgree,
    decidedAfterReviewAndDiscussion,
  ],
});
