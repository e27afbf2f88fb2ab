import { CalendarCoverageError, chinaDate, type WorkingDayCalendar } from '../calendar/index.js';
import type { DeliveryLedger, LeavingDelivery } from '../ports/index.js';

/**
 * Whether a leaving event (withdrawn, expired, …) reached a subscriber by its deadline. The
 * deadline is the China date by which the subscriber must have it; what counts is the day it
 * consumed it (its receipt). Delivered late: its queue received it after the deadline (a fault
 * of ours, whatever the subscriber did next).
 */
export type LeavingStatus = 'on-time' | 'late' | 'unconsumed';

export interface LeavingDeliveryCheck {
  readonly subscriber: string;
  readonly feed: string;
  readonly eventId: string;
  readonly sequence: number;
  readonly type: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly deadline: string;
  /** China date its queue received it (the receipt's SQS SentTimestamp), else the day it was published. */
  readonly deliveredOn: string;
  /** Whether deliveredOn is the queue's own word (a receipt) or only the day it was published. */
  readonly deliveredOnKnown: boolean;
  /** Calendar days deliveredOn is after the deadline (0 when by it). */
  readonly deliveredDaysLate: number;
  /** China date the subscriber reported it consumed; absent while it has not. */
  readonly consumedOn?: string;
  readonly status: LeavingStatus;
  /** Late: calendar days after the deadline it was consumed; unconsumed: calendar days overdue as of today (0 until the deadline passes). */
  readonly daysLate: number;
  /** The same in working days, when the calendar covers the years (a deadline counted in working days is judged in them too). */
  readonly workingDaysLate?: number;
}

export interface SubscriberDeliveryCompliance {
  readonly subscriber: string;
  readonly onTime: number;
  readonly late: number;
  readonly unconsumed: number;
  /** Unconsumed ones whose deadline has passed. */
  readonly overdue: number;
  /** Received by its queue after the deadline. */
  readonly deliveredLate: number;
  readonly deliveries: readonly LeavingDeliveryCheck[];
}

const dayDiff = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function workingDaysAfter(calendar: WorkingDayCalendar, deadline: string, day: string): number | undefined {
  try {
    return Math.max(0, calendar.workingDaysBetween(deadline, day));
  } catch (error) {
    if (error instanceof CalendarCoverageError) return undefined;
    throw error;
  }
}

/** One leaving delivery judged against its deadline on `today` (a China date). */
export function checkLeavingDelivery(delivery: LeavingDelivery, calendar: WorkingDayCalendar, today: string): LeavingDeliveryCheck {
  const deliveredOn = chinaDate(new Date(delivery.deliveredAt ?? delivery.sentAt));
  const consumedOn = delivery.consumedAt === undefined ? undefined : chinaDate(new Date(delivery.consumedAt));
  const until = consumedOn ?? today;
  const daysLate = Math.max(0, dayDiff(delivery.deadline, until));
  const status: LeavingStatus = consumedOn === undefined ? 'unconsumed' : daysLate > 0 ? 'late' : 'on-time';
  const workingDaysLate = daysLate > 0 ? workingDaysAfter(calendar, delivery.deadline, until) : 0;
  return {
    subscriber: delivery.subscriber,
    feed: delivery.feed,
    eventId: delivery.eventId,
    sequence: delivery.sequence,
    type: delivery.type,
    recordType: delivery.recordType,
    recordId: delivery.recordId,
    deadline: delivery.deadline,
    deliveredOn,
    deliveredOnKnown: delivery.deliveredAt !== undefined,
    deliveredDaysLate: Math.max(0, dayDiff(delivery.deadline, deliveredOn)),
    ...(consumedOn ? { consumedOn } : {}),
    status,
    daysLate,
    ...(workingDaysLate === undefined ? {} : { workingDaysLate }),
  };
}

/**
 * Per subscriber, every leaving event it was sent judged against its deadline on `today`:
 * consumed on time, consumed late by N days, or not consumed yet (overdue by N days once the
 * deadline has passed); worst first within each subscriber.
 */
export async function feedDeliveryCompliance(
  deliveries: Pick<DeliveryLedger, 'leaving'>,
  calendar: WorkingDayCalendar,
  today: string,
  subscriber?: string,
): Promise<SubscriberDeliveryCompliance[]> {
  const bySubscriber = new Map<string, LeavingDeliveryCheck[]>();
  for await (const page of deliveries.leaving(subscriber)) {
    for (const delivery of page) {
      const checks = bySubscriber.get(delivery.subscriber) ?? [];
      checks.push(checkLeavingDelivery(delivery, calendar, today));
      bySubscriber.set(delivery.subscriber, checks);
    }
  }
  const rank: Record<LeavingStatus, number> = { unconsumed: 0, late: 1, 'on-time': 2 };
  return [...bySubscriber.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, checks]) => {
      checks.sort((a, b) => rank[a.status] - rank[b.status] || b.daysLate - a.daysLate || a.eventId.localeCompare(b.eventId));
      const count = (status: LeavingStatus) => checks.filter((c) => c.status === status).length;
      return {
        subscriber: id,
        onTime: count('on-time'),
        late: count('late'),
        unconsumed: count('unconsumed'),
        overdue: checks.filter((c) => c.status === 'unconsumed' && c.daysLate > 0).length,
        deliveredLate: checks.filter((c) => c.deliveredDaysLate > 0).length,
        deliveries: checks,
      };
    });
}
