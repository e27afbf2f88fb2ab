import { chainHeads, emptyTip, type ChainTip } from '../../src/feeds/chain.js';
import type { FeedLogEntry } from '../../src/feeds/event.js';
import { generateFeedKeySet, publicSetOf, type PrivateKeySet } from '../../src/feeds/feed-keys.js';
import type { FanoutDeps } from '../../src/feeds/fanout.js';
import type { FeedId } from '../../src/feeds/feeds.js';
import { JwkFeedSigner } from '../../src/feeds/signature.js';
import type { SubscriberConfig } from '../../src/generated/subscriber.types.js';
import type { DeliveryCounts, DeliveryLedger, FeedLog, FeedMessage, FeedReceipt, LeavingDelivery } from '../../src/ports/index.js';

/** A feed log in memory, with the adapter's contract: gapless, chained, idempotent per event id. */
export class MemoryFeedLog implements FeedLog {
  readonly entries = new Map<FeedId, FeedLogEntry[]>();
  private readonly tips = new Map<FeedId, ChainTip>();

  async append(feed: FeedId, events: Parameters<FeedLog['append']>[1]): Promise<FeedLogEntry[]> {
    const log = this.entries.get(feed) ?? [];
    const byId = new Map(log.map((e) => [e.head.id, e]));
    const fresh = events.filter((e) => !byId.has(e.head.id) && events.findIndex((o) => o.head.id === e.head.id) === events.indexOf(e));
    const { heads, tip } = chainHeads(
      this.tips.get(feed) ?? emptyTip(feed),
      fresh.map((e) => e.head),
    );
    heads.forEach((head, i) => {
      const entry = { feed, head, change: fresh[i]!.change };
      log.push(entry);
      byId.set(head.id, entry);
    });
    this.entries.set(feed, log);
    this.tips.set(feed, tip);
    return events.map((e) => byId.get(e.head.id)!);
  }

  async *read(feed: FeedId, options: { readonly after: number; readonly limit?: number }): AsyncIterable<readonly FeedLogEntry[]> {
    const rest = (this.entries.get(feed) ?? []).filter((e) => Number(e.head.sequence) > options.after);
    const size = options.limit ?? 100;
    for (let i = 0; i < rest.length; i += size) yield rest.slice(i, i + size);
  }

  async lastSequence(feed: FeedId): Promise<number> {
    return this.tips.get(feed)?.sequence ?? 0;
  }
}

/** A delivery ledger in memory. */
export class MemoryDeliveryLedger implements DeliveryLedger {
  readonly sent = new Map<string, number>();
  readonly leavingBySubscriber = new Map<string, LeavingDelivery>();
  readonly receipts = new Map<string, FeedReceipt>();

  async recordSent(sent: readonly { subscriber: string; count: number }[], leaving: readonly LeavingDelivery[]): Promise<void> {
    for (const s of sent) this.sent.set(s.subscriber, (this.sent.get(s.subscriber) ?? 0) + s.count);
    for (const l of leaving)
      if (!this.leavingBySubscriber.has(`${l.subscriber}\n${l.feed}\n${l.eventId}`))
        this.leavingBySubscriber.set(`${l.subscriber}\n${l.feed}\n${l.eventId}`, l);
  }

  async recordReceipts(receipts: readonly FeedReceipt[]): Promise<void> {
    for (const r of receipts) {
      const key = `${r.subscriber}\n${r.feed}\n${r.eventId}`;
      if (this.receipts.has(key)) continue;
      this.receipts.set(key, r);
      const leaving = this.leavingBySubscriber.get(key);
      if (leaving) this.leavingBySubscriber.set(key, { ...leaving, consumedAt: r.consumedAt, ...(r.deliveredAt ? { deliveredAt: r.deliveredAt } : {}) });
    }
  }

  async counts(subscriber: string): Promise<DeliveryCounts> {
    const mine = [...this.receipts.values()].filter((r) => r.subscriber === subscriber);
    const lastConsumed: Partial<Record<FeedId, number>> = {};
    for (const r of mine) lastConsumed[r.feed] = Math.max(lastConsumed[r.feed] ?? 0, r.sequence);
    const lastConsumedAt = mine
      .map((r) => r.consumedAt)
      .sort()
      .at(-1);
    return { subscriber, sent: this.sent.get(subscriber) ?? 0, consumed: mine.length, lastConsumed, ...(lastConsumedAt ? { lastConsumedAt } : {}) };
  }

  async *leaving(subscriber?: string): AsyncIterable<readonly LeavingDelivery[]> {
    yield [...this.leavingBySubscriber.values()].filter((l) => subscriber === undefined || l.subscriber === subscriber);
  }
}

/** Fan-out dependencies in memory: what each feed's topic was sent is in `published`. */
export async function memoryFeeds(subscribers: readonly SubscriberConfig[], now: () => Date = () => new Date('2026-11-27T01:00:00Z')) {
  const keys: PrivateKeySet = await generateFeedKeySet();
  const published = new Map<FeedId, FeedMessage[]>();
  const log = new MemoryFeedLog();
  const deliveries = new MemoryDeliveryLedger();
  const deps: FanoutDeps = {
    log,
    signer: new JwkFeedSigner(async () => keys),
    publisher: (feed) => ({
      publish: async (messages) => void published.set(feed, [...(published.get(feed) ?? []), ...messages]),
    }),
    subscribers,
    deliveries,
    now,
  };
  return { deps, published, log, deliveries, keys, jwks: await publicSetOf(keys, 'test keys') };
}

/** A subscriber configuration with defaults; override what the test is about. */
export const subscriber = (over: Partial<SubscriberConfig> & Pick<SubscriberConfig, 'id'>): SubscriberConfig => ({
  partner: 'test-partner',
  name: '测试合作方',
  feeds: ['gazette', 'enforcement', 'yrd'],
  view: 'public',
  ordering: 'per-record',
  contact: { name: '值班', email: 'ops@example.org' },
  ...over,
});
