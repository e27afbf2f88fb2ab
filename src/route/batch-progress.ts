/**
 * How far a stream batch's routing got when a feed failed part-way. Each feed publishes its
 * events chunk by chunk, in batch order, and stops after a failed publish, so what went out on a
 * feed is always its first events. A version is routed once every event it made went out on
 * every feed; the batch is done up to the first version that is not, and the event source
 * mapping retries from that version's stream record, so nothing before it goes out again.
 * Pure: the route reports what each feed published, the handler answers the mapping.
 */

/**
 * The versions, from the first, whose events all went out: `feedsPerVersion` names the feed of
 * each event a version made, in batch order ([] for a version that made none, which is done as
 * soon as the ones before it are); `published` how many of each feed's events went out.
 */
export function routedVersions<Feed>(feedsPerVersion: readonly (readonly Feed[])[], published: ReadonlyMap<Feed, number>): number {
  const made = new Map<Feed, number>();
  for (const [i, feeds] of feedsPerVersion.entries()) {
    for (const feed of feeds) made.set(feed, (made.get(feed) ?? 0) + 1);
    if (feeds.some((feed) => made.get(feed)! > (published.get(feed) ?? 0))) return i;
  }
  return feedsPerVersion.length;
}

/** Per feed, how many of its events the first `versions` versions made: the part of each feed's output that belongs to them. */
export function eventsPerFeed<Feed>(feedsPerVersion: readonly (readonly Feed[])[], versions: number): Map<Feed, number> {
  const counts = new Map<Feed, number>();
  for (const feeds of feedsPerVersion.slice(0, versions)) for (const feed of feeds) counts.set(feed, (counts.get(feed) ?? 0) + 1);
  return counts;
}

/** Where a stream batch stands after routing: its first `done` records are finished; the mapping retries from `retryFrom`. */
export interface StreamProgress {
  readonly done: number;
  /** The index of the first record not routed; undefined when the whole batch was. */
  readonly retryFrom?: number;
}

/**
 * From versions to stream records: `versionRecords` holds, per version in batch order, the index
 * of the stream record that carried it. Records before the first unrouted version's (those that
 * carried no version included) are done.
 */
export function streamProgress(versionRecords: readonly number[], routed: number, records: number): StreamProgress {
  if (routed >= versionRecords.length) return { done: records };
  const failed = versionRecords[routed]!;
  return { done: failed, retryFrom: failed };
}
