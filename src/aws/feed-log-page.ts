import { headHash } from '../feeds/canonical.js';
import { chainHeads, type ChainTip } from '../feeds/chain.js';
import type { FeedChangeRef, FeedEventHead, FeedLogEntry } from '../feeds/event.js';
import type { FeedId } from '../feeds/feeds.js';
import type { UnsequencedHead } from '../ports/feed-log.js';
import { decodeValue, encodeValue } from '../ssot/item-codec.js';

/**
 * A page of the feed log: the entries one append logged together, in one item of the feed's
 * partition (DynamoDB bills a write by the started KB, so 98 events compressed into one item cost
 * a few units where one item each cost 98):
 *   sk      seq#<the first entry's sequence, 12 digits>
 *   count   how many entries (sequences first … first + count − 1)
 *   hash    the chain's hash after the last entry: the tip the page leaves
 *   events  { prevhash, events: [{ head, change }] } as a compressed blob (ssot/item-codec.ts),
 *           heads without sequence and prevhash: chained again from the page's first sequence and
 *           prevhash (feeds/chain.ts) they come back as logged, and `hash` checks that they do
 * Items written before pages (one entry, `head` and `change` plain) read as pages of one.
 */

export type NewEvent = { readonly head: UnsequencedHead; readonly change: FeedChangeRef };

/** Entries per page: a fan-out chunk (98) fits one. */
export const PAGE_ENTRIES = 100;
/** A page's blob is halved until it is at most this: far below DynamoDB's 400 KB item limit whatever an entry holds. */
export const MAX_PAGE_BYTES = 64 * 1024;
const SEQUENCE_DIGITS = 12;
export const LAST_SEQUENCE = 10 ** SEQUENCE_DIGITS - 1;

export const sequenceKey = (sequence: number): string => `seq#${String(sequence).padStart(SEQUENCE_DIGITS, '0')}`;
export const sequenceOfKey = (sk: unknown): number => Number(String(sk).slice('seq#'.length));

type Item = Readonly<Record<string, unknown>>;

interface StoredPage {
  readonly prevhash: string;
  readonly events: readonly NewEvent[];
}

/** A page to write: its first sequence, the attributes beside the key, what it logs and the tip it leaves. */
export interface NewPage {
  readonly first: number;
  readonly attributes: { readonly count: number; readonly hash: string; readonly events: Buffer };
  readonly entries: readonly FeedLogEntry[];
  readonly tip: ChainTip;
}

function pageFrom(feed: FeedId, tip: ChainTip, events: readonly NewEvent[]): NewPage {
  const chained = chainHeads(
    tip,
    events.map((e) => e.head),
  );
  const stored: StoredPage = { prevhash: tip.hash, events: events.map((e) => ({ head: e.head, change: e.change })) };
  return {
    first: tip.sequence + 1,
    attributes: { count: events.length, hash: chained.tip.hash, events: encodeValue(stored) },
    entries: chained.heads.map((head, i) => ({ feed, head, change: events[i]!.change })),
    tip: chained.tip,
  };
}

/** New events as the pages that log them after `tip`, in order, each chained from the one before. Pure. */
export function chainedPages(feed: FeedId, tip: ChainTip, events: readonly NewEvent[]): NewPage[] {
  const pages: NewPage[] = [];
  let rest = events;
  while (rest.length > 0) {
    let size = Math.min(PAGE_ENTRIES, rest.length);
    let page = pageFrom(feed, tip, rest.slice(0, size));
    while (page.attributes.events.byteLength > MAX_PAGE_BYTES && size > 1) {
      size = Math.ceil(size / 2);
      page = pageFrom(feed, tip, rest.slice(0, size));
    }
    pages.push(page);
    tip = page.tip;
    rest = rest.slice(size);
  }
  return pages;
}

const isLegacyEntry = (item: Item): boolean => item.head !== undefined;

/** Where a stored page leaves the chain, without unpacking it. */
export function pageTip(item: Item): ChainTip {
  if (isLegacyEntry(item)) {
    const head = item.head as FeedEventHead;
    return { sequence: Number(head.sequence), hash: headHash(head) };
  }
  return { sequence: sequenceOfKey(item.sk) + Number(item.count) - 1, hash: String(item.hash) };
}

/** A stored page's entries, in order; one whose heads do not chain to its recorded hash is refused. */
export function pageEntries(feed: FeedId, item: Item): FeedLogEntry[] {
  if (isLegacyEntry(item)) return [{ feed, head: item.head as FeedEventHead, change: item.change as FeedChangeRef }];
  const first = sequenceOfKey(item.sk);
  const what = `feed ${feed} page ${String(item.sk)}`;
  const stored = decodeValue(item.events, what) as StoredPage;
  const chained = chainHeads(
    { sequence: first - 1, hash: stored.prevhash },
    stored.events.map((e) => e.head),
  );
  const tip = pageTip(item);
  if (chained.tip.sequence !== tip.sequence || chained.tip.hash !== tip.hash)
    throw new Error(
      `${what}: its ${stored.events.length} entries chain to ${chained.tip.sequence}/${chained.tip.hash}, the page records ${tip.sequence}/${tip.hash}`,
    );
  return chained.heads.map((head, i) => ({ feed, head, change: stored.events[i]!.change }));
}
