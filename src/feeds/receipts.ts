import type { SubscriberConfig } from '../generated/subscriber.types.js';
import type { DeliveryLedger, FeedReceipt } from '../ports/index.js';
import { FEED_IDS, isFeedId } from './feeds.js';

/** A receipt message nobody can act on: it fails (and after its retries waits in the dead-letter queue) with why. */
export class ReceiptError extends Error {
  override readonly name = 'ReceiptError';
}

/** At most this many receipts in one message (the 256 KiB SQS body holds about a thousand). */
export const MAX_RECEIPTS_PER_MESSAGE = 1000;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function isoTime(value: unknown, where: string, field: string): string {
  if (typeof value !== 'string' || !ISO_TIME.test(value) || Number.isNaN(Date.parse(value)))
    throw new ReceiptError(`${where}: ${field} must be an ISO 8601 time such as 2026-11-27T01:00:00Z, not ${JSON.stringify(value)}`);
  return new Date(value).toISOString();
}

/** A sequence as the event carries it (a decimal string) or as a number: a whole number from 1. */
function sequenceOf(value: unknown, where: string): number {
  const n = typeof value === 'string' && /^[1-9]\d*$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1)
    throw new ReceiptError(`${where}: sequence must be a whole number from 1, not ${JSON.stringify(value)}`);
  return n;
}

function receiptOf(value: unknown, subscriber: string, i: number): FeedReceipt {
  const where = `receipt ${i}`;
  if (!isObject(value)) throw new ReceiptError(`${where}: must be an object {eventId, feed, sequence, deliveredAt, consumedAt}`);
  const { eventId, feed, sequence, deliveredAt, consumedAt } = value;
  if (typeof eventId !== 'string' || eventId.trim() === '') throw new ReceiptError(`${where}: eventId must be the event's id`);
  if (typeof feed !== 'string' || !isFeedId(feed)) throw new ReceiptError(`${where}: feed must be one of ${FEED_IDS.join(', ')}, not ${JSON.stringify(feed)}`);
  return {
    subscriber,
    eventId,
    feed,
    sequence: sequenceOf(sequence, where),
    ...(deliveredAt === undefined ? {} : { deliveredAt: isoTime(deliveredAt, where, 'deliveredAt') }),
    consumedAt: isoTime(consumedAt, where, 'consumedAt'),
  };
}

/**
 * A receipt message (`{"subscriber": id, "receipts": [{eventId, feed, sequence, deliveredAt,
 * consumedAt}]}`) read and checked: the subscriber must be known and hold the feed of every
 * receipt. Anything else is refused whole, naming the first problem.
 */
export function parseReceiptMessage(body: string, subscribers: readonly Pick<SubscriberConfig, 'id' | 'feeds'>[]): FeedReceipt[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new ReceiptError('receipt message: not JSON; expected {"subscriber": id, "receipts": [...]}');
  }
  if (!isObject(parsed)) throw new ReceiptError('receipt message: expected an object {"subscriber": id, "receipts": [...]}');
  const { subscriber, receipts } = parsed;
  if (typeof subscriber !== 'string' || subscriber === '') throw new ReceiptError('receipt message: subscriber must be the subscriber id');
  const known = subscribers.find((s) => s.id === subscriber);
  if (!known) throw new ReceiptError(`receipt message: no subscriber "${subscriber}" is configured`);
  if (!Array.isArray(receipts) || receipts.length === 0) throw new ReceiptError('receipt message: receipts must be a non-empty list');
  if (receipts.length > MAX_RECEIPTS_PER_MESSAGE)
    throw new ReceiptError(`receipt message: at most ${MAX_RECEIPTS_PER_MESSAGE} receipts, not ${receipts.length}`);
  const parsedReceipts = receipts.map((r, i) => receiptOf(r, subscriber, i));
  const foreign = parsedReceipts.find((r) => !known.feeds.includes(r.feed));
  if (foreign) throw new ReceiptError(`receipt message: subscriber ${subscriber} does not subscribe to feed ${foreign.feed} (receipt for ${foreign.eventId})`);
  return parsedReceipts;
}

/** Records the receipts of one message in the ledger; returns how many it carried. */
export async function recordReceiptMessage(
  body: string,
  deps: { readonly subscribers: readonly Pick<SubscriberConfig, 'id' | 'feeds'>[]; readonly deliveries: Pick<DeliveryLedger, 'recordReceipts'> },
): Promise<number> {
  const receipts = parseReceiptMessage(body, deps.subscribers);
  await deps.deliveries.recordReceipts(receipts);
  return receipts.length;
}
