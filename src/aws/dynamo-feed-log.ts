import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { chainHeads, emptyTip, type ChainTip } from '../feeds/chain.js';
import type { FeedChangeRef, FeedEventHead, FeedLogEntry } from '../feeds/event.js';
import type { FeedId } from '../feeds/feeds.js';
import type { FeedLog, UnsequencedHead } from '../ports/feed-log.js';
import { batchGetItems } from './dynamo-batch.js';
import { queryPages } from './dynamo-query.js';
import { backoffDelayMs, pause } from './retry.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type NewEvent = { readonly head: UnsequencedHead; readonly change: FeedChangeRef };

/** TransactWriteItems takes at most 100 actions: the tip update and, per event, its entry and its id. */
const EVENTS_PER_TRANSACTION = 49;
/** Attempts in a row that make no progress (another appender moved the tip each time) before append gives up. */
export const MAX_APPEND_CONFLICTS = 8;
const SEQUENCE_DIGITS = 12;
const DEFAULT_PAGE = 100;

/** Cancellation reasons a re-read fixes: the tip moved, an id got logged, another transaction held an item, throttling. */
const RETRYABLE_REASONS = new Set(['ConditionalCheckFailed', 'TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded', 'None']);

/** Concurrent appenders kept moving the tip: the append did not complete (what it did log stays logged, with its numbers). */
export class FeedAppendConflictError extends Error {
  override readonly name = 'FeedAppendConflictError';
}

export const sequenceKey = (sequence: number): string => `seq#${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;

function isRetryableConflict(error: unknown): boolean {
  const { name, CancellationReasons } = error as { name?: string; CancellationReasons?: { Code?: string }[] };
  if (name === 'TransactionConflictException') return true;
  if (name !== 'TransactionCanceledException') return false;
  return (CancellationReasons ?? []).every((r) => RETRYABLE_REASONS.has(r.Code ?? 'None'));
}

/**
 * The feed log in the `feeds` table (see the port for the contract). Per feed, one partition
 * `feed#<feed>` holds the chain tip (`sk=tip`) and the entries (`sk=seq#<12 digits>`), and
 * `feed#<feed>#id` maps each logged event id to its sequence. A transaction moves the tip only
 * from the sequence it was read at, and puts ids only where none is: two appenders never share
 * or skip a number, and an id is logged once.
 */
export class DynamoFeedLog implements FeedLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    /** Put before every partition key: tests share a table without seeing each other's feeds. */
    private readonly options: { readonly keyPrefix?: string } = {},
  ) {}

  /** Where this log's last append left each feed's tip: only a guess (another appender may have moved it), checked by the append's condition. */
  private readonly tips = new Map<FeedId, ChainTip>();

  private feedKey = (feed: FeedId): string => `${this.options.keyPrefix ?? ''}feed#${feed}`;
  private idKey = (feed: FeedId): string => `${this.feedKey(feed)}#id`;

  /**
   * The first attempt assumes what the usual batch is: new ids, and the tip where this log's last
   * append left it. It writes without reading; an id logged before or a tip another appender
   * moved fails its transaction's condition, and the attempts after it read both first.
   */
  async append(feed: FeedId, events: readonly NewEvent[]): Promise<FeedLogEntry[]> {
    const seen = new Set<string>();
    // An id given twice in one batch is logged once, at its first place.
    const unique = events.filter((e) => !seen.has(e.head.id) && seen.add(e.head.id));
    const logged = new Map<string, FeedLogEntry>();
    for (let conflicts = 0, attempt = 0; ; attempt++) {
      const before = logged.size;
      const pending = unique.filter((e) => !logged.has(e.head.id));
      if (attempt > 0) for (const entry of await this.loggedEntries(feed, pending)) logged.set(entry.head.id, entry);
      const fresh = pending.filter((e) => !logged.has(e.head.id));
      if (fresh.length === 0) break;
      try {
        let tip = (attempt === 0 ? this.tips.get(feed) : undefined) ?? (await this.tip(feed));
        for (let start = 0; start < fresh.length; start += EVENTS_PER_TRANSACTION) {
          const chunk = fresh.slice(start, start + EVENTS_PER_TRANSACTION);
          const chained = chainHeads(
            tip,
            chunk.map((e) => e.head),
          );
          const entries = chained.heads.map((head, i) => ({ feed, head, change: chunk[i]!.change }));
          await this.doc.send(new TransactWriteCommand({ TransactItems: this.writes(feed, tip, chained.tip, entries) }));
          for (const entry of entries) logged.set(entry.head.id, entry);
          tip = chained.tip;
          this.tips.set(feed, tip);
        }
        break;
      } catch (error) {
        this.tips.delete(feed);
        if (!isRetryableConflict(error)) throw error;
        // A guess that did not hold is no contention: the next attempt reads, at once.
        if (attempt === 0) continue;
        // Progress (a chunk of ours, or ids another appender logged for us) resets the count.
        conflicts = logged.size > before ? 1 : conflicts + 1;
        if (conflicts >= MAX_APPEND_CONFLICTS)
          throw new FeedAppendConflictError(
            `feed ${feed} (table ${this.table}): the chain tip moved under ${conflicts} append attempts in a row; ${fresh.length - (logged.size - before)} event(s) not logged, retry the append`,
          );
        await pause(backoffDelayMs(conflicts));
      }
    }
    return events.map((e) => logged.get(e.head.id)!);
  }

  async *read(feed: FeedId, options: { readonly after: number; readonly limit?: number }): AsyncIterable<readonly FeedLogEntry[]> {
    const pages = queryPages(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': this.feedKey(feed), ':from': sequenceKey(options.after + 1), ':to': sequenceKey(10 ** SEQUENCE_DIGITS - 1) },
      ConsistentRead: true,
      Limit: options.limit ?? DEFAULT_PAGE,
    });
    for await (const items of pages) if (items.length > 0) yield items.map((item) => entryOf(feed, item));
  }

  async lastSequence(feed: FeedId): Promise<number> {
    return (await this.tip(feed)).sequence;
  }

  private async tip(feed: FeedId): Promise<ChainTip> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: this.feedKey(feed), sk: 'tip' }, ConsistentRead: true }));
    return out.Item ? { sequence: Number(out.Item.sequence), hash: String(out.Item.hash) } : emptyTip(feed);
  }

  /** The entries already logged for these events' ids (read consistently: an id item is written with its entry). */
  private async loggedEntries(feed: FeedId, events: readonly NewEvent[]): Promise<FeedLogEntry[]> {
    if (events.length === 0) return [];
    const ids = await batchGetItems(
      this.doc,
      this.table,
      events.map((e) => ({ pk: this.idKey(feed), sk: e.head.id })),
      { consistentRead: true },
    );
    if (ids.length === 0) return [];
    const entries = await batchGetItems(
      this.doc,
      this.table,
      ids.map((i) => ({ pk: this.feedKey(feed), sk: sequenceKey(Number(i.sequence)) })),
      { consistentRead: true },
    );
    return entries.map((item) => entryOf(feed, item));
  }

  private writes(feed: FeedId, from: ChainTip, to: ChainTip, entries: readonly FeedLogEntry[]): TransactItem[] {
    const tip: TransactItem = {
      Update: {
        TableName: this.table,
        Key: { pk: this.feedKey(feed), sk: 'tip' },
        UpdateExpression: 'SET #sequence = :next, #hash = :hash',
        ConditionExpression: from.sequence === 0 ? 'attribute_not_exists(pk)' : '#sequence = :expected',
        ExpressionAttributeNames: { '#sequence': 'sequence', '#hash': 'hash' },
        ExpressionAttributeValues: { ':next': to.sequence, ':hash': to.hash, ...(from.sequence === 0 ? {} : { ':expected': from.sequence }) },
      },
    };
    const puts = entries.flatMap((entry): TransactItem[] => [
      {
        Put: {
          TableName: this.table,
          Item: { pk: this.feedKey(feed), sk: sequenceKey(Number(entry.head.sequence)), head: entry.head, change: entry.change },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { pk: this.idKey(feed), sk: entry.head.id, sequence: Number(entry.head.sequence) },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
    return [tip, ...puts];
  }
}

const entryOf = (feed: FeedId, item: Record<string, unknown>): FeedLogEntry => ({
  feed,
  head: item.head as FeedEventHead,
  change: item.change as FeedChangeRef,
});
