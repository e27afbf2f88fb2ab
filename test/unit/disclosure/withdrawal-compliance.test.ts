import { describe, expect, it } from 'vitest';
import { addWorkingDays, prcCalendar } from '../../../src/calendar/index.js';
import { classifyWithdrawals } from '../../../src/disclosure/withdrawal-compliance.js';
import type { OutstandingWithdrawal } from '../../../src/disclosure/withdrawals.js';
import type { DisclosureEntry, Withdrawal } from '../../../src/ports/index.js';

const TYPE = 'enforcement-decision';
const published = (recordId: string, withdrawal?: Withdrawal): DisclosureEntry => ({
  recordType: TYPE,
  recordId,
  decisionDate: '2025-02-20',
  firstPublishedAt: '2025-02-24T02:00:00.000Z',
  releaseId: 'r0',
  ...(withdrawal ? { withdrawal } : {}),
});
/** A China date at 09:05 local time. */
const at = (date: string) => new Date(`${date}T09:05:00+08:00`).toISOString();
const revoked = (observedOn: string, withdrawnOn: string): Withdrawal => ({
  reason: 'revoked',
  observedAt: at(observedOn),
  withdrawnAt: at(withdrawnOn),
  releaseId: 'r1',
});
const expired = (publicUntil: string, withdrawnAt: string): Withdrawal => ({
  reason: 'expired',
  observedAt: new Date(`${publicUntil}T24:00:00+08:00`).toISOString(),
  withdrawnAt,
  releaseId: 'r2',
  publicUntil,
});

describe('withdrawals against 行政处罚法 第四十八条 (三日, working days by 第八十五条)', () => {
  it('takes a revocation withdrawn on the 3rd working day as on time and one on the 4th as late', () => {
    // 2025-03-03 is a Monday: the 3rd working day after it is Thursday 03-06, the 4th Friday 03-07.
    const report = classifyWithdrawals(
      [published('day3', revoked('2025-03-03', '2025-03-06')), published('day4', revoked('2025-03-03', '2025-03-07'))],
      [],
      prcCalendar,
      '2025-03-10',
    );
    expect(report.onTimeWithdrawals).toBe(1);
    expect(report.lateWithdrawals).toEqual([
      { recordType: TYPE, recordId: 'day4', decisionDate: '2025-02-20', observedOn: '2025-03-03', withdrawnOn: '2025-03-07', workingDays: 4, daysLate: 1 },
    ]);
  });

  it('counts across the May Day holiday: the 3rd working day after 30 April 2025 is 8 May', () => {
    expect(addWorkingDays('2025-04-30', 3)).toBe('2025-05-08');
    const report = classifyWithdrawals(
      [published('a', revoked('2025-04-30', '2025-05-08')), published('b', revoked('2025-04-30', '2025-05-09'))],
      [],
      prcCalendar,
      '2025-05-12',
    );
    expect(report.onTimeWithdrawals).toBe(1);
    expect(report.lateWithdrawals.map((w) => [w.recordId, w.workingDays])).toEqual([['b', 4]]);
  });

  it('reports a revocation still public after 3 working days, and not one still within them', () => {
    const still = (recordId: string, observedOn: string): OutstandingWithdrawal => ({
      recordType: TYPE,
      recordId,
      reason: 'revoked',
      observedAt: at(observedOn),
    });
    const report = classifyWithdrawals([], [still('old', '2025-03-03'), still('new', '2025-03-07')], prcCalendar, '2025-03-10');
    expect(report.lateWithdrawals).toEqual([{ recordType: TYPE, recordId: 'old', observedOn: '2025-03-03', workingDays: 5, daysLate: 2 }]);
    expect(report.onTimeWithdrawals).toBe(0);
  });

  it('takes an expiry withdrawn at 00:05 on the day after the last public day as on time, a day later as missed, and one still public as missed', () => {
    const entries = [
      published('on-time', expired('2025-06-01', '2025-06-01T16:05:00.000Z')),
      published('a-day-late', expired('2025-06-01', '2025-06-02T16:05:00.000Z')),
    ];
    const stillPublic: OutstandingWithdrawal = {
      recordType: TYPE,
      recordId: 'still',
      reason: 'expired',
      observedAt: '2025-05-31T16:00:00.000Z',
      publicUntil: '2025-05-31',
    };
    const report = classifyWithdrawals(entries, [stillPublic], prcCalendar, '2025-06-10');
    expect(report.missedExpiries).toEqual([
      { recordType: TYPE, recordId: 'still', publicUntil: '2025-05-31', expiresOn: '2025-06-01', daysLate: 9 },
      {
        recordType: TYPE,
        recordId: 'a-day-late',
        decisionDate: '2025-02-20',
        publicUntil: '2025-06-01',
        expiresOn: '2025-06-02',
        withdrawnOn: '2025-06-03',
        daysLate: 1,
      },
    ]);
    // On the day it expires the daily run has yet to take it out: not missed.
    expect(classifyWithdrawals([], [stillPublic], prcCalendar, '2025-06-01').missedExpiries).toEqual([]);
  });

  it('leaves out decisions outside the window and other reasons, and names a year the calendar lacks', () => {
    const suspended: Withdrawal = { ...revoked('2025-03-03', '2025-03-20'), reason: 'objection-suspended' };
    const report = classifyWithdrawals(
      [
        published('suspended', suspended),
        published('outside', revoked('2025-03-03', '2025-03-20')),
        { ...published('no-calendar', revoked('2099-03-02', '2099-03-20')), decisionDate: '2099-01-05' },
      ],
      [],
      prcCalendar,
      '2099-03-20',
      { from: '2099-01-01' },
    );
    expect(report.lateWithdrawals).toEqual([]);
    expect(report.uncounted).toEqual([{ recordType: TYPE, recordId: 'no-calendar', reason: expect.stringContaining('2099') as string }]);
  });
});
