import schema from '../../schemas/major-decision.schema.json' with { type: 'json' };
import { validate } from '../generated/major-decision.validate.js';
import type { MajorDecision } from '../generated/major-decision.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { defineRecordType } from './record-type.js';

export type { MajorDecision, DecisionStage, DecisionDocument } from '../generated/major-decision.types.js';

export const MAJOR_DECISION = 'major-decision';

/** `2024-07`: catalogue year and number in it (the justice bureau and the department both report it). */
export const majorDecisionType = defineRecordType<MajorDecision>({
  name: MAJOR_DECISION,
  schema,
  validator: validate,
  idOf: (record) => `${record.year}-${String(record.catalogNumber).padStart(2, '0')}`,
  rules: [
    dateNotBefore('consultationStartDate', 'catalogDate'),
    dateNotBefore('consultationEndDate', 'consultationStartDate'),
    dateNotBefore('decisionDate', 'consultationEndDate'),
  ],
});
