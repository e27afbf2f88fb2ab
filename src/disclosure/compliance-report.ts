import type { WorkingDayCalendar } from '../calendar/index.js';
import type { DatasetConfig } from '../config/catalog.js';
import type { DeliveryLedger, DisclosureEntry, DisclosureLedger } from '../ports/index.js';
import { disclosingDataset } from '../publish/dataset-filter.js';
import { ENFORCEMENT_DECISION } from '../records/enforcement-decision.js';
import type { StoredVersion } from '../ssot/model.js';
import {
  classifyDisclosures,
  disclosuresDue,
  DISCLOSURE_WORKING_DAYS,
  DUE_HORIZON_WORKING_DAYS,
  type PendingDecision,
  type ReportWindow,
} from './compliance.js';
import { pendingDecisions } from './pending-decisions.js';
import { publicityJudgeFor } from './publicity-by-type.js';
import { feedDeliveryCompliance } from './feed-delivery-compliance.js';
import { classifyWithdrawals, WITHDRAWAL_WORKING_DAYS } from './withdrawal-compliance.js';
import { outstandingWithdrawals, withheldOf, type HiddenVersion, type OutstandingWithdrawal } from './withdrawals.js';

/** What the report reads: the ledger of publications and withdrawals, the current records and the datasets' rules. */
export interface ComplianceSources {
  readonly ledger: Pick<DisclosureLedger, 'list'>;
  readonly records: { listCurrent(recordType: string): AsyncIterable<readonly StoredVersion[]> };
  readonly datasets: readonly DatasetConfig[];
  /** What each feed subscriber was sent of records leaving public view; without it the report has no subscriber section. */
  readonly deliveries?: Pick<DeliveryLedger, 'leaving'>;
}

async function* once(versions: readonly StoredVersion[]): AsyncIterable<readonly StoredVersion[]> {
  yield versions;
}

/**
 * The compliance report on `today` (a China date): decisions first published later than 7
 * working days, revocations withdrawn later than 3, expiries missed, unpublished decisions
 * falling due within 5, and (given the delivery ledger) the withdrawals delivered to each feed
 * subscriber against their deadlines. Entries whose delay the calendar cannot count are listed, never guessed.
 */
export async function complianceReport(sources: ComplianceSources, calendar: WorkingDayCalendar, today: string, window: ReportWindow = {}) {
  const inWindow = (date: string) => (!window.from || date >= window.from) && (!window.to || date <= window.to);
  // The clocks of 双公示 bind the deciding authority's penalty and licence decisions; credit lists keep their own windows.
  const recordTypes = [...new Set(sources.datasets.map((d) => d.recordType))].filter((type) => type === ENFORCEMENT_DECISION);
  const entries: DisclosureEntry[] = [];
  const pending: PendingDecision[] = [];
  const outstanding: OutstandingWithdrawal[] = [];
  for (const recordType of recordTypes) {
    const published = await sources.ledger.list(recordType);
    entries.push(...published);
    const current: StoredVersion[] = [];
    for await (const page of sources.records.listCurrent(recordType)) current.push(...page);
    // Published decisions withheld today whose withdrawal no release has recorded: still public.
    const hidden = new Map<string, HiddenVersion>();
    const judge = publicityJudgeFor(recordType);
    for (const stored of current) {
      const rules = disclosingDataset(sources.datasets, recordType, stored.record)?.disclosure;
      const withheld = rules && withheldOf(judge(stored.record, today, rules));
      if (withheld) hidden.set(stored.recordId, { stored, withheld });
    }
    outstanding.push(...outstandingWithdrawals(published, hidden));
    // A decision withheld today (revoked, expired) can no longer fall due: only those that may be published are.
    const unpublished = await pendingDecisions(recordType, once(current), new Set(published.map((e) => e.recordId)));
    pending.push(...unpublished.filter((p) => inWindow(p.decisionDate) && !hidden.has(p.recordId)));
  }
  const disclosures = classifyDisclosures(entries, calendar, window);
  const withdrawals = classifyWithdrawals(entries, outstanding, calendar, today, window);
  const { due, uncounted: dueUncounted } = disclosuresDue(pending, calendar, today);
  const uncounted: { readonly recordType: string; readonly recordId: string; readonly decisionDate?: string; readonly reason: string }[] = [
    ...disclosures.uncounted,
    ...withdrawals.uncounted,
    ...dueUncounted.map((d) => ({ ...d, reason: 'the working-day calendar does not cover its year' })),
  ];
  // Withdrawals delivered to subscribers: every leaving event each was sent, against its deadline.
  const subscriberDeliveries = sources.deliveries ? await feedDeliveryCompliance(sources.deliveries, calendar, today) : [];
  const sum = (pick: (s: (typeof subscriberDeliveries)[number]) => number) => subscriberDeliveries.reduce((n, s) => n + pick(s), 0);
  const counts = {
    late: disclosures.late.length,
    onTime: disclosures.onTime.length,
    lateWithdrawals: withdrawals.lateWithdrawals.length,
    onTimeWithdrawals: withdrawals.onTimeWithdrawals,
    missedExpiries: withdrawals.missedExpiries.length,
    dueSoon: due.length,
    overdueUnpublished: due.filter((d) => d.overdue).length,
    uncounted: uncounted.length,
    subscriberDeliveriesOnTime: sum((s) => s.onTime),
    subscriberDeliveriesLate: sum((s) => s.late),
    subscriberDeliveriesUnconsumed: sum((s) => s.unconsumed),
    subscriberDeliveriesOverdue: sum((s) => s.overdue),
  };
  const limits = {
    disclosureWorkingDays: DISCLOSURE_WORKING_DAYS,
    withdrawalWorkingDays: WITHDRAWAL_WORKING_DAYS,
    dueHorizonWorkingDays: DUE_HORIZON_WORKING_DAYS,
  };
  return {
    window,
    today,
    limits,
    counts,
    late: disclosures.late,
    lateWithdrawals: withdrawals.lateWithdrawals,
    missedExpiries: withdrawals.missedExpiries,
    due,
    uncounted,
    withdrawalsDeliveredToSubscribers: subscriberDeliveries,
  };
}
