import type { SubscriberConfig } from '../generated/subscriber.types.js';
import type { DeliveryLedger, FeedLog } from '../ports/index.js';
import type { QueueStats } from '../ports/queue-stats.js';
import { isFeedId, type FeedId } from './feeds.js';

export interface AuditDeps {
  readonly deliveries: Pick<DeliveryLedger, 'counts'>;
  readonly log: Pick<FeedLog, 'lastSequence'>;
  readonly queues: QueueStats;
}

/** How far a subscriber's acknowledgements trail one feed. */
export interface FeedLag {
  readonly feed: FeedId;
  /** The feed's last sequence. */
  readonly lastSequence: number;
  /** The highest sequence the subscriber acknowledged (0 when none). */
  readonly lastConsumed: number;
  /** lastSequence − lastConsumed: events of the feed after the last one acknowledged (not all need be for this subscriber: its filter may skip some). */
  readonly sequenceLag: number;
}

/** One subscriber's delivery, as the ledger and its queues tell it. */
export interface SubscriberAudit {
  readonly subscriber: string;
  readonly sent: number;
  readonly consumed: number;
  readonly lastConsumedAt?: string;
  /** False when the subscriber's queue does not exist: the depths below are then absent. */
  readonly queueFound: boolean;
  readonly waiting?: number;
  readonly inFlight?: number;
  readonly deadLettered?: number;
  /** Seconds the oldest waiting message has waited, when the queue statistics know it. */
  readonly oldestAgeSeconds?: number;
  readonly feeds: readonly FeedLag[];
}

/** The delivery audit of one subscriber: what was sent and acknowledged, what waits, what failed, how far behind it is. */
export async function auditSubscriber(subscriber: SubscriberConfig, deps: AuditDeps): Promise<SubscriberAudit> {
  const [counts, stats] = await Promise.all([deps.deliveries.counts(subscriber.id), deps.queues.subscriberQueue(subscriber)]);
  const feeds = await Promise.all(
    subscriber.feeds.filter(isFeedId).map(async (feed): Promise<FeedLag> => {
      const lastSequence = await deps.log.lastSequence(feed);
      const lastConsumed = counts.lastConsumed[feed] ?? 0;
      return { feed, lastSequence, lastConsumed, sequenceLag: Math.max(0, lastSequence - lastConsumed) };
    }),
  );
  return {
    subscriber: subscriber.id,
    sent: counts.sent,
    consumed: counts.consumed,
    ...(counts.lastConsumedAt ? { lastConsumedAt: counts.lastConsumedAt } : {}),
    queueFound: stats !== undefined,
    ...(stats
      ? {
          waiting: stats.queue.waiting,
          inFlight: stats.queue.inFlight,
          deadLettered: stats.deadLettered,
          ...(stats.queue.oldestAgeSeconds === undefined ? {} : { oldestAgeSeconds: stats.queue.oldestAgeSeconds }),
        }
      : {}),
    feeds,
  };
}

/** The audit of every subscriber given, in their order. */
export async function auditDeliveries(subscribers: readonly SubscriberConfig[], deps: AuditDeps): Promise<SubscriberAudit[]> {
  const audits: SubscriberAudit[] = [];
  for (const subscriber of subscribers) audits.push(await auditSubscriber(subscriber, deps));
  return audits;
}

/** The audit as table rows (tab-separated, a header first): one row per subscriber and feed. */
export function auditRows(audits: readonly SubscriberAudit[]): string[] {
  const n = (value: number | undefined) => (value === undefined ? '-' : String(value));
  const rows = [
    ['subscriber', 'sent', 'consumed', 'waiting', 'in flight', 'dead-lettered', 'oldest age s', 'feed', 'last sequence', 'last consumed', 'sequence lag'].join(
      '\t',
    ),
  ];
  for (const a of audits) {
    const queue = a.queueFound ? [n(a.waiting), n(a.inFlight), n(a.deadLettered), n(a.oldestAgeSeconds)] : ['no queue', '-', '-', '-'];
    for (const f of a.feeds.length > 0 ? a.feeds : [undefined])
      rows.push(
        [a.subscriber, String(a.sent), String(a.consumed), ...queue, f?.feed ?? '-', n(f?.lastSequence), n(f?.lastConsumed), n(f?.sequenceLag)].join('\t'),
      );
  }
  return rows;
}
