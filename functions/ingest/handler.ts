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
  /** Let a snapshot delete more than its source's share limit. */
  readonly allowMassDelete?: boolean;
}

export interface IngestReply {
  readonly results: SyncResult[];
  /** Sources that failed, with why; the others were synced regardless. */
  readonly failures: { readonly sourceId: string; readonly error: string }[];
}

/**
 * Syncs each source in turn; one department's failure (a database down, a refused mass
 * delete) is logged and reported, and does not keep the others from syncing. When every
 * targeted source failed the invocation fails, so the scheduler retries it.
 */
export const handler = async (event: IngestEvent = {}): Promise<IngestReply> => {
  const known = await catalog();
  const targets = event.sourceIds ? event.sourceIds.map((id) => known.source(id)) : known.sources;
  const deps = ingestDeps();
  const results: SyncResult[] = [];
  const failures: IngestReply['failures'][number][] = [];
  for (const target of targets) {
    try {
      const result = await syncSource(target, deps, { maxPages: event.maxPages ?? 500, full: event.full ?? false, allowMassDelete: event.allowMassDelete ?? false });
      logger.info('source synced', { ...result });
      results.push(result);
    } catch (error) {
      logger.error('source sync failed', { sourceId: target.id, error: error as Error });
      failures.push({ sourceId: target.id, error: (error as Error).message });
    }
  }
  if (targets.length > 0 && failures.length === targets.length) {
    throw new Error(`every source failed: ${failures.map((f) => `${f.sourceId}: ${f.error}`).join('; ')}`);
  }
  return { results, failures };
};
