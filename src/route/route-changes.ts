import type { DatasetConfig } from '../config/catalog.js';
import type { MessageSender } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import { chinaDate } from '../calendar/index.js';
import { feedChangesOf } from '../feeds/classify.js';
import { fanOutProgress, recordDeliveries, type FanoutDeps } from '../feeds/fanout.js';
import type { PublishRequest } from '../publish/request.js';
import { eventsPerFeed, routedVersions } from './batch-progress.js';

export interface RouteDeps {
  /** The feeds: log, signer, topics, subscribers, delivery ledger. */
  readonly feeds: FanoutDeps;
  readonly publishQueue: MessageSender;
  readonly changes: { markChanged(datasetIds: readonly string[], at: Date): Promise<void> };
  readonly datasets: readonly DatasetConfig[];
  /** Published free-text fields, redacted in events as in releases. */
  readonly freeTextColumns: (recordType: string) => readonly string[];
  readonly now: () => Date;
}

export interface RouteOutcome {
  /** Events that went out (on every feed, finished versions or not). */
  readonly events: number;
  readonly publishRequests: number;
  /** The versions, from the first, whose events all went out on every feed: all of them unless a feed failed. */
  readonly routed: number;
  /** What stopped a feed, when one failed: the versions from `routed` on are to be routed again. */
  readonly failure?: { readonly feed: string; readonly error: unknown };
}

/**
 * New SSOT versions become feed events (src/feeds: classified, logged in order, signed, fanned
 * out per view) and one publish request per affected dataset. Under a dataset's disclosure rules
 * a revoked version is a `withdrawn` event carrying the reason and its deadline, and one not
 * decided yet no event: the feed follows the release, in the same cycle as the change.
 *
 * A feed that fails part-way does not fail the route: it reports how many versions went out
 * whole, and only those count as done (their deliveries, change marks and publish requests);
 * the rest are routed again, and what of them went out on other feeds goes out again, same ids.
 */
export async function routeChanges(versions: readonly StoredVersion[], deps: RouteDeps): Promise<RouteOutcome> {
  const now = deps.now();
  const context = { datasets: deps.datasets, freeTextColumns: deps.freeTextColumns, today: chinaDate(now) };
  const changesPerVersion = versions.map((v) => feedChangesOf([v], context));
  const progress = await fanOutProgress(changesPerVersion.flat(), deps.feeds);
  const feedsPerVersion = changesPerVersion.map((changes) => changes.map((c) => c.feed));
  const published = new Map(progress.sent.map((s) => [s.feed, s.entries.length]));
  const routed = progress.failure ? routedVersions(feedsPerVersion, published) : versions.length;
  const finished = eventsPerFeed(feedsPerVersion, routed);
  await recordDeliveries(
    progress.sent.map((s) => ({ feed: s.feed, entries: s.entries.slice(0, finished.get(s.feed) ?? 0) })),
    deps.feeds,
  );
  const done = versions.slice(0, routed);
  const changedTypes = new Set(done.map((v) => v.recordType));
  const affected = deps.datasets.filter((d) => changedTypes.has(d.recordType));
  const events = progress.sent.reduce((n, s) => n + s.entries.length, 0);
  const failure = progress.failure ? { failure: progress.failure } : {};
  if (affected.length === 0) return { events, publishRequests: 0, routed, ...failure };
  // When the newest of these versions was stored, not now: a release cut after that (a source
  // run's, which may well come before this route) already holds them, and the request is covered.
  const storedAt = newestStoredAt(done) ?? now;
  const requestedAt = storedAt.toISOString();
  // The mark comes first: a publish that sees the request also sees the dataset as changing.
  await deps.changes.markChanged(
    affected.map((d) => d.id),
    storedAt,
  );
  await deps.publishQueue.send(affected.map((d) => JSON.stringify({ kind: 'publish-dataset', datasetId: d.id, requestedAt } satisfies PublishRequest)));
  return { events, publishRequests: affected.length, routed, ...failure };
}

function newestStoredAt(versions: readonly StoredVersion[]): Date | undefined {
  let newest: number | undefined;
  for (const v of versions) {
    const t = Date.parse(v.storedAt);
    if (!Number.isNaN(t) && (newest === undefined || t > newest)) newest = t;
  }
  return newest === undefined ? undefined : new Date(newest);
}
