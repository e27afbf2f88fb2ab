import type { FeedChangeRef, FeedEventHead, FeedLogEntry } from '../feeds/event.js';
import type { FeedId } from '../feeds/feeds.js';

/** A head before the log gives it its place: everything but `sequence` and `prevhash`. */
export type UnsequencedHead = Omit<FeedEventHead, 'sequence' | 'prevhash'>;

/**
 * How far back an append looks for ids already logged: the feed's newest entries until they
 * number `events`, or its newest `pages` (an append logs its events in pages of up to 100) if
 * those hold fewer.
 */
export interface FeedDedupeWindow {
  readonly events: number;
  readonly pages: number;
}

/**
 * The window by default: a redelivered batch (a stream batch retried after its fan-out failed)
 * comes back within seconds to minutes, behind at most a few hundred events of other batches.
 * Every append reads it (a Query billed by the bytes it reads): 500 events in full pages are
 * about 26 KB, 7 read units; 16 pages bound what a log of one-event appends costs to read.
 */
export const FEED_DEDUPE_WINDOW: FeedDedupeWindow = { events: 500, pages: 16 };

/**
 * Each feed's ordered, hash-chained log of event heads: the one place a sequence number is
 * given, so it is gapless under concurrent appenders, and the history replays read.
 */
export interface FeedLog {
  /**
   * Gives each new event the next sequence of its feed and links it into the chain, atomically
   * (concurrent appenders never share or skip a number). Entries come back in the order given.
   *
   * Dedupe by id, within a window: an event whose id is among the feed's newest entries when the
   * append reads them (FEED_DEDUPE_WINDOW: the last 500, or the last 16 pages if they hold fewer)
   * is not appended again: its logged entry comes back, so a redelivered batch keeps its numbers.
   * An id given twice in one append is logged once. An id logged before the window is logged
   * again under a new sequence and goes out again under its id: the subscriber edge drops it by
   * id (the reference subscriber keeps the last 100,000 ids it handled, src/subscriber/dedupe.ts)
   * and counts its sequence as received, so it is no gap.
   */
  append(feed: FeedId, events: readonly { readonly head: UnsequencedHead; readonly change: FeedChangeRef }[]): Promise<FeedLogEntry[]>;
  /** Entries with a sequence above `after`, in order, in pages of at most `limit` entries. */
  read(feed: FeedId, options: { readonly after: number; readonly limit?: number }): AsyncIterable<readonly FeedLogEntry[]>;
  /** The last sequence given (0 for an empty feed). */
  lastSequence(feed: FeedId): Promise<number>;
}
