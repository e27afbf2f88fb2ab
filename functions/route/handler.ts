import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { Composition } from '../../src/app/composition.js';
import { atColdStart } from '../../src/app/lambda-edge.js';
import type { AwsClients } from '../../src/aws/clients.js';
import { countedChanges } from '../../src/aws/ssot-stream-counts.js';
import { insertedVersionItems, retryFromRecord } from '../../src/aws/ssot-stream.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { streamProgress } from '../../src/route/batch-progress.js';
import { routeChanges } from '../../src/route/route-changes.js';
import { storedVersionsOf } from '../../src/ssot/stream-versions.js';
import { withObservability } from '../../src/util/handler-middleware.js';
import { logger } from '../../src/util/logger.js';
import { metrics } from '../../src/util/metrics.js';

/**
 * New version items from the SSOT stream, routed in stream order. When a feed's publish fails
 * part-way, the records whose events all went out are finished (counted, marked, requested) and
 * the handler answers with the first record that is not, so the event source mapping retries from
 * there and nothing already published goes out again. Other failures (reading the SSOT) throw:
 * the mapping retries the batch, bisected, and repeated events carry the same ids. The live-record
 * counters come last, so a batch that failed before them never counted its changes.
 */
export function createHandler(config: RuntimeConfig, clients: AwsClients) {
  const app = new Composition(config, clients);
  // One feed log for the container's life: it remembers where its last append left each tip,
  // so the next invocation appends without reading it first (the append's condition checks it).
  const log = app.feedLog();
  const counts = app.recordCounts();
  return withObservability(config, async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const inserted = insertedVersionItems(event);
    const versions = await storedVersionsOf(
      inserted.map((v) => v.item),
      app.recordContent(),
    );
    if (versions.length === 0) return { batchItemFailures: [] };
    const deps = app.routeDeps(await app.catalog());
    const { failure, ...outcome } = await routeChanges(versions, { ...deps, feeds: { ...deps.feeds, log } });
    const progress = streamProgress(
      inserted.map((v) => v.record),
      outcome.routed,
      event.Records.length,
    );
    // Only the finished records: the retry starts at the first of the others, and counts from there under a marker of its own.
    await counts.apply(countedChanges(event).slice(0, progress.done), deps.now());
    logger.info('changes routed', { versions: versions.length, ...outcome });
    metrics.addMetric('FeedEventsPublished', MetricUnit.Count, outcome.events);
    if (progress.retryFrom === undefined) return { batchItemFailures: [] };
    logger.error('a feed failed part-way: the batch is retried from the first record not routed', {
      feed: failure?.feed,
      error: failure?.error,
      records: event.Records.length,
      retryFrom: progress.retryFrom,
    });
    metrics.addMetric('RouteBatchesRetriedPartway', MetricUnit.Count, 1);
    return retryFromRecord(event, progress.retryFrom);
  });
}

export const handler = atColdStart(createHandler);
