import type { DisclosureRules, PublicityPeriodRule } from '../generated/dataset.types.js';
import { addMonthsClamped } from './publicity.js';

export const CREDIT_RECORD_TYPE = 'credit-record';

/** The fields of a credit record that decide whether it may be public today. */
export interface CreditPublicityFacts {
  readonly category?: unknown;
  readonly severity?: unknown;
  readonly listType?: unknown;
  readonly listKind?: unknown;
  readonly authorityType?: unknown;
  readonly decisionDate?: unknown;
  readonly publicityStartDate?: unknown;
  readonly publicityEndDate?: unknown;
  readonly repairStatus?: unknown;
}

export type CreditWithheldReason = 'repaired' | 'expired' | 'judicial-list' | 'not-yet-decided';

/** The rule a window comes from, as configuration cites it. */
export interface CreditPeriodBasis {
  readonly rule: string;
  readonly source: string;
}

export type CreditPublicity =
  | { readonly published: true; readonly until?: string; readonly basis?: CreditPeriodBasis }
  | { readonly published: false; readonly reason: CreditWithheldReason; readonly basis?: CreditPeriodBasis };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const asDate = (value: unknown): string | undefined => (typeof value === 'string' && DATE.test(value) ? value : undefined);

/**
 * Conditions a rule may state, each compared with the record's field of the same name, and
 * how specific each is: a list's own rule outranks its category's, which outranks its severity's.
 */
const CONDITIONS = [
  ['listType', 4],
  ['category', 2],
  ['severity', 1],
] as const;

/**
 * The period rule for a credit record: among the rules for credit records whose every stated
 * condition the record meets, the most specific; the first of equals.
 */
export function creditPeriodRule(record: CreditPublicityFacts, rules: DisclosureRules): PublicityPeriodRule | undefined {
  let best: { rule: PublicityPeriodRule; score: number } | undefined;
  for (const rule of rules.periods) {
    if (rule.recordType !== CREDIT_RECORD_TYPE) continue;
    const stated = CONDITIONS.filter(([key]) => rule[key] !== undefined);
    if (!stated.every(([key]) => rule[key] === record[key])) continue;
    const score = stated.reduce((sum, [, weight]) => sum + weight, 0);
    if (!best || score > best.score) best = { rule, score };
  }
  return best?.rule;
}

/**
 * A court's list (失信被执行人) is judicial: the people's court publishes and removes it under
 * the Supreme People's Court's rules, so an administrative credit dataset never carries it.
 */
export function isJudicialListing(record: CreditPublicityFacts): boolean {
  return record.listKind === 'judicial' || record.authorityType === 'people-court' || record.category === 'judgment-defaulter-list';
}

/**
 * Whether a credit record may be in a release on `today` (a China date): public from its
 * determination date (认定之日) until the longest period of its rule ends, the end day included,
 * or until the source's earlier 公示截止日期 — a later one is cut to the rule's longest period,
 * which ends publicity by itself. A repaired record (信用修复) ends publication and sharing at
 * once; a court's list is never in it.
 */
export function creditPublicityOf(record: CreditPublicityFacts, today: string, rules: DisclosureRules): CreditPublicity {
  if (!DATE.test(today)) throw new Error(`not a date: ${today}`);
  if (isJudicialListing(record)) return { published: false, reason: 'judicial-list' };
  const period = creditPeriodRule(record, rules);
  const basis = period ? { rule: period.rule, source: period.source } : undefined;
  const withBasis = <T extends object>(answer: T): T => (basis ? { ...answer, basis } : answer);
  if (record.repairStatus === 'repaired') return withBasis({ published: false, reason: 'repaired' });
  const start = asDate(record.decisionDate) ?? asDate(record.publicityStartDate);
  // Public once both the determination and the source's publicity start have come.
  const opens = [start, asDate(record.publicityStartDate)].filter((d): d is string => d !== undefined).sort()[1] ?? start;
  // ISO dates compare as strings.
  if (opens && opens > today) return withBasis({ published: false, reason: 'not-yet-decided' });
  const longest = period && start ? addMonthsClamped(start, period.months) : undefined;
  const until = [asDate(record.publicityEndDate), longest].filter((d): d is string => d !== undefined).sort()[0];
  if (until && until < today) return withBasis({ published: false, reason: 'expired' });
  return withBasis(until ? { published: true, until } : { published: true });
}
