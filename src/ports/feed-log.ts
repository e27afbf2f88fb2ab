import type { FeedChangeRef, FeedEventHead, FeedLogEntry } from '../feeds/event.js';
import type { FeedId } from '../feeds/feeds.js';

/** A head before the log gives it its place: everything but `sequence` and `prevhash`. */
export type UnsequencedHead = Omit<FeedEventHead, 'sequence' | 'prevhash'>;

/**
 * Each feed's ordered, hash-chained log of event heads: the one place a sequence number is
 * given, so it is gapless under concurrent appenders, and the history replays read.
 */
export interface FeedLog {
  /**
   * Gives each new event the next sequence of its feed and links it into the chain, atomically
   * (concurrent appenders never share or skip a number). An event whose id is already logged is
   * not appended again: its logged entry comes back, so a redelivered batch keeps its numbers.
   * Entries come back in the order given.
   */
  append(feed: FeedId, events: readonly { readonly head: UnsequencedHead; readonly change: FeedChangeRef }[]): Promise<FeedLogEntry[]>;
  /** Entries with a sequence above `after`, in order, page by page. */
  read(feed: FeedId, options: { readonly after: number; readonly limit?: number }): AsyncIterable<readonly FeedLogEntry[]>;
  /** The last sequence given (0 for an empty feed). */
  lastSequence(feed: FeedId): Promise<number>;
}
