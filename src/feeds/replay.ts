import { discloseVersion } from '../disclosure/disclose-versions.js';
import type { SubscriberConfig } from '../generated/subscriber.types.js';
import type { FeedLog, FeedMessage, FeedSigner, RecordReader } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import type { FeedLogEntry } from './event.js';
import { attributesOf, eventData, feedMessage, signedEvent } from './event-message.js';
import { isFeedId, type FeedId } from './feeds.js';
import { matchesFilter } from './subscriber-filter.js';

/** Where a replay starts: a sequence (entries with sequence ≥ it) or a moment (entries whose time is ≥ it). */
export type ReplayStart = { readonly sequence: number } | { readonly time: string };

/**
 * The QueueFeedSender port with its replay option: `replayId` gives a FIFO queue deduplication
 * ids of the replay's own, so a replay within five minutes of the live delivery is not dropped.
 */
export interface ReplaySender {
  send(queueUrl: string, messages: readonly FeedMessage[], options?: { readonly replayId?: string }): Promise<void>;
}

export interface ReplayDeps {
  readonly log: Pick<FeedLog, 'read'>;
  readonly records: Pick<RecordReader, 'versions'>;
  readonly signer: FeedSigner;
  readonly sender: ReplaySender;
  /** Names this replay (a fresh id per run). */
  readonly replayId: string;
  /** The subscriber's own queue: replays never go through the topic, whose other subscribers must not see them again. */
  readonly queueUrl: string;
  /** Published free-text fields of a record type, redacted in events as in releases. */
  readonly freeTextColumns: (recordType: string) => readonly string[];
  /** Messages sent per request to the queue (a page of the log at most). */
  readonly batchSize?: number;
}

export interface ReplayCount {
  readonly feed: FeedId;
  /** Log entries read from the start on. */
  readonly read: number;
  /** Events sent to the subscriber's queue (those its filter lets through). */
  readonly sent: number;
  /** The first and last sequence sent. */
  readonly firstSequence?: number;
  readonly lastSequence?: number;
}

const SEQUENCE = /^[1-9]\d*$/;

/** `--since` as typed: a whole number from 1 is a sequence, an ISO 8601 date-time a moment; anything else is refused. */
export function parseReplayStart(since: string): ReplayStart {
  if (SEQUENCE.test(since)) return { sequence: Number(since) };
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(since) && !Number.isNaN(Date.parse(since)))
    return { time: new Date(since.length === 10 ? `${since}T00:00:00+08:00` : since).toISOString() };
  throw new RangeError(`since must be a sequence number (1 or more) or an ISO time such as 2026-11-27T00:00:00Z, not "${since}"`);
}

/** The SSOT version a log entry names, disclosed again as it was when announced. */
async function versionOf(entry: FeedLogEntry, deps: ReplayDeps): Promise<StoredVersion> {
  const { recordType, recordId, version, contentHash } = entry.change;
  const stored = (await deps.records.versions(recordType, recordId)).find((v) => v.version === version);
  if (!stored)
    throw new Error(`replay: ${entry.head.id} (sequence ${entry.head.sequence} of ${entry.feed}) names version ${version}, which the SSOT does not hold`);
  if (stored.contentHash !== contentHash)
    throw new Error(`replay: ${entry.head.id}: the SSOT's version ${version} has content ${stored.contentHash}, the log says ${contentHash}`);
  const disclosed = discloseVersion(stored, deps.freeTextColumns(recordType));
  // A leaving event carries no content; a version the rules keep out carries none either, so nothing of it can leak.
  if (disclosed) return disclosed;
  if (entry.change.carriesRecord) throw new Error(`replay: ${entry.head.id}: its version may not be disclosed, yet the event carries the record`);
  return stored;
}

/**
 * Sends a subscriber again what its feeds logged from `since` on, straight to its queue: the
 * original ids and sequences (so its dedupe and gap checks see the same events), in log order
 * per feed, rendered for its view from the SSOT versions the log names and signed with today's
 * key. Only what its filter lets through goes out. A new subscriber's backfill is since = 1.
 */
export async function replayFeeds(subscriber: SubscriberConfig, since: ReplayStart, deps: ReplayDeps): Promise<ReplayCount[]> {
  const after = 'sequence' in since ? since.sequence - 1 : 0;
  const size = deps.batchSize ?? 10;
  const counts: ReplayCount[] = [];
  for (const feed of subscriber.feeds.filter(isFeedId)) {
    let read = 0;
    let sent = 0;
    let firstSequence: number | undefined;
    let lastSequence: number | undefined;
    let pending: FeedMessage[] = [];
    const flush = async () => {
      if (pending.length > 0) await deps.sender.send(deps.queueUrl, pending, { replayId: deps.replayId });
      pending = [];
    };
    for await (const page of deps.log.read(feed, { after })) {
      for (const entry of page) {
        if ('time' in since && Date.parse(entry.head.time) < Date.parse(since.time)) continue;
        read += 1;
        if (!matchesFilter(subscriber, attributesOf(entry, subscriber.view))) continue;
        const event = await signedEvent(entry, eventData(entry, await versionOf(entry, deps), subscriber.view), deps.signer);
        pending.push(feedMessage(event, entry, subscriber.view));
        const sequence = Number(entry.head.sequence);
        sent += 1;
        firstSequence ??= sequence;
        lastSequence = sequence;
        if (pending.length >= size) await flush();
      }
    }
    await flush();
    counts.push({ feed, read, sent, ...(firstSequence === undefined ? {} : { firstSequence, lastSequence }) });
  }
  return counts;
}
