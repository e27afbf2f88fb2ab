import { Composition } from '../../src/app/composition.js';
import { atColdStart } from '../../src/app/lambda-edge.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { reportProblemsOnce } from '../../src/config/catalog-context.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { everySourceFailed, failuresSummary, syncSources, type SyncSourcesOutcome } from '../../src/ingest/sync-sources.js';
import { withObservability } from '../../src/util/handler-middleware.js';
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

/** One department's failure does not stop the others; when every source failed the scheduler retries. */
export function createHandler(config: RuntimeConfig, clients: AwsClients) {
  const app = new Composition(config, clients);
  const reportProblems = reportProblemsOnce();
  return withObservability(config, async (event: IngestEvent | null): Promise<SyncSourcesOutcome> => {
    const catalog = reportProblems(await app.catalog());
    const targets = event?.sourceIds ? event.sourceIds.map((id) => catalog.source(id)) : catalog.sources;
    const options = { maxPages: event?.maxPages ?? 500, full: event?.full ?? false, allowMassDelete: event?.allowMassDelete ?? false };
    const outcome = await syncSources(targets, { ...app.ingestDeps(), runs: app.runCompletionDeps(catalog) }, options, {
      synced: (_, result) => logger.info('source synced', { ...result }),
      failed: (source, error) => logger.error('source sync failed', { sourceId: source.id, error }),
    });
    if (everySourceFailed(outcome)) throw new Error(failuresSummary(outcome));
    return outcome;
  });
}

export const handler = atColdStart(createHandler);
