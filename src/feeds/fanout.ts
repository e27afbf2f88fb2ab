import type { SubscriberConfig } from '../generated/subscriber.types.js';
import type { DeliveryLedger, FeedLog, FeedMessage, FeedPublisher, FeedSigner, LeavingDelivery } from '../ports/index.js';
import type { FeedChange, FeedLogEntry } from './event.js';
import { attributesOf, eventData, feedMessage, signedEvent } from './event-message.js';
import { dataSchemaUri, eventSource, eventType, FEED_VIEWS, type FeedId, type FeedView } from './feeds.js';
import { matchesFilter } from './subscriber-filter.js';

export interface FanoutDeps {
  readonly log: FeedLog;
  readonly signer: FeedSigner;
  /** The topic of a feed. */
  readonly publisher: (feed: FeedId) => FeedPublisher;
  readonly subscribers: readonly SubscriberConfig[];
  readonly deliveries: DeliveryLedger;
  readonly now: () => Date;
}

export interface FanoutOutcome {
  /** Events newly logged or logged before (a redelivery), per feed. */
  readonly events: number;
  /** Messages published (an event goes out once per view its subscribers hold). */
  readonly messages: number;
}

const headOf = (change: FeedChange) => ({
  specversion: '1.0' as const,
  id: change.id,
  source: eventSource(change.feed),
  type: eventType(change.feed, change.entity, change.action),
  subject: change.version.recordId,
  time: change.time,
  datacontenttype: 'application/json' as const,
  dataschema: dataSchemaUri(change.feed, change.entity),
});

const refOf = (change: FeedChange) => ({
  recordType: change.version.recordType,
  recordId: change.version.recordId,
  version: change.version.version,
  contentHash: change.version.contentHash,
  entity: change.entity,
  action: change.action,
  carriesRecord: change.carriesRecord,
  district: change.district,
  ...(change.reason ? { reason: change.reason } : {}),
  ...(change.publicUntil ? { publicUntil: change.publicUntil } : {}),
  ...(change.deadline ? { deadline: change.deadline } : {}),
});

/** The views a feed's subscribers hold: each event is rendered, signed and published once per view. */
const viewsOf = (feed: FeedId, subscribers: readonly SubscriberConfig[]): FeedView[] =>
  FEED_VIEWS.filter((view) => subscribers.some((s) => s.view === view && s.feeds.includes(feed)));

/**
 * Announces changes: logs them per feed (sequence, hash chain), renders each once per view its
 * subscribers hold, signs and publishes it to the feed's topic (whose filter policies pick each
 * subscriber's messages), then counts what each subscriber was sent and records every leaving
 * event with its deadline. A redelivered batch logs nothing new and publishes the same ids.
 */
export async function fanOut(changes: readonly FeedChange[], deps: FanoutDeps): Promise<FanoutOutcome> {
  const byFeed = new Map<FeedId, FeedChange[]>();
  for (const change of changes) byFeed.set(change.feed, [...(byFeed.get(change.feed) ?? []), change]);
  // Feeds are independent logs and topics: they go out side by side.
  const settled = await Promise.allSettled([...byFeed].map(([feed, list]) => fanOutFeed(feed, list, deps)));
  const done = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  // What went out on the feeds that published is recorded even when another feed failed; once for the batch.
  await recordDeliveries(
    done.map((d) => d.sent),
    deps,
  );
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return { events: done.reduce((n, o) => n + o.events, 0), messages: done.reduce((n, o) => n + o.messages, 0) };
}

/** Events logged, signed and published at a time: two of the feed log's transactions (49 events each). */
export const FANOUT_CHUNK = 98;

/**
 * One feed's changes: logged, rendered per view, signed, published (the caller records their deliveries).
 * Chunk by chunk, as a pipeline: while one chunk is published the next is logged and signed, so
 * the first events reach their queues before the last are logged. A chunk is published only once
 * the one before it was, so a record's events keep their order across chunks; after a failed
 * publish nothing later goes out (the batch is retried whole, the log keeps its sequences).
 */
async function fanOutFeed(feed: FeedId, list: readonly FeedChange[], deps: FanoutDeps): Promise<FanoutOutcome & { readonly sent: FeedSent }> {
  const views = viewsOf(feed, deps.subscribers);
  const logged: FeedLogEntry[] = [];
  let messages = 0;
  let publishing: Promise<void> = Promise.resolve();
  for (let start = 0; start < list.length; start += FANOUT_CHUNK) {
    const chunk = list.slice(start, start + FANOUT_CHUNK);
    const entries = await deps.log.append(
      feed,
      chunk.map((change) => ({ head: headOf(change), change: refOf(change) })),
    );
    const out: FeedMessage[] = [];
    for (const [i, entry] of entries.entries()) {
      for (const view of views) out.push(feedMessage(await signedEvent(entry, eventData(entry, chunk[i]!.version, view), deps.signer), entry, view));
    }
    publishing = publishing.then(() => deps.publisher(feed).publish(out));
    // Awaited below; until then a rejection must not count as unhandled.
    publishing.catch(() => undefined);
    logged.push(...entries);
    messages += out.length;
  }
  await publishing;
  return { events: logged.length, messages, sent: { feed, entries: logged } };
}

/** The entries one feed published. */
interface FeedSent {
  readonly feed: FeedId;
  readonly entries: readonly FeedLogEntry[];
}

/** What each subscriber was sent on the feeds that published: counts, and each leaving event with its deadline. */
async function recordDeliveries(feeds: readonly FeedSent[], deps: FanoutDeps): Promise<void> {
  const sentAt = deps.now().toISOString();
  const counts = new Map<string, number>();
  const leaving: LeavingDelivery[] = [];
  for (const { feed, entries } of feeds) {
    for (const subscriber of deps.subscribers.filter((s) => s.feeds.includes(feed))) {
      const matched = entries.filter((entry) => matchesFilter(subscriber, attributesOf(entry, subscriber.view)));
      if (matched.length === 0) continue;
      counts.set(subscriber.id, (counts.get(subscriber.id) ?? 0) + matched.length);
      for (const entry of matched) {
        if (!entry.change.deadline) continue;
        leaving.push({
          subscriber: subscriber.id,
          feed,
          eventId: entry.head.id,
          sequence: Number(entry.head.sequence),
          type: entry.head.type,
          recordType: entry.change.recordType,
          recordId: entry.change.recordId,
          deadline: entry.change.deadline,
          sentAt,
        });
      }
    }
  }
  if (counts.size > 0)
    await deps.deliveries.recordSent(
      [...counts].map(([subscriber, count]) => ({ subscriber, count })),
      leaving,
    );
}
