import type { FeedId } from '../feeds/feeds.js';

/** A leaving event (withdrawn, expired, …) sent to one subscriber: the statutory clocks are counted on these. */
export interface LeavingDelivery {
  readonly subscriber: string;
  readonly feed: FeedId;
  readonly eventId: string;
  readonly sequence: number;
  readonly type: string;
  readonly recordType: string;
  readonly recordId: string;
  /** China date by which the subscriber must have it. */
  readonly deadline: string;
  /** When it was published to the subscriber (ISO). */
  readonly sentAt: string;
  /** When the subscriber's queue received it (SQS SentTimestamp, from the subscriber's receipt; ISO). */
  readonly deliveredAt?: string;
  /** When the subscriber reported it consumed (ISO). */
  readonly consumedAt?: string;
}

/** A subscriber's acknowledgement that it consumed an event. */
export interface FeedReceipt {
  readonly subscriber: string;
  readonly eventId: string;
  readonly sequence: number;
  readonly feed: FeedId;
  /** SQS SentTimestamp of the message, ISO. */
  readonly deliveredAt?: string;
  readonly consumedAt: string;
}

/** Per-subscriber counts of what was sent and acknowledged. */
export interface DeliveryCounts {
  readonly subscriber: string;
  readonly sent: number;
  readonly consumed: number;
  /** The highest sequence acknowledged per feed. */
  readonly lastConsumed: Readonly<Partial<Record<FeedId, number>>>;
  readonly lastConsumedAt?: string;
}

/** What was sent to each subscriber and what each acknowledged: the delivery audit and the compliance report read it. */
export interface DeliveryLedger {
  /** Counts events sent, per subscriber; records each leaving event with its deadline. Idempotent per (subscriber, feed, event id) for leaving events (one id may name an event on two feeds). */
  recordSent(sent: readonly { readonly subscriber: string; readonly count: number }[], leaving: readonly LeavingDelivery[]): Promise<void>;
  /** Records receipts; a receipt for an event already acknowledged changes nothing. */
  recordReceipts(receipts: readonly FeedReceipt[]): Promise<void>;
  counts(subscriber: string): Promise<DeliveryCounts>;
  /** The leaving events sent to a subscriber (every subscriber when absent), with what is known of their delivery. */
  leaving(subscriber?: string): AsyncIterable<readonly LeavingDelivery[]>;
}
