import schema from '../../schemas/credit-record.schema.json' with { type: 'json' };
import { validate } from '../generated/credit-record.validate.js';
import type { CreditRecord } from '../generated/credit-record.types.js';
import { dateNotBefore } from './cross-field-rules.js';
import { fieldIdentity, firstOf, type IdentityField } from './identity.js';
import { normalizeDecisionNumber } from './normalize-values.js';
import { defineRecordType } from './record-type.js';

export type { CreditRecord, CreditSubjectType, CreditCategory, CreditSeverity, CreditRepairStatus } from '../generated/credit-record.types.js';

export const CREDIT_RECORD = 'credit-record';

/**
 * A credit record that rests on a decision is one subject across departments (the
 * deciding department and the credit centre both report it): category plus the decision's
 * 文号. Without a decision, the reporting system's own number. Never an ID number: ids
 * travel in events and URLs, an ID number is L4. The reporting authority is not in the key
 * (the credit centre reports the deciding department's record under its own name); that
 * two departments' equal 文号 are not one record is the identity fields' check.
 */
export function creditRecordId(record: Pick<CreditRecord, 'category' | 'decisionNumber' | 'recordNumber'>): string {
  return record.decisionNumber !== undefined
    ? `${record.category}:${normalizeDecisionNumber(record.decisionNumber)}`
    : `${record.category}:#${record.recordNumber}`;
}

/** Rows under one id are one record only if they name the same subject. */
export const creditRecordIdentity: readonly IdentityField[] = [
  fieldIdentity('subjectName', '信用主体名称'),
  firstOf('subjectCode', '信用主体代码（统一社会信用代码/身份证号）', ['subjectCode', 'subjectIdNumber']),
];

export const creditRecordType = defineRecordType<CreditRecord>({
  name: CREDIT_RECORD,
  schema,
  validator: validate,
  idOf: creditRecordId,
  identity: creditRecordIdentity,
  rules: [
    dateNotBefore('publicityEndDate', 'publicityStartDate'),
    dateNotBefore('publicityStartDate', 'decisionDate'),
    dateNotBefore('repairedDate', 'decisionDate'),
  ],
});
