import { CREDIT_RECORD, creditRecordType } from './credit-record.js';
import { ENFORCEMENT_DECISION, enforcementDecisionType } from './enforcement-decision.js';
import { GAZETTE_ISSUE, gazetteIssueType } from './gazette-issue.js';
import { MAJOR_DECISION, majorDecisionType } from './major-decision.js';
import { NORMATIVE_DOCUMENT, normativeDocumentType } from './normative-document.js';
import { PROPERTY_RIGHTS_TRANSACTION, propertyRightsTransactionType } from './property-rights-transaction.js';
import { SERVICE_ITEM, serviceItemType } from './service-item.js';

import type { RecordTypeDefinition } from './record-type.js';

export type { RecordTypeDefinition } from './record-type.js';

/** Every canonical record type, by the name sources and datasets use in `recordType`. */
export const recordTypes = {
  [ENFORCEMENT_DECISION]: enforcementDecisionType,
  [NORMATIVE_DOCUMENT]: normativeDocumentType,
  [GAZETTE_ISSUE]: gazetteIssueType,
  [CREDIT_RECORD]: creditRecordType,
  [PROPERTY_RIGHTS_TRANSACTION]: propertyRightsTransactionType,
  [SERVICE_ITEM]: serviceItemType,
  [MAJOR_DECISION]: majorDecisionType,
} as const;

export type RecordTypeName = keyof typeof recordTypes;
/** A record type looked up by a name known only at run time; typed code imports the type module. */
export type AnyRecordType = RecordTypeDefinition<unknown>;

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
