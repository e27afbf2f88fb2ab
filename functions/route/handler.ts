import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { Composition } from '../../src/app/composition.js';
import { atColdStart } from '../../src/app/lambda-edge.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { countedChanges } from '../../src/aws/ssot-stream-counts.js';
import { insertedItems } from '../../src/aws/ssot-stream.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { routeChanges } from '../../src/route/route-changes.js';
import { storedVersionsOf } from '../../src/ssot/stream-versions.js';
import { withObservability } from '../../src/util/handler-middleware.js';
import { logger } from '../../src/util/logger.js';
import { metrics } from '../../src/util/metrics.js';

/**
 * New version items from the SSOT stream. The batch is routed as a whole, so events of
 * one record keep their order; on failure the whole batch is retried (bisected by the
 * event source mapping) and the repeated events carry the same ids. The live-record counters
 * come last, so a batch that failed before them never counted its changes.
 */
export function createHandler(config: RuntimeConfig, clients: AwsClients) {
  const app = new Composition(config, clients);
  // One feed log for the container's life: it remembers where its last append left each tip,
  // so the next invocation appends without reading it first (the append's condition checks it).
  const log = app.feedLog();
  const counts = app.recordCounts();
  return withObservability(config, async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const versions = await storedVersionsOf(insertedItems(event), app.recordContent());
    if (versions.length === 0) return { batchItemFailures: [] };
    const deps = app.routeDeps(await app.catalog());
    const outcome = await routeChanges(versions, { ...deps, feeds: { ...deps.feeds, log } });
    await counts.apply(countedChanges(event), deps.now());
    logger.info('changes routed', { versions: versions.length, ...outcome });
    metrics.addMetric('FeedEventsPublished', MetricUnit.Count, outcome.events);
    return { batchItemFailures: [] };
  });
}

export const handler = atColdStart(createHandler);
