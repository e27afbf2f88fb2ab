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

/** What one feed published: its first entries, in order, up to a failed publish. */
export interface FeedSent {
  readonly feed: FeedId;
  readonly entries: readonly FeedLogEntry[];
}

/** How far a fan-out got: per feed, what went out; and when a feed failed, why. */
export interface FanoutProgress {
  readonly sent: readonly FeedSent[];
  /** Messages published (an event goes out once per view its subscribers hold). */
  readonly messages: number;
  readonly failure?: { readonly feed: FeedId; readonly error: unknown };
}

/**
 * Announces changes: logs them per feed (sequence, hash chain), renders each once per view its
 * subscribers hold, signs and publishes it to the feed's topic (whose filter policies pick each
 * subscriber's messages), then counts what each subscriber was sent and records every leaving
 * event with its deadline. A redelivered batch logs nothing new and publishes the same ids.
 */
export async function fanOut(changes: readonly FeedChange[], deps: FanoutDeps): Promise<FanoutOutcome> {
  const progress = await fanOutProgress(changes, deps);
  // What went out is recorded even when a feed failed; once for the batch.
  await recordDeliveries(progress.sent, deps);
  if (progress.failure) throw progress.failure.error;
  return { events: progress.sent.reduce((n, s) => n + s.entries.length, 0), messages: progress.messages };
}

/**
 * Logs, signs and publishes as fanOut does, but reports how far each feed got instead of
 * failing, and records no deliveries: the caller knows which of the published entries are
 * finished work (recordDeliveries) and which a retry will send again.
 */
export async function fanOutProgress(changes: readonly FeedChange[], deps: FanoutDeps): Promise<FanoutProgress> {
  const byFeed = new Map<FeedId, FeedChange[]>();
  for (const change of changes) byFeed.set(change.feed, [...(byFeed.get(change.feed) ?? []), change]);
  // Feeds are independent logs and topics: they go out side by side.
  const feeds = await Promise.all([...byFeed].map(([feed, list]) => fanOutFeed(feed, list, deps)));
  const failed = feeds.find((f) => f.failure !== undefined);
  return {
    sent: feeds.map(({ feed, entries }) => ({ feed, entries })),
    messages: feeds.reduce((n, f) => n + f.messages, 0),
    ...(failed ? { failure: { feed: failed.feed, error: failed.failure!.error } } : {}),
  };
}

/** Events logged, signed and published at a time: one page of the feed log, one conditional put. */
export const FANOUT_CHUNK = 98;

/** One feed's fan-out: the entries published, and the error that stopped it. */
interface FeedProgress extends FeedSent {
  readonly messages: number;
  readonly failure?: { readonly error: unknown };
}

/**
 * One feed's changes: logged, rendered per view, signed, published (the caller records their deliveries).
 * Chunk by chunk, as a pipeline: while one chunk is published the next is logged and signed, so
 * the first events reach their queues before the last are logged. A chunk is published only once
 * the one before it was, so a record's events keep their order across chunks; after a failed
 * publish nothing later goes out, and what went out before it is reported (the log keeps the
 * sequences of what it logged, so a retry publishes them under the same numbers).
 */
async function fanOutFeed(feed: FeedId, list: readonly FeedChange[], deps: FanoutDeps): Promise<FeedProgress> {
  const views = viewsOf(feed, deps.subscribers);
  const published: FeedLogEntry[] = [];
  let messages = 0;
  let failed = false;
  let publishing: Promise<void> = Promise.resolve();
  try {
    for (let start = 0; start < list.length && !failed; start += FANOUT_CHUNK) {
      const chunk = list.slice(start, start + FANOUT_CHUNK);
      const entries = await deps.log.append(
        feed,
        chunk.map((change) => ({ head: headOf(change), change: refOf(change) })),
      );
      const out: FeedMessage[] = [];
      for (const [i, entry] of entries.entries()) {
        for (const view of views) out.push(feedMessage(await signedEvent(entry, eventData(entry, chunk[i]!.version, view), deps.signer), entry, view));
      }
      publishing = publishing.then(async () => {
        await deps.publisher(feed).publish(out);
        published.push(...entries);
        messages += out.length;
      });
      // Awaited below; until then a rejection must not count as unhandled, and stops the logging of later chunks.
      publishing.catch(() => void (failed = true));
    }
    await publishing;
    return { feed, entries: published, messages };
  } catch (error) {
    // A failed append or signature: the chunks before it may still be publishing, and what they publish went out.
    await publishing.catch(() => undefined);
    return { feed, entries: published, messages, failure: { error } };
  }
}

/** What each subscriber was sent on the feeds that published: counts, and each leaving event with its deadline. */
export async function recordDeliveries(feeds: readonly FeedSent[], deps: FanoutDeps): Promise<void> {
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
