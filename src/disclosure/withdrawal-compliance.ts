import { addCalendarDays, CalendarCoverageError, chinaDate, type WorkingDayCalendar } from '../calendar/index.js';
import type { DisclosureEntry } from '../ports/index.js';
import type { ReportWindow } from './compliance.js';
import type { OutstandingWithdrawal } from './withdrawals.js';

/**
 * 行政处罚法（2021）第四十八条第二款: a published decision that is changed, revoked, or
 * confirmed unlawful or void is withdrawn 三日内; 第八十五条: the law's 三日 are working days.
 */
export const WITHDRAWAL_WORKING_DAYS = 3;

/** A revoked decision withdrawn (or still not withdrawn) later than the limit. */
export interface LateWithdrawal {
  readonly recordType: string;
  readonly recordId: string;
  readonly decisionDate?: string;
  /** China date the SSOT stored the revocation. */
  readonly observedOn: string;
  /** China date of the first release without it; absent while it is still public. */
  readonly withdrawnOn?: string;
  /** Working days after the observation up to the withdrawal (or today). */
  readonly workingDays: number;
  readonly daysLate: number;
}

/** An expired decision still public, or withdrawn after the day it expired on. */
export interface MissedExpiry {
  readonly recordType: string;
  readonly recordId: string;
  readonly decisionDate?: string;
  /** Its last public day. */
  readonly publicUntil: string;
  /** The day it should have left: the day after its last public day. */
  readonly expiresOn: string;
  /** China date of the first release without it; absent while it is still public. */
  readonly withdrawnOn?: string;
  /** Calendar days after `expiresOn` until the withdrawal (or today). */
  readonly daysLate: number;
}

export interface WithdrawalReport {
  readonly lateWithdrawals: readonly LateWithdrawal[];
  readonly onTimeWithdrawals: number;
  readonly missedExpiries: readonly MissedExpiry[];
  readonly uncounted: readonly { readonly recordType: string; readonly recordId: string; readonly reason: string }[];
}

const dayDiff = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

interface Case {
  readonly recordType: string;
  readonly recordId: string;
  readonly decisionDate?: string;
  readonly reason: string;
  readonly observedAt: string;
  readonly publicUntil?: string;
  /** Absent: still public. */
  readonly withdrawnAt?: string;
}

/**
 * Checks withdrawals against the law: revocations recorded in the ledger and those still
 * public (`outstanding`, as of `today`, a China date) against the 3-working-day limit;
 * expiries against the day after the last public day (an expiry still public on that day
 * is not yet missed: the daily run takes it out at 00:05). Decision dates outside the
 * window are left out; a year the calendar lacks is reported as uncounted, never guessed.
 */
export function classifyWithdrawals(
  entries: readonly DisclosureEntry[],
  outstanding: readonly OutstandingWithdrawal[],
  calendar: WorkingDayCalendar,
  today: string,
  window: ReportWindow = {},
): WithdrawalReport {
  const cases: Case[] = [
    ...entries.flatMap((e) => (e.withdrawal ? [{ recordType: e.recordType, recordId: e.recordId, decisionDate: e.decisionDate, ...e.withdrawal }] : [])),
    ...outstanding,
  ];
  const lateWithdrawals: LateWithdrawal[] = [];
  const missedExpiries: MissedExpiry[] = [];
  const uncounted: WithdrawalReport['uncounted'][number][] = [];
  let onTimeWithdrawals = 0;
  for (const c of cases) {
    if (c.decisionDate && ((window.from && c.decisionDate < window.from) || (window.to && c.decisionDate > window.to))) continue;
    const ids = { recordType: c.recordType, recordId: c.recordId, ...(c.decisionDate ? { decisionDate: c.decisionDate } : {}) };
    const withdrawnOn = c.withdrawnAt === undefined ? undefined : chinaDate(new Date(c.withdrawnAt));
    const until = withdrawnOn ?? today;
    if (c.reason === 'expired' && c.publicUntil) {
      const expiresOn = addCalendarDays(c.publicUntil, 1);
      const daysLate = dayDiff(expiresOn, until);
      if (daysLate > 0) missedExpiries.push({ ...ids, publicUntil: c.publicUntil, expiresOn, ...(withdrawnOn ? { withdrawnOn } : {}), daysLate });
      continue;
    }
    if (c.reason !== 'revoked') continue;
    const observedOn = chinaDate(new Date(c.observedAt));
    let workingDays: number;
    try {
      workingDays = calendar.workingDaysBetween(observedOn, until);
    } catch (error) {
      if (!(error instanceof CalendarCoverageError)) throw error;
      uncounted.push({ recordType: c.recordType, recordId: c.recordId, reason: error.message });
      continue;
    }
    const daysLate = Math.max(0, workingDays - WITHDRAWAL_WORKING_DAYS);
    if (daysLate > 0) lateWithdrawals.push({ ...ids, observedOn, ...(withdrawnOn ? { withdrawnOn } : {}), workingDays, daysLate });
    else if (withdrawnOn) onTimeWithdrawals++;
  }
  lateWithdrawals.sort((a, b) => b.daysLate - a.daysLate || a.recordId.localeCompare(b.recordId));
  missedExpiries.sort((a, b) => b.daysLate - a.daysLate || a.recordId.localeCompare(b.recordId));
  return { lateWithdrawals, onTimeWithdrawals, missedExpiries, uncounted };
}
