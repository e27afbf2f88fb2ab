import type { DisclosureRules } from '../generated/dataset.types.js';

/** The fields of a decision that decide whether it may be public today. */
export interface PublicityFacts {
  readonly decisionDate?: unknown;
  readonly publicityEndDate?: unknown;
  readonly status?: unknown;
  readonly decisionKind?: unknown;
}

export type WithheldReason = 'revoked' | 'expired' | 'objection-suspended' | 'not-yet-decided' | 'repaired' | 'judicial-list' | 'not-proactive';

export type Publicity =
  | { readonly published: true; /** The last day it is public (China date), when a period applies. */ readonly until?: string }
  | { readonly published: false; readonly reason: WithheldReason; /** The last public day, for an expiry. */ readonly until?: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day a period of whole months from `date` ends: the same day of the month `months`
 * later, or that month's last day when it has no such day (民法典 第二百零一条、第二百零三条:
 * a period counts from the next day and ends on the corresponding day, the end day included).
 */
export function addMonthsClamped(date: string, months: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const monthIndex = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(m[3]), lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const asDate = (value: unknown): string | undefined => (typeof value === 'string' && DATE.test(value) ? value : undefined);

/** The last public day: the source's 公示截止期, else the period configured for the decision's kind. */
function publicUntil(record: PublicityFacts, decisionDate: string | undefined, rules: DisclosureRules): string | undefined {
  const stated = asDate(record.publicityEndDate);
  if (stated) return stated;
  if (!decisionDate) return undefined;
  const kind = typeof record.decisionKind === 'string' ? record.decisionKind : 'penalty';
  const period = rules.periods.find((p) => p.decisionKind === kind);
  return period ? addMonthsClamped(decisionDate, period.months) : undefined;
}

/**
 * Whether a decision may be in a release on `today` (a China date, YYYY-MM-DD): public from
 * its decision date until its publicity period ends, the end day included. 撤销 withdraws it
 * at once (行政处罚法 第四十八条第二款: withdrawn 三日内, working days by 第八十五条); 异议 keeps it unless the
 * rules suspend it; 其他 and a changed decision keep it (its current version is published).
 */
export function publicityOf(record: PublicityFacts, today: string, rules: DisclosureRules): Publicity {
  if (!DATE.test(today)) throw new Error(`not a date: ${today}`);
  if (record.status === 'revoked') return { published: false, reason: 'revoked' };
  if (record.status === 'objection' && (rules.objection ?? 'keep') === 'suspend') return { published: false, reason: 'objection-suspended' };
  const decisionDate = asDate(record.decisionDate);
  // ISO dates compare as strings.
  if (decisionDate && decisionDate > today) return { published: false, reason: 'not-yet-decided' };
  const until = publicUntil(record, decisionDate, rules);
  if (until && until < today) return { published: false, reason: 'expired', until };
  return until ? { published: true, until } : { published: true };
}
