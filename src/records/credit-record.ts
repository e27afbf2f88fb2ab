import schema from '../../schemas/credit-record.schema.json' with { type: 'json' };
import { validate } from '../generated/credit-record.validate.js';
import type { CreditRecord } from '../generated/credit-record.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { normalizeDecisionNumber } from './normalize-values.js';
import { defineRecordType } from './record-type.js';

export type { CreditRecord, CreditSubjectType, CreditCategory, CreditSeverity, CreditRepairStatus } from '../generated/credit-record.types.js';

export const CREDIT_RECORD = 'credit-record';

/**
 * A credit record that rests on a decision is one subject across departments (the
 * deciding department and the credit centre both report it): category plus the decision's
 * 文号. Without a decision, the reporting system's own number. Never an ID number: ids
 * travel in events and URLs, an ID number is L4.
 */
export function creditRecordId(record: Pick<CreditRecord, 'category' | 'decisionNumber' | 'recordNumber'>): string {
  return record.decisionNumber !== undefined
    ? `${record.category}:${normalizeDecisionNumber(record.decisionNumber)}`
    : `${record.category}:#${record.recordNumber}`;
}

export const creditRecordType = defineRecordType<CreditRecord>({
  name: CREDIT_RECORD,
  schema,
  validator: validate,
  idOf: creditRecordId,
  rules: [
    dateNotBefore('publicityEndDate', 'publicityStartDate'),
    dateNotBefore('publicityStartDate', 'decisionDate'),
    dateNotBefore('repairedDate', 'decisionDate'),
  ],
});
