import type { FeedEvent } from '../feeds/event.js';
import { isFeedId } from '../feeds/feeds.js';
import type { FeedReceipt } from '../ports/delivery-ledger.js';
import { feedName } from './sequence-tracker.js';

/** An accepted event and the SQS SentTimestamp (epoch milliseconds) of the message that brought it. */
export interface Consumed {
  readonly event: FeedEvent;
  readonly sentTimestamp?: string;
}

/** The body acknowledging a batch on the `feed-receipts` queue: `{"subscriber", "receipts": [...]}`; undefined for nothing to acknowledge. */
export function receiptMessage(subscriber: string, consumed: readonly Consumed[], consumedAt: Date): string | undefined {
  const receipts: Omit<FeedReceipt, 'subscriber'>[] = consumed.flatMap(({ event, sentTimestamp }) => {
    const feed = feedName(event.source);
    if (!isFeedId(feed)) return [];
    const sent = sentTimestamp !== undefined && /^[0-9]+$/.test(sentTimestamp) ? new Date(Number(sentTimestamp)).toISOString() : undefined;
    return [{ eventId: event.id, feed, sequence: Number(event.sequence), ...(sent ? { deliveredAt: sent } : {}), consumedAt: consumedAt.toISOString() }];
  });
  return receipts.length > 0 ? JSON.stringify({ subscriber, receipts }) : undefined;
}

/** The subscriber id in a feed queue's URL (`…/tongyuan-feed-<id>[.fifo]`), or undefined when it does not follow the name. */
export function subscriberOfQueue(queueUrl: string): string | undefined {
  const name = queueUrl.split('/').at(-1) ?? '';
  return /^tongyuan-feed-(.+?)(?:\.fifo)?$/.exec(name)?.[1];
}
