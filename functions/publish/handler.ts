import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Composition } from '../../src/app/composition.js';
import { atColdStart } from '../../src/app/lambda-edge.js';
import type { AwsClients } from '../../src/aws/clients.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { settlePublishBatch } from '../../src/publish/publish-batch.js';
import { republishDisclosed } from '../../src/publish/republish-disclosed.js';
import { releaseNow, settlePublishRequest } from '../../src/publish/settle-request.js';
import { deadlineSignal } from '../../src/util/deadline.js';
import { withObservability } from '../../src/util/handler-middleware.js';
import { logger } from '../../src/util/logger.js';
import { metrics } from '../../src/util/metrics.js';

/**
 * A release still building this long before the function's deadline stops and its request goes
 * back on the queue within a minute: cut off by the timeout instead, it would stay hidden for the
 * queue's visibility timeout (90 minutes).
 */
const STOP_BEFORE_DEADLINE_MS = 30_000;

/** The daily schedule's event (EventBridge Scheduler sends `{}`): re-evaluate every dataset with disclosure rules. */
export type DailyRepublishEvent = Record<string, never>;

const isQueueBatch = (event: SQSEvent | DailyRepublishEvent): event is SQSEvent => Array.isArray((event as Partial<SQSEvent>).Records);

/**
 * Publish requests, coalesced per dataset; a dataset that fails reports all its messages.
 * Once a day, without a request, datasets with disclosure rules are released again so that
 * expired decisions leave on the day (provisional if work is still in flight, which its follow-up
 * request makes final); the scheduler retries when any of them failed.
 */
export function createHandler(config: RuntimeConfig, clients: AwsClients) {
  const app = new Composition(config, clients);
  return withObservability(config, async (event: SQSEvent | DailyRepublishEvent, context): Promise<SQSBatchResponse | undefined> => {
    const deps = app.settleDeps();
    if (!isQueueBatch(event)) {
      const results = await republishDisclosed((await app.catalog()).datasets, (dataset) => releaseNow(dataset, deps));
      for (const result of results) {
        logger.info('daily disclosure re-evaluation', { ...result });
        if (result.action === 'published') metrics.addMetric('ReleasesPublished', MetricUnit.Count, 1);
      }
      const failed = results.filter((r) => r.action === 'failed');
      if (failed.length > 0) throw new Error(`daily re-evaluation failed for ${failed.map((r) => r.datasetId).join(', ')}`);
      return undefined;
    }
    const signal = deadlineSignal(context.getRemainingTimeInMillis(), STOP_BEFORE_DEADLINE_MS);
    const failed = await settlePublishBatch(event.Records, {
      datasets: (await app.catalog()).datasets,
      settle: (dataset, requestedAt, request) => settlePublishRequest(dataset, requestedAt, deps, { ...request, signal }),
      signal,
      // A failure comes back within a minute, not after the queue's 90-minute visibility timeout.
      retry: (request, delaySeconds) => deps.publishQueue.send([JSON.stringify(request)], { delaySeconds }),
      settled: (datasetId, outcome) => {
        logger.info('publish request settled', { datasetId, ...outcome });
        if (outcome.action !== 'published') return;
        metrics.addMetric('ReleasesPublished', MetricUnit.Count, 1);
        metrics.addMetric('ReleaseRows', MetricUnit.Count, outcome.rows);
        if (outcome.provisional !== undefined) metrics.addMetric('ProvisionalReleases', MetricUnit.Count, 1);
      },
      failed: (what, error) => logger.error('publish request failed', { ...what, error }),
    });
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  });
}

export const handler = atColdStart(createHandler);
