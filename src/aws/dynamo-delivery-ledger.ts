import {
  GetCommand,
  paginateScan,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { FEED_IDS, type FeedId } from '../feeds/feeds.js';
import type { DeliveryCounts, DeliveryLedger, FeedReceipt, LeavingDelivery } from '../ports/delivery-ledger.js';
import { queryPages } from './dynamo-query.js';
import { executeStatements, incrementStatement, insertStatement } from './dynamo-statements.js';
import { backoffDelayMs, MAX_BATCH_ATTEMPTS, pause } from './retry.js';

/** Writes in flight at once: enough to keep DynamoDB busy, few enough not to throttle a partition. */
const CONCURRENCY = 16;

const isConditionFailure = (error: unknown): boolean => (error as { name?: string }).name === 'ConditionalCheckFailedException';
const canceledReasons = (error: unknown): string[] =>
  (error as { name?: string }).name === 'TransactionCanceledException'
    ? ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code ?? 'None')
    : [];

/** Runs `task` for every item, at most CONCURRENCY at a time. */
async function eachLimited<T>(items: readonly T[], task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

/** The attribute of the counts item holding a feed's highest acknowledged sequence (top level: a max-update needs no map to exist). */
const lastConsumedAttribute = (feed: FeedId): string => `lastConsumed_${feed}`;

/**
 * The delivery ledger in the `feeds` table (see the port for the contract). Per subscriber,
 * partition `sub#<id>`: `counts` (sent, consumed, highest sequence acknowledged per feed),
 * `leaving#<feed>#<event id>` (a leaving event sent, with its deadline) and `receipt#<feed>#<event id>`
 * (an acknowledgement, written once: a repeated receipt counts nothing).
 */
export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    /** Put before every partition key: tests share a table without seeing each other's subscribers. */
    private readonly options: { readonly keyPrefix?: string } = {},
  ) {}

  private subscriberKey = (subscriber: string): string => `${this.options.keyPrefix ?? ''}sub#${subscriber}`;

  /**
   * Counts and leaving items go out as PartiQL statements, 25 per call (not one request each):
   * a count as an increment of the subscriber's `sent`, a leaving event as an INSERT, which
   * never overwrites (a redelivery keeps the first sending: its sentAt is when the clock started).
   * A statement that fails for any other reason (the counts item not there yet, throttling) is
   * done on its own, as an UpdateItem ADD or a conditional PutItem.
   */
  async recordSent(sent: readonly { readonly subscriber: string; readonly count: number }[], leaving: readonly LeavingDelivery[]): Promise<void> {
    const counts = sent.filter((s) => s.count > 0);
    const leavingItems = [...new Map(leaving.map((d) => [`${d.subscriber}\n${d.feed}\n${d.eventId}`, this.leavingItem(d)])).values()];
    const statements = [
      ...counts.map(({ subscriber, count }) => incrementStatement(this.table, { pk: this.subscriberKey(subscriber), sk: 'counts' }, 'sent', count)),
      ...leavingItems.map((item) => insertStatement(this.table, item)),
    ];
    if (statements.length === 0) return;
    const codes = await executeStatements(this.doc, statements);
    const countsLeft = counts.filter((_, i) => codes[i] !== undefined);
    const leavingLeft = leavingItems.filter((_, i) => {
      const code = codes[counts.length + i];
      return code !== undefined && code !== 'DuplicateItem';
    });
    await eachLimited(countsLeft, async ({ subscriber, count }) => {
      await this.update({
        Key: { pk: this.subscriberKey(subscriber), sk: 'counts' },
        UpdateExpression: 'ADD #sent :n',
        ExpressionAttributeNames: { '#sent': 'sent' },
        ExpressionAttributeValues: { ':n': count },
      });
    });
    await eachLimited(leavingLeft, async (item) => {
      try {
        await this.doc.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    });
  }

  private leavingItem(delivery: LeavingDelivery): Record<string, unknown> {
    return { ...delivery, pk: this.subscriberKey(delivery.subscriber), sk: `leaving#${delivery.feed}#${delivery.eventId}` };
  }

  async recordReceipts(receipts: readonly FeedReceipt[]): Promise<void> {
    // One subscriber's receipts one after another: they update the same counts item.
    const bySubscriber = new Map<string, FeedReceipt[]>();
    for (const r of receipts)
      bySubscriber
        .set(r.subscriber, bySubscriber.get(r.subscriber) ?? [])
        .get(r.subscriber)!
        .push(r);
    await eachLimited([...bySubscriber.values()], async (mine) => {
      for (const receipt of mine) await this.recordReceipt(receipt);
    });
  }

  async counts(subscriber: string): Promise<DeliveryCounts> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: this.subscriberKey(subscriber), sk: 'counts' }, ConsistentRead: true }));
    const item = out.Item ?? {};
    const lastConsumed: Partial<Record<FeedId, number>> = {};
    for (const feed of FEED_IDS) if (typeof item[lastConsumedAttribute(feed)] === 'number') lastConsumed[feed] = item[lastConsumedAttribute(feed)] as number;
    return {
      subscriber,
      sent: Number(item.sent ?? 0),
      consumed: Number(item.consumed ?? 0),
      lastConsumed,
      ...(typeof item.lastConsumedAt === 'string' ? { lastConsumedAt: item.lastConsumedAt } : {}),
    };
  }

  /**
   * Without a subscriber this scans the table for leaving items: the ledger does not know the
   * subscribers (the catalog does), the table has no index by item kind, and only the operator's
   * audit and the compliance report ask, a few times a day, over a table of modest size.
   */
  async *leaving(subscriber?: string): AsyncIterable<readonly LeavingDelivery[]> {
    const pages =
      subscriber === undefined
        ? this.scanLeaving()
        : queryPages(this.doc, {
            TableName: this.table,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :leaving)',
            ExpressionAttributeValues: { ':pk': this.subscriberKey(subscriber), ':leaving': 'leaving#' },
            ConsistentRead: true,
          });
    for await (const items of pages) if (items.length > 0) yield items.map(leavingOf);
  }

  private async *scanLeaving(): AsyncGenerator<Record<string, unknown>[]> {
    const input = {
      TableName: this.table,
      FilterExpression: 'begins_with(pk, :sub) AND begins_with(sk, :leaving)',
      ExpressionAttributeValues: { ':sub': this.subscriberKey(''), ':leaving': 'leaving#' },
    };
    for await (const page of paginateScan({ client: this.doc }, input)) yield page.Items ?? [];
  }

  /**
   * The receipt item and the consumed count change in one transaction, so a receipt counts
   * once. What follows (highest sequence, leaving item) is idempotent and marked done on the
   * receipt: a receipt repeated after a crash in between finishes it with the first values.
   */
  private async recordReceipt(receipt: FeedReceipt): Promise<void> {
    const pk = this.subscriberKey(receipt.subscriber);
    const key = { pk, sk: `receipt#${receipt.feed}#${receipt.eventId}` };
    let first: FeedReceipt | undefined = receipt;
    if (!(await this.logReceipt(receipt))) {
      const stored = (await this.doc.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }))).Item;
      first = stored && stored.settled !== true ? receiptOf(stored) : undefined;
    }
    if (!first) return;
    const { feed, sequence, consumedAt, deliveredAt, eventId } = first;
    await Promise.all([
      this.update(
        {
          Key: { pk, sk: 'counts' },
          UpdateExpression: 'SET #last = :sequence',
          ConditionExpression: 'attribute_not_exists(#last) OR #last < :sequence',
          ExpressionAttributeNames: { '#last': lastConsumedAttribute(feed) },
          ExpressionAttributeValues: { ':sequence': sequence },
        },
        true,
      ),
      this.update(
        {
          Key: { pk, sk: 'counts' },
          UpdateExpression: 'SET #at = :at',
          ConditionExpression: 'attribute_not_exists(#at) OR #at < :at',
          ExpressionAttributeNames: { '#at': 'lastConsumedAt' },
          ExpressionAttributeValues: { ':at': consumedAt },
        },
        true,
      ),
      this.update(
        {
          Key: { pk, sk: `leaving#${feed}#${eventId}` },
          UpdateExpression: deliveredAt ? 'SET #consumed = :consumed, #delivered = :delivered' : 'SET #consumed = :consumed',
          // Only a leaving event that was sent, and only its first acknowledgement.
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#consumed)',
          ExpressionAttributeNames: { '#consumed': 'consumedAt', ...(deliveredAt ? { '#delivered': 'deliveredAt' } : {}) },
          ExpressionAttributeValues: { ':consumed': consumedAt, ...(deliveredAt ? { ':delivered': deliveredAt } : {}) },
        },
        true,
      ),
    ]);
    await this.update({
      Key: key,
      UpdateExpression: 'SET #settled = :yes',
      ExpressionAttributeNames: { '#settled': 'settled' },
      ExpressionAttributeValues: { ':yes': true },
    });
  }

  /** Puts the receipt and counts it, unless it is there already (false). Retries when another transaction held the counts item. */
  private async logReceipt(receipt: FeedReceipt): Promise<boolean> {
    const pk = this.subscriberKey(receipt.subscriber);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.table,
                  Item: { ...receipt, pk, sk: `receipt#${receipt.feed}#${receipt.eventId}`, settled: false },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: this.table,
                  Key: { pk, sk: 'counts' },
                  UpdateExpression: 'ADD #consumed :one',
                  ExpressionAttributeNames: { '#consumed': 'consumed' },
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        const reasons = canceledReasons(error);
        if (reasons[0] === 'ConditionalCheckFailed') return false;
        const conflict = reasons.includes('TransactionConflict') || (error as { name?: string }).name === 'TransactionConflictException';
        if (!conflict || attempt >= MAX_BATCH_ATTEMPTS) throw error;
        await pause(backoffDelayMs(attempt));
      }
    }
  }

  /** An UpdateItem on this table; with `conditional`, a failed condition means there was nothing to change. */
  private async update(input: Omit<UpdateCommandInput, 'TableName'>, conditional = false): Promise<void> {
    try {
      await this.doc.send(new UpdateCommand({ TableName: this.table, ...input }));
    } catch (error) {
      if (!conditional || !isConditionFailure(error)) throw error;
    }
  }
}

function leavingOf(item: Record<string, unknown>): LeavingDelivery {
  const { pk: _pk, sk: _sk, ...delivery } = item;
  return delivery as unknown as LeavingDelivery;
}

function receiptOf(item: Record<string, unknown>): FeedReceipt {
  const { pk: _pk, sk: _sk, settled: _settled, ...receipt } = item;
  return receipt as unknown as FeedReceipt;
}
