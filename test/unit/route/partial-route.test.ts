import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { FANOUT_CHUNK } from '../../../src/feeds/fanout.js';
import type { FeedId } from '../../../src/feeds/feeds.js';
import { routeChanges, type RouteDeps } from '../../../src/route/route-changes.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { memoryFeeds, subscriber } from '../../support/memory-feeds.js';

const TYPE = 'enforcement-decision';
const dataset: DatasetConfig = { id: 'enforcement-decisions', ...DATASET_DEFAULTS, recordType: TYPE, license: 'CC-BY-4.0' };
/** Versions in a batch: the enforcement feed publishes them in two chunks. */
const VERSIONS = 150;

const storedAt = (i: number) => new Date(Date.UTC(2026, 10, 27, 0, 0, i)).toISOString();
const version = (i: number): StoredVersion => ({
  recordType: TYPE,
  recordId: `r${i}`,
  version: 1,
  contentHash: `h${i}`,
  storedAt: storedAt(i),
  record: { caseName: `case ${i}` },
  provenance: { sourceId: 's', rawKey: 'raw/s/x', index: i, sourceKey: `r${i}`, extractedAt: '2026-11-27T00:00:00Z' },
});

/** Route dependencies in memory whose enforcement topic refuses the publishes numbered in `failing` (1 = its first chunk). */
async function fakes(failing: Set<number>) {
  const requests: string[] = [];
  const feeds = await memoryFeeds([subscriber({ id: 'both', feeds: ['enforcement', 'yrd'], ordering: 'none' })]);
  let enforcementPublishes = 0;
  const deps: RouteDeps = {
    feeds: {
      ...feeds.deps,
      publisher: (feed) => ({
        publish: async (messages) => {
          if (feed === 'enforcement' && failing.has(++enforcementPublishes)) throw new Error('enforcement topic unavailable');
          return feeds.deps.publisher(feed).publish(messages);
        },
      }),
    },
    publishQueue: { send: async (bodies) => void requests.push(...bodies) },
    changes: { markChanged: async (ids, at) => void requests.push(...ids.map((id) => `mark:${id}@${at.toISOString()}`)) },
    datasets: [dataset],
    freeTextColumns: () => [],
    now: () => new Date('2026-11-27T01:00:00Z'),
  };
  const ids = (feed: FeedId) => (feeds.published.get(feed) ?? []).map((m) => (JSON.parse(m.body) as FeedEvent).id);
  return { deps, feeds, requests, ids };
}

const timesEach = (ids: readonly string[]) => {
  const times = new Map<string, number>();
  for (const id of ids) times.set(id, (times.get(id) ?? 0) + 1);
  return times;
};

describe('a route whose feed fails part-way', () => {
  it('reports the versions whose events all went out, and finishes only those: deliveries, change mark, publish request', async () => {
    const { deps, feeds, requests, ids } = await fakes(new Set([2]));
    const versions = Array.from({ length: VERSIONS }, (_, i) => version(i));
    const outcome = await routeChanges(versions, deps);
    // The enforcement feed got its first chunk out; the Yangtze-Delta feed all of its events.
    expect(outcome).toMatchObject({ routed: FANOUT_CHUNK, events: FANOUT_CHUNK + VERSIONS, publishRequests: 1 });
    expect(outcome.failure).toMatchObject({ feed: 'enforcement', error: new Error('enforcement topic unavailable') });
    expect(ids('enforcement')).toHaveLength(FANOUT_CHUNK);
    expect(ids('yrd')).toHaveLength(VERSIONS);
    // Sent is what the finished versions sent: a retry sends the rest, and counts it then.
    expect(feeds.deliveries.sent.get('both')).toBe(2 * FANOUT_CHUNK);
    const { requestedAt } = JSON.parse(requests.at(-1)!) as { requestedAt: string };
    expect(requests).toEqual([`mark:enforcement-decisions@${storedAt(FANOUT_CHUNK - 1)}`, expect.stringContaining('publish-dataset')]);
    expect(requestedAt).toBe(storedAt(FANOUT_CHUNK - 1));

    // The retry, from the first version not routed, as the event source mapping sends it.
    const retry = await routeChanges(versions.slice(outcome.routed), deps);
    expect(retry).toEqual({ routed: VERSIONS - FANOUT_CHUNK, events: 2 * (VERSIONS - FANOUT_CHUNK), publishRequests: 1 });
    // Each enforcement event once; on the Yangtze-Delta feed only the unfinished versions' events went out again.
    expect([...timesEach(ids('enforcement')).values()].every((n) => n === 1)).toBe(true);
    expect(timesEach(ids('enforcement')).size).toBe(VERSIONS);
    const yrd = timesEach(ids('yrd'));
    expect(yrd.size).toBe(VERSIONS);
    expect([...yrd].filter(([, n]) => n === 2).map(([id]) => id)).toEqual(versions.slice(FANOUT_CHUNK).map((v) => `${TYPE}/${v.recordId}/v1`));
    expect(feeds.deliveries.sent.get('both')).toBe(2 * VERSIONS);
    // The log kept its numbers: the retried events carry the sequences they were first given.
    expect(feeds.log.entries.get('enforcement')).toHaveLength(VERSIONS);
  });

  it('finishes nothing when the failure came before anything went out on that feed', async () => {
    const { deps, feeds, requests, ids } = await fakes(new Set([1]));
    const outcome = await routeChanges(
      Array.from({ length: 3 }, (_, i) => version(i)),
      deps,
    );
    expect(outcome).toMatchObject({ routed: 0, events: 3, publishRequests: 0, failure: { feed: 'enforcement' } });
    expect(ids('enforcement')).toEqual([]);
    expect(requests).toEqual([]);
    expect(feeds.deliveries.sent.get('both')).toBeUndefined();
  });
});
