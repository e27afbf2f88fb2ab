import type { Composition } from '../app/composition.js';
import type { failedList } from '../ingest/sync-sources.js';

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
  run: { ingest: readonly { pulled: number }[]; events: number; releasesBefore: number; failed: readonly RunFailure[] },
): Promise<RunSummary> {
  const { sources, datasets } = await app.catalog();
  const records = app.recordStore();
  const quarantine = app.quarantineStore();
  const releases = app.releaseCatalog();
  let recordCount = 0;
  for (const type of new Set(sources.map((s) => s.recordType))) recordCount += await records.countCurrent(type);
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
  };
}
