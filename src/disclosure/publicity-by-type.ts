import type { DisclosureRules } from '../generated/dataset.types.js';
import { CREDIT_RECORD_TYPE, creditPublicityOf } from './credit-publicity.js';
import { publicityOf, type Publicity } from './publicity.js';

/** Whether one record may be public on a China date under its dataset's disclosure rules. */
export type PublicityJudge = (record: Readonly<Record<string, unknown>>, today: string, rules: DisclosureRules) => Publicity;

/** The publicity rule of a record type: credit records by their credit windows and repair, decisions by their 公示期 and status. */
export function publicityJudgeFor(recordType: string): PublicityJudge {
  return recordType === CREDIT_RECORD_TYPE ? creditPublicityOf : publicityOf;
}
