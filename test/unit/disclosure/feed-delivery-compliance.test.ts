import { describe, expect, it } from 'vitest';
import { addWorkingDays, prcCalendar } from '../../../src/calendar/index.js';
import { complianceReport } from '../../../src/disclosure/compliance-report.js';
import { checkLeavingDelivery, feedDeliveryCompliance } from '../../../src/disclosure/feed-delivery-compliance.js';
import type { LeavingDelivery } from '../../../src/ports/index.js';
import { MemoryDisclosureLedger } from '../../support/memory-disclosure-ledger.js';
import { MemoryDeliveryLedger } from '../../support/memory-feeds.js';

/** A China wall-clock time as ISO. */
const china = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`).toISOString();

// Revoked on Monday 27 January 2025, the eve of the Spring Festival holiday (28 Jan – 4 Feb, with
// Sunday 26 Jan and Saturday 8 Feb worked): its 3 working days run 5, 6 and 7 February.
const OBSERVED_ON = '2025-01-27';
const DEADLINE = addWorkingDays(OBSERVED_ON, 3);

const delivery = (eventId: string, over: Partial<LeavingDelivery> = {}): LeavingDelivery => ({
  subscriber: 'keqiao',
  feed: 'enforcement',
  eventId,
  sequence: 7,
  type: 'cn.gov.shaoxing.tongyuan.enforcement.decision.withdrawn.v1',
  recordType: 'enforcement-decision',
  recordId: eventId.split('/')[1] ?? eventId,
  deadline: DEADLINE,
  sentAt: china(OBSERVED_ON, '10:00'),
  deliveredAt: china(OBSERVED_ON, '10:00'),
  ...over,
});

describe('checkLeavingDelivery', () => {
  it('counts the deadline in working days across the Spring Festival 2025 holiday', () => {
    expect(DEADLINE).toBe('2025-02-07');
    // Ten calendar days after the revocation, yet on time: the holiday does not count.
    expect(checkLeavingDelivery(delivery('d/on-time/v2', { consumedAt: china('2025-02-06') }), prcCalendar, '2025-02-12')).toMatchObject({
      status: 'on-time',
      daysLate: 0,
      consumedOn: '2025-02-06',
    });
  });

  it('judges the China day: 23:59 on the deadline is on time, a minute past midnight is late', () => {
    const at = (time: string) => checkLeavingDelivery(delivery('d/x/v2', { consumedAt: china('2025-02-07', time) }), prcCalendar, '2025-02-12');
    expect(at('23:59').status).toBe('on-time');
    expect(checkLeavingDelivery(delivery('d/x/v2', { consumedAt: china('2025-02-08', '00:01') }), prcCalendar, '2025-02-12')).toMatchObject({
      status: 'late',
      daysLate: 1,
      // Saturday 8 February 2025 is a make-up working day.
      workingDaysLate: 1,
    });
  });

  it('reports late consumption by calendar and working days, and late delivery on its own', () => {
    const check = checkLeavingDelivery(delivery('d/late/v2', { deliveredAt: china('2025-02-08'), consumedAt: china('2025-02-10') }), prcCalendar, '2025-02-12');
    expect(check).toMatchObject({ status: 'late', daysLate: 3, workingDaysLate: 2, deliveredOn: '2025-02-08', deliveredOnKnown: true, deliveredDaysLate: 1 });
  });

  it('counts an unconsumed event overdue as of today, and not before its deadline; without a receipt the day it was sent stands in', () => {
    const { deliveredAt: _none, ...sentOnly } = delivery('d/silent/v2');
    expect(checkLeavingDelivery(sentOnly, prcCalendar, '2025-02-12')).toMatchObject({
      status: 'unconsumed',
      daysLate: 5,
      workingDaysLate: 4,
      deliveredOn: OBSERVED_ON,
      deliveredOnKnown: false,
    });
    expect(checkLeavingDelivery(sentOnly, prcCalendar, '2025-02-05')).toMatchObject({ status: 'unconsumed', daysLate: 0 });
  });

  it('leaves the working days out where the calendar does not cover the year, never guessing', () => {
    const far = delivery('d/far/v2', {
      deadline: '2099-01-05',
      sentAt: china('2099-01-01'),
      deliveredAt: china('2099-01-01'),
      consumedAt: china('2099-01-09'),
    });
    const check = checkLeavingDelivery(far, prcCalendar, '2099-01-10');
    expect(check).toMatchObject({ status: 'late', daysLate: 4 });
    expect(check.workingDaysLate).toBeUndefined();
  });
});

describe('feedDeliveryCompliance', () => {
  it('summarises each subscriber, worst first, from the delivery ledger', async () => {
    const ledger = new MemoryDeliveryLedger();
    await ledger.recordSent(
      [],
      [
        delivery('d/on-time/v2'),
        delivery('d/late/v2'),
        delivery('d/silent/v2'),
        delivery('d/soon/v2', { deadline: '2025-02-20' }),
        delivery('d/other/v2', { subscriber: 'yuecheng' }),
      ],
    );
    await ledger.recordReceipts([
      { subscriber: 'keqiao', eventId: 'd/on-time/v2', feed: 'enforcement', sequence: 7, consumedAt: china('2025-02-06') },
      { subscriber: 'keqiao', eventId: 'd/late/v2', feed: 'enforcement', sequence: 7, deliveredAt: china('2025-02-08'), consumedAt: china('2025-02-10') },
    ]);
    const [keqiao, yuecheng] = await feedDeliveryCompliance(ledger, prcCalendar, '2025-02-12');
    expect(keqiao).toMatchObject({ subscriber: 'keqiao', onTime: 1, late: 1, unconsumed: 2, overdue: 1, deliveredLate: 1 });
    expect(keqiao?.deliveries.map((d) => d.recordId)).toEqual(['silent', 'soon', 'late', 'on-time']);
    expect(yuecheng).toMatchObject({ subscriber: 'yuecheng', unconsumed: 1, overdue: 1 });
    expect(await feedDeliveryCompliance(ledger, prcCalendar, '2025-02-12', 'yuecheng')).toHaveLength(1);
  });

  it('is the section "withdrawals delivered to subscribers" of the compliance report', async () => {
    const ledger = new MemoryDeliveryLedger();
    await ledger.recordSent([], [delivery('d/silent/v2')]);
    const sources = { ledger: new MemoryDisclosureLedger(), records: { listCurrent: async function* () {} }, datasets: [] };
    const report = await complianceReport({ ...sources, deliveries: ledger }, prcCalendar, '2025-02-12');
    expect(report.counts).toMatchObject({ subscriberDeliveriesUnconsumed: 1, subscriberDeliveriesOverdue: 1, subscriberDeliveriesOnTime: 0 });
    expect(report.withdrawalsDeliveredToSubscribers.map((s) => s.subscriber)).toEqual(['keqiao']);
    expect((await complianceReport(sources, prcCalendar, '2025-02-12')).withdrawalsDeliveredToSubscribers).toEqual([]);
  });
});
