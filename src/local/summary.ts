import type { Composition } from '../app/composition.js';
import type { failedList } from '../ingest/sync-sources.js';
import type { DeadLettered } from './dead-letters.js';

/** A failed source or a dropped file set aside, as the CLI's JSON summaries list it. */
export type RunFailure = ReturnType<typeof failedList>[number];

/** The last line `tongyuan up --once` prints. */
export interface RunSummary {
  /** Sources synced in this cycle. */
  readonly sources: number;
  /** Source items pulled in this cycle. */
  readonly pulled: number;
  /** Current records in the SSOT, all types. */
  readonly records: number;
  /** Quarantined source items, all sources. */
  readonly quarantined: number;
  /** Datasets that have a published release. */
  readonly datasets: number;
  /** Releases written in this cycle. */
  readonly releases: number;
  /** Feed messages published in this cycle: one per event and view its subscribers hold, on every feed that carries the record. */
  readonly events: number;
  /** Sources that failed and dropped files set aside in this cycle, each with why (zh and en); any makes `up --once` exit non-zero. */
  readonly failed: readonly RunFailure[];
  /** The pipeline's dead-letter queues that hold messages after the cycle; any makes `up --once` exit non-zero. */
  readonly deadLettered?: readonly DeadLettered[];
}

export async function countReleases(app: Composition): Promise<number> {
  const { datasets } = await app.catalog();
  const releases = app.releaseCatalog();
  let total = 0;
  for (const d of datasets) total += await releases.countReleases(d.id);
  return total;
}

export async function collectSummary(
  app: Composition,
  run: {
    ingest: readonly { pulled: number }[];
    events: number;
    releasesBefore: number;
    failed: readonly RunFailure[];
    deadLettered?: readonly DeadLettered[];
  },
): Promise<RunSummary> {
  const { sources, datasets } = await app.catalog();
  const quarantine = app.quarantineStore();
  const releases = app.releaseCatalog();
  const recordCount = await countLiveRecords(app, new Set(sources.map((s) => s.recordType)));
  // A Query of each source's own quarantine partition: bounded by what is quarantined, not by the records.
  let quarantined = 0;
  for (const s of sources) quarantined += await quarantine.count(s.id);
  let published = 0;
  for (const d of datasets) if (await releases.latest(d.id)) published += 1;
  return {
    sources: run.ingest.length,
    pulled: run.ingest.reduce((n, r) => n + r.pulled, 0),
    records: recordCount,
    quarantined,
    datasets: published,
    releases: (await countReleases(app)) - run.releasesBefore,
    events: run.events,
    failed: run.failed,
    ...(run.deadLettered && run.deadLettered.length > 0 ? { deadLettered: run.deadLettered } : {}),
  };
}

/**
 * Live records of the types, from the counters the route keeps off the SSOT's stream (one
 * Query), not by counting the records. A state directory made before the counters has no
 * baseline: its records predate them, so they are counted by query (countCurrent, which
 * reads every current record of each type).
 */
async function countLiveRecords(app: Composition, recordTypes: ReadonlySet<string>): Promise<number> {
  const counts = await app.recordCounts().read();
  let total = 0;
  if (counts.since === undefined) {
    const records = app.recordStore();
    for (const type of recordTypes) total += await records.countCurrent(type);
    return total;
  }
  for (const type of recordTypes) total += counts.live.get(type) ?? 0;
  return total;
}
