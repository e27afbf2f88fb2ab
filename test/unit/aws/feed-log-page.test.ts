import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { chainedPages, MAX_PAGE_BYTES, pageEntries, pageTip, sequenceKey, type NewPage } from '../../../src/aws/feed-log-page.js';
import { genesisHash, headHash } from '../../../src/feeds/canonical.js';
import { emptyTip } from '../../../src/feeds/chain.js';
import type { FeedLogEntry } from '../../../src/feeds/event.js';
import { decisionEvent } from '../../support/feed-log-events.js';

const FEED = 'enforcement';
const events = (n: number, from = 0) => Array.from({ length: n }, (_, i) => decisionEvent(`3306${(from + i).toString(16).padStart(12, '0')}`));
const stored = (page: NewPage) => ({ pk: 'feed#enforcement', sk: sequenceKey(page.first), ...page.attributes });

function expectChain(entries: readonly FeedLogEntry[]): void {
  expect(entries.map((e) => Number(e.head.sequence))).toEqual(entries.map((_, i) => i + 1));
  let previous = genesisHash(FEED);
  for (const entry of entries) {
    expect(entry.head.prevhash).toBe(previous);
    previous = headHash(entry.head);
  }
}

describe('feed log pages', () => {
  it('logs 250 events as pages of 100, 100 and 50, one chain across them, each read back as written', () => {
    const pages = chainedPages(FEED, emptyTip(FEED), events(250));
    expect(pages.map((p) => [p.first, p.attributes.count])).toEqual([
      [1, 100],
      [101, 100],
      [201, 50],
    ]);
    expectChain(pages.flatMap((p) => p.entries));
    for (const page of pages) {
      expect(pageEntries(FEED, stored(page))).toEqual(page.entries);
      expect(pageTip(stored(page))).toEqual(page.tip);
    }
  });

  it('keeps a page of 98 decisions within 8 KB (each near 700 bytes of JSON): a fraction of a write unit per event', () => {
    const [page] = chainedPages(FEED, emptyTip(FEED), events(98));
    const json = JSON.stringify(page!.entries).length;
    expect(json).toBeGreaterThan(98 * 600);
    expect(page!.attributes.events.byteLength).toBeLessThan(8 * 1024);
  });

  it('refuses a page whose entries do not chain to the hash it records', () => {
    const [page] = chainedPages(FEED, emptyTip(FEED), events(3));
    const other = chainedPages(FEED, emptyTip(FEED), events(3, 1000))[0]!;
    expect(() => pageEntries(FEED, { ...stored(page!), hash: other.attributes.hash })).toThrow(/chain to/);
    expect(() => pageEntries(FEED, { ...stored(page!), events: other.attributes.events })).toThrow(/chain to/);
  });

  it('halves a page until its blob is within the bound when entries are large', () => {
    const big = events(40).map((e) => ({ ...e, head: { ...e.head, subject: randomBytes(6000).toString('base64') } }));
    const pages = chainedPages(FEED, emptyTip(FEED), big);
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page.attributes.events.byteLength).toBeLessThanOrEqual(MAX_PAGE_BYTES);
    expect(pages.reduce((n, p) => n + p.attributes.count, 0)).toBe(40);
    expectChain(pages.flatMap((p) => pageEntries(FEED, stored(p))));
  });

  it('reads an entry item written before pages as a page of one, and chains the next page after it', () => {
    const [old] = chainedPages(FEED, emptyTip(FEED), events(1))[0]!.entries;
    const legacy = { pk: 'feed#enforcement', sk: sequenceKey(1), head: old!.head, change: old!.change };
    expect(pageEntries(FEED, legacy)).toEqual([old]);
    expect(pageTip(legacy)).toEqual({ sequence: 1, hash: headHash(old!.head) });
    const [next] = chainedPages(FEED, pageTip(legacy), events(2, 1));
    expectChain([old!, ...pageEntries(FEED, stored(next!))]);
  });
});
