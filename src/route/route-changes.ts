import type { DatasetConfig } from '../config/catalog.js';
import type { MessageSender } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import { chinaDate } from '../calendar/index.js';
import { feedChangesOf } from '../feeds/classify.js';
import { fanOut, type FanoutDeps } from '../feeds/fanout.js';
import type { PublishRequest } from '../publish/request.js';

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
  readonly events: number;
  readonly publishRequests: number;
}

/**
 * New SSOT versions become feed events (src/feeds: classified, logged in order, signed, fanned
 * out per view) and one publish request per affected dataset. Under a dataset's disclosure rules
 * a revoked version is a `withdrawn` event carrying the reason and its deadline, and one not
 * decided yet no event: the feed follows the release, in the same cycle as the change.
 */
export async function routeChanges(versions: readonly StoredVersion[], deps: RouteDeps): Promise<RouteOutcome> {
  const now = deps.now();
  const changes = feedChangesOf(versions, { datasets: deps.datasets, freeTextColumns: deps.freeTextColumns, today: chinaDate(now) });
  const { events } = await fanOut(changes, deps.feeds);
  const changedTypes = new Set(versions.map((v) => v.recordType));
  const affected = deps.datasets.filter((d) => changedTypes.has(d.recordType));
  // When the newest of these versions was stored, not now: a release cut after that (a source
  // run's, which may well come before this route) already holds them, and the request is covered.
  const storedAt = newestStoredAt(versions) ?? now;
  const requestedAt = storedAt.toISOString();
  // The mark comes first: a publish that sees the request also sees the dataset as changing.
  await deps.changes.markChanged(
    affected.map((d) => d.id),
    storedAt,
  );
  await deps.publishQueue.send(affected.map((d) => JSON.stringify({ kind: 'publish-dataset', datasetId: d.id, requestedAt } satisfies PublishRequest)));
  return { events, publishRequests: affected.length };
}

function newestStoredAt(versions: readonly StoredVersion[]): Date | undefined {
  let newest: number | undefined;
  for (const v of versions) {
    const t = Date.parse(v.storedAt);
    if (!Number.isNaN(t) && (newest === undefined || t > newest)) newest = t;
  }
  return newest === undefined ? undefined : new Date(newest);
}
