import { catalog } from '../../src/app/catalog-context.js';
import { ingestDeps } from '../../src/app/composition.js';
import { syncSource, type SyncResult } from '../../src/ingest/sync-source.js';
import { logger } from '../../src/util/logger.js';

/** Scheduled: `{ sourceIds?: string[] }`; without ids every configured source is synced. */
export interface IngestEvent {
  readonly sourceIds?: readonly string[];
  /** Page budget per source, so a large backlog continues in the next invocation. */
  readonly maxPages?: number;
  /** Re-pull from the start (backfill). */
  readonly full?: boolean;
}

export const handler = async (event: IngestEvent = {}): Promise<{ results: SyncResult[] }> => {
  const { sources, source } = await catalog();
  const targets = event.sourceIds ? event.sourceIds.map((id) => source(id)) : sources;
  const deps = ingestDeps();
  const results: SyncResult[] = [];
  for (const target of targets) {
    const result = await syncSource(target, deps, { maxPages: event.maxPages ?? 500, full: event.full ?? false });
    logger.info('source synced', { ...result });
    results.push(result);
  }
  return { results };
};
