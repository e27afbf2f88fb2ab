import { PutCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { emptyTip, type ChainTip } from '../feeds/chain.js';
import type { FeedLogEntry } from '../feeds/event.js';
import type { FeedId } from '../feeds/feeds.js';
import { FEED_DEDUPE_WINDOW, type FeedDedupeWindow, type FeedLog } from '../ports/feed-log.js';
import { queryPages } from './dynamo-query.js';
import { chainedPages, LAST_SEQUENCE, PAGE_ENTRIES, pageEntries, pageTip, sequenceKey, sequenceOfKey, type NewEvent } from './feed-log-page.js';
import { backoffDelayMs, pause } from './retry.js';

/** Attempts in a row that make no progress (another appender took the next sequence each time) before append gives up. */
export const MAX_APPEND_CONFLICTS = 8;
const DEFAULT_PAGE = 100;

/** Concurrent appenders kept taking the next sequence: the append did not complete (what it did log stays logged, with its numbers). */
export class FeedAppendConflictError extends Error {
  override readonly name = 'FeedAppendConflictError';
}

type StartKey = QueryCommandOutput['LastEvaluatedKey'];

/** The entries of a feed's newest pages (pages newest first, each page's entries in order), and where the newest page leaves the chain. */
interface Window {
  readonly tip: ChainTip;
  readonly entries: readonly FeedLogEntry[];
}

/**
 * The feed log in the `feeds` table (see the port for the contract). Per feed, one partition
 * `feed#<feed>` holds the log as pages (feed-log-page.ts): `sk=seq#<first sequence>`, one per
 * chunk of an append, so the pages' keys and counts partition 1 … last without gap or overlap.
 *
 * An append reads the newest pages (one consistent Query, newest first): the last page is the
 * tip, and their ids are the dedupe window. It puts the next page at `seq#<tip + 1>` only where
 * no item is. Pages are only ever added after the last, so that key is free exactly when nothing
 * was appended since the read: two appenders never share or skip a number, without a tip item
 * and without a transaction (which bills every write twice).
 */
export class DynamoFeedLog implements FeedLog {
  private readonly window: FeedDedupeWindow;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    /** keyPrefix: put before every partition key (tests share a table without seeing each other's feeds); dedupeWindow: the port's, by default. */
    options: { readonly keyPrefix?: string; readonly dedupeWindow?: FeedDedupeWindow } = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? '';
    this.window = options.dedupeWindow ?? FEED_DEDUPE_WINDOW;
  }

  private readonly keyPrefix: string;
  /** What the last window read of each feed found: how many pages the next should ask for. */
  private readonly entriesPerPage = new Map<FeedId, number>();
  private feedKey = (feed: FeedId): string => `${this.keyPrefix}feed#${feed}`;

  async append(feed: FeedId, events: readonly NewEvent[]): Promise<FeedLogEntry[]> {
    const seen = new Set<string>();
    // An id given twice in one batch is logged once, at its first place.
    const unique = events.filter((e) => !seen.has(e.head.id) && seen.add(e.head.id));
    const logged = new Map<string, FeedLogEntry>();
    if (unique.length === 0) return [];
    for (let conflicts = 0; ;) {
      const before = logged.size;
      const window = await this.newestPages(feed);
      // Oldest page first: an id logged twice (beyond an earlier window) comes back with its first sequence.
      for (const entry of [...window.entries].reverse()) if (seen.has(entry.head.id) && !logged.has(entry.head.id)) logged.set(entry.head.id, entry);
      const fresh = unique.filter((e) => !logged.has(e.head.id));
      if (fresh.length === 0) break;
      try {
        for (const page of chainedPages(feed, window.tip, fresh)) {
          await this.doc.send(
            new PutCommand({
              TableName: this.table,
              Item: { pk: this.feedKey(feed), sk: sequenceKey(page.first), ...page.attributes },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          for (const entry of page.entries) logged.set(entry.head.id, entry);
        }
        break;
      } catch (error) {
        // Anything but "the sequence is taken" is not ours to retry (the SDK already retried throttling).
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
        // Progress (a page of ours, or ids another appender logged for us) resets the count.
        conflicts = logged.size > before ? 1 : conflicts + 1;
        if (conflicts >= MAX_APPEND_CONFLICTS)
          throw new FeedAppendConflictError(
            `feed ${feed} (table ${this.table}): the next sequence was taken under ${conflicts} append attempts in a row; ${unique.length - logged.size} event(s) not logged, retry the append`,
          );
        await pause(backoffDelayMs(conflicts));
      }
    }
    return events.map((e) => logged.get(e.head.id)!);
  }

  async *read(feed: FeedId, options: { readonly after: number; readonly limit?: number }): AsyncIterable<readonly FeedLogEntry[]> {
    const limit = options.limit ?? DEFAULT_PAGE;
    // The page holding `after + 1` may begin before it: start at the last page beginning at or before it.
    const from = options.after === 0 ? 1 : ((await this.pageAtOrBefore(feed, options.after + 1)) ?? options.after + 1);
    const items = queryPages(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': this.feedKey(feed), ':from': sequenceKey(from), ':to': sequenceKey(LAST_SEQUENCE) },
      ConsistentRead: true,
      // Pages, not entries: enough for `limit` entries when the pages are full, and the first may be mostly at or before `after`.
      Limit: Math.ceil(limit / PAGE_ENTRIES) + 1,
    });
    let pending: FeedLogEntry[] = [];
    for await (const page of items) {
      for (const item of page) pending.push(...pageEntries(feed, item).filter((e) => Number(e.head.sequence) > options.after));
      for (; pending.length >= limit; pending = pending.slice(limit)) yield pending.slice(0, limit);
    }
    if (pending.length > 0) yield pending;
  }

  async lastSequence(feed: FeedId): Promise<number> {
    const newest = await this.newestItems(feed, { limit: 1 });
    return newest.items[0] ? pageTip(newest.items[0]).sequence : 0;
  }

  /** The first sequence of the last page that begins at or before `sequence`. */
  private async pageAtOrBefore(feed: FeedId, sequence: number): Promise<number | undefined> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': this.feedKey(feed), ':from': sequenceKey(1), ':to': sequenceKey(sequence) },
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: 1,
        ProjectionExpression: 'sk',
      }),
    );
    const found = out.Items?.[0];
    return found ? sequenceOfKey(found.sk) : undefined;
  }

  /**
   * The dedupe window: the newest pages, read consistently newest first until they hold the
   * window's events or reach its page count (or the log's start). Each Query asks for as many
   * pages as the entries per page seen last suggest are still needed: a Query is billed by the
   * size of what it reads, so reading far past the window would cost what the pages saved.
   */
  private async newestPages(feed: FeedId): Promise<Window> {
    const entries: FeedLogEntry[] = [];
    let tip: ChainTip | undefined;
    let pages = 0;
    let start: StartKey;
    do {
      const perPage = pages === 0 ? (this.entriesPerPage.get(feed) ?? PAGE_ENTRIES) : Math.max(1, entries.length / pages);
      const wanted = Math.min(this.window.pages - pages, Math.max(1, Math.ceil((this.window.events - entries.length) / perPage)));
      const out = await this.newestItems(feed, { limit: wanted, start });
      for (const item of out.items) {
        tip ??= pageTip(item);
        entries.push(...pageEntries(feed, item));
        pages += 1;
      }
      start = out.next;
    } while (start !== undefined && entries.length < this.window.events && pages < this.window.pages);
    if (pages > 0) this.entriesPerPage.set(feed, Math.max(1, entries.length / pages));
    return { tip: tip ?? emptyTip(feed), entries };
  }

  private async newestItems(
    feed: FeedId,
    options: { readonly limit: number; readonly start?: StartKey },
  ): Promise<{ items: Record<string, unknown>[]; next: StartKey }> {
    const out = await this.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': this.feedKey(feed), ':from': sequenceKey(1), ':to': sequenceKey(LAST_SEQUENCE) },
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: options.limit,
        ...(options.start ? { ExclusiveStartKey: options.start } : {}),
      }),
    );
    return { items: out.Items ?? [], next: out.LastEvaluatedKey };
  }
}
