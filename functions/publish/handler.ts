import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Composition } from '../../src/app/composition.js';
import { atColdStart } from '../../src/app/lambda-edge.js';
import type { AwsClients } from '../../src/aws/clients.js';
import type { RuntimeConfig } from '../../src/config/runtime-config.js';
import { settlePublishBatch } from '../../src/publish/publish-batch.js';
import { settlePublishRequest } from '../../src/publish/settle-request.js';
import { withObservability } from '../../src/util/handler-middleware.js';
import { logger } from '../../src/util/logger.js';
import { metrics } from '../../src/util/metrics.js';

/** Publish requests, coalesced per dataset; a dataset that fails reports all its messages. */
export function createHandler(config: RuntimeConfig, clients: AwsClients) {
  const app = new Composition(config, clients);
  return withObservability(config, async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const deps = app.settleDeps();
    const failed = await settlePublishBatch(event.Records, {
      datasets: (await app.catalog()).datasets,
      settle: (dataset, requestedAt) => settlePublishRequest(dataset, requestedAt, deps),
      settled: (datasetId, outcome) => {
        logger.info('publish request settled', { datasetId, ...outcome });
        if (outcome.action !== 'published') return;
        metrics.addMetric('ReleasesPublished', MetricUnit.Count, 1);
        metrics.addMetric('ReleaseRows', MetricUnit.Count, outcome.rows);
      },
      failed: (what, error) => logger.error('publish request failed', { ...what, error }),
    });
    return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
  });
}

export const handler = atColdStart(createHandler);
