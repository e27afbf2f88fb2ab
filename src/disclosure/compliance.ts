import { CalendarCoverageError, chinaDate, type WorkingDayCalendar } from '../calendar/index.js';
import type { DisclosureEntry } from '../ports/index.js';

/** A decision is disclosed on time when its first publication is within this many working days of its decision date. */
export const DISCLOSURE_WORKING_DAYS = 7;

export interface DisclosureDelay {
  readonly recordType: string;
  readonly recordId: string;
  readonly decisionDate: string;
  /** China date of the first publication. */
  readonly publishedOn: string;
  readonly releaseId: string;
  /** Working days after the decision date up to and including the publication date. */
  readonly workingDays: number;
  /** Working days past the limit (0 when on time). */
  readonly daysLate: number;
}

export interface ComplianceReport {
  readonly late: readonly DisclosureDelay[];
  readonly onTime: readonly DisclosureDelay[];
  /** Entries whose delay cannot be counted: the calendar does not cover a year between decision and publication. */
  readonly uncounted: readonly { readonly recordType: string; readonly recordId: string; readonly decisionDate: string; readonly reason: string }[];
}

/** Decision dates to report on, both ends inclusive (YYYY-MM-DD). */
export interface ReportWindow {
  readonly from?: string;
  readonly to?: string;
}

/**
 * Classifies first publications against the 7-working-day rule. Entries without a decision
 * date are not decisions and are left out; so are decision dates outside the window.
 * A year the calendar does not hold is reported as uncounted, never guessed.
 */
export function classifyDisclosures(entries: readonly DisclosureEntry[], calendar: WorkingDayCalendar, window: ReportWindow = {}): ComplianceReport {
  const late: DisclosureDelay[] = [];
  const onTime: DisclosureDelay[] = [];
  const uncounted: ComplianceReport['uncounted'][number][] = [];
  for (const entry of entries) {
    const decisionDate = entry.decisionDate;
    if (!decisionDate) continue;
    if ((window.from && decisionDate < window.from) || (window.to && decisionDate > window.to)) continue;
    const publishedOn = chinaDate(new Date(entry.firstPublishedAt));
    let workingDays: number;
    try {
      workingDays = calendar.workingDaysBetween(decisionDate, publishedOn);
    } catch (error) {
      if (!(error instanceof CalendarCoverageError)) throw error;
      uncounted.push({ recordType: entry.recordType, recordId: entry.recordId, decisionDate, reason: error.message });
      continue;
    }
    const daysLate = Math.max(0, workingDays - DISCLOSURE_WORKING_DAYS);
    const delay = { recordType: entry.recordType, recordId: entry.recordId, decisionDate, publishedOn, releaseId: entry.releaseId, workingDays, daysLate };
    (daysLate > 0 ? late : onTime).push(delay);
  }
  // The latest first: the steward reads the worst cases at the top.
  late.sort((a, b) => b.daysLate - a.daysLate || a.decisionDate.localeCompare(b.decisionDate) || a.recordId.localeCompare(b.recordId));
  return { late, onTime, uncounted };
}

/** Working days ahead that the report looks for disclosures falling due. */
export const DUE_HORIZON_WORKING_DAYS = 5;

/** A decision decided but not yet published. */
export interface PendingDecision {
  readonly recordType: string;
  readonly recordId: string;
  readonly decisionDate: string;
}

export interface DueDisclosure extends PendingDecision {
  /** The last day its disclosure is on time: the 7th working day after the decision date. */
  readonly dueOn: string;
  /** True when that day is already past. */
  readonly overdue: boolean;
}

/**
 * Unpublished decisions whose last on-time day is at most `horizon` working days after
 * `today` (China date), overdue ones included; soonest first. A year the calendar lacks is left out and named.
 */
export function disclosuresDue(
  pending: readonly PendingDecision[],
  calendar: WorkingDayCalendar,
  today: string,
  horizon = DUE_HORIZON_WORKING_DAYS,
): { readonly due: readonly DueDisclosure[]; readonly uncounted: readonly PendingDecision[] } {
  const until = calendar.addWorkingDays(today, horizon);
  const due: DueDisclosure[] = [];
  const uncounted: PendingDecision[] = [];
  for (const decision of pending) {
    let dueOn: string;
    try {
      dueOn = calendar.addWorkingDays(decision.decisionDate, DISCLOSURE_WORKING_DAYS);
    } catch (error) {
      if (!(error instanceof CalendarCoverageError)) throw error;
      uncounted.push(decision);
      continue;
    }
    if (dueOn <= until) due.push({ ...decision, dueOn, overdue: dueOn < today });
  }
  due.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.recordId.localeCompare(b.recordId));
  return { due, uncounted };
}
