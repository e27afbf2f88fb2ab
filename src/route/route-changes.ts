import type { DatasetConfig } from '../config/catalog.js';
import type { FeedPublisher, MessageSender } from '../ports/index.js';
import type { StoredVersion } from '../ssot/model.js';
import { chinaDate } from '../calendar/index.js';
import { discloseVersion } from '../disclosure/disclose-versions.js';
import { publicityJudgeFor } from '../disclosure/publicity-by-type.js';
import { withheldOf } from '../disclosure/withdrawals.js';
import { changeEvent } from '../feeds/change-event.js';
import { feedsByRecordType } from '../feeds/feeds.js';
import { disclosingDataset } from '../publish/dataset-filter.js';
import type { PublishRequest } from '../publish/request.js';

export interface RouteDeps {
  readonly feed: (feedId: string) => FeedPublisher;
  readonly publishQueue: MessageSender;
  readonly changes: { markChanged(datasetIds: readonly string[], at: Date): Promise<void> };
  readonly datasets: readonly DatasetConfig[];
  readonly openColumns: (recordType: string) => readonly string[];
  /** Published free-text fields, redacted in events as in releases. */
  readonly freeTextColumns: (recordType: string) => readonly string[];
  readonly schemaUri: (recordType: string) => string;
  readonly now: () => Date;
}

export interface RouteOutcome {
  readonly events: number;
  readonly publishRequests: number;
}

/**
 * A record that fell into an identity conflict leaves the feed as a withdrawal (its
 * content is empty: neither side goes out); one created in conflict was never announced.
 */
const withdrawnByConflict = (version: StoredVersion): StoredVersion[] => (version.version > 1 ? [version] : []);

/**
 * New SSOT versions become feed events (per feed, in version order) and one publish request
 * per affected dataset. Under a dataset's disclosure rules a revoked or suspended version is
 * a `withdrawn` event carrying the reason, an expired one an `expired` event, and one not
 * decided yet no event: the feed follows the release, in the same cycle as the change.
 */
export async function routeChanges(versions: readonly StoredVersion[], deps: RouteDeps): Promise<RouteOutcome> {
  const byFeed = new Map<string, StoredVersion[]>();
  for (const version of versions) {
    for (const feedId of feedsByRecordType[version.recordType] ?? []) {
      const list = byFeed.get(feedId) ?? [];
      list.push(version);
      byFeed.set(feedId, list);
    }
  }
  let events = 0;
  const today = chinaDate(deps.now());
  for (const [feedId, list] of byFeed) {
    // What a release may not carry, an event may not either: a minor's case never goes out, free text is redacted.
    const disclosed = list.flatMap((v) => (v.conflict ? withdrawnByConflict(v) : (discloseVersion(v, deps.freeTextColumns(v.recordType)) ?? [])));
    const messages = disclosed.flatMap((v) => {
      // A version that is not public today (revoked, suspended, expired) is announced as leaving, without its content.
      const rules = v.deleted || v.conflict ? undefined : disclosingDataset(deps.datasets, v.recordType, v.record)?.disclosure;
      const publicity = rules ? publicityJudgeFor(v.recordType)(v.record, today, rules) : undefined;
      if (publicity?.published === false && publicity.reason === 'not-yet-decided') return [];
      const event = changeEvent(v, deps.openColumns(v.recordType), deps.schemaUri(v.recordType), publicity && withheldOf(publicity));
      return [{ body: JSON.stringify(event), attributes: { type: event.type, recordType: v.recordType } }];
    });
    await deps.feed(feedId).publish(messages);
    events += messages.length;
  }
  const changedTypes = new Set(versions.map((v) => v.recordType));
  const affected = deps.datasets.filter((d) => changedTypes.has(d.recordType));
  const now = deps.now();
  const requestedAt = now.toISOString();
  // The mark comes first: a publish that sees the request also sees the dataset as changing.
  await deps.changes.markChanged(
    affected.map((d) => d.id),
    now,
  );
  await deps.publishQueue.send(affected.map((d) => JSON.stringify({ kind: 'publish-dataset', datasetId: d.id, requestedAt } satisfies PublishRequest)));
  return { events, publishRequests: affected.length };
}
