import type { DisclosureRules } from '../generated/dataset.types.js';
import { CREDIT_RECORD_TYPE, creditPublicityOf } from './credit-publicity.js';
import { publicityOf, type Publicity } from './publicity.js';

/** Whether one record may be public on a China date under its dataset's disclosure rules. */
export type PublicityJudge = (record: Readonly<Record<string, unknown>>, today: string, rules: DisclosureRules) => Publicity;

const ALWAYS: Publicity = { published: true };

/**
 * A normative document stays in the catalogue whatever its validity: a repealed or expired one is
 * shown with its 有效性 (废止, 失效), as the 政府信息公开 column keeps it; only a document that is not
 * proactively disclosed leaves (normalization already rejects one, so this is the last guard).
 */
export const normativeDocumentPublicity: PublicityJudge = (record) =>
  record.disclosure === undefined || record.disclosure === 'proactive' ? ALWAYS : { published: false, reason: 'not-proactive' };

/** Published by their nature, with no period: a gazette issue, a catalogued decision, a transaction, a service item. */
const alwaysPublic: PublicityJudge = () => ALWAYS;

/**
 * Each record type's publicity rule. Credit records run by their credit windows and repair;
 * enforcement decisions (and any type not listed) by their 公示期 and status.
 */
export const PUBLICITY_BY_TYPE: Readonly<Record<string, PublicityJudge>> = {
  [CREDIT_RECORD_TYPE]: creditPublicityOf,
  'enforcement-decision': publicityOf,
  'normative-document': normativeDocumentPublicity,
  'gazette-issue': alwaysPublic,
  'major-decision': alwaysPublic,
  'property-rights-transaction': alwaysPublic,
  'service-item': alwaysPublic,
};

/** The publicity rule of a record type (the decisions' 公示期 rule for a type with none of its own). */
export function publicityJudgeFor(recordType: string): PublicityJudge {
  return Object.hasOwn(PUBLICITY_BY_TYPE, recordType) ? PUBLICITY_BY_TYPE[recordType]! : publicityOf;
}
