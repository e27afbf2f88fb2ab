import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { catalog } from '../../src/app/catalog-context.js';
import { settleDeps } from '../../src/app/composition.js';
import { settlePublishRequest } from '../../src/publish/settle-request.js';
import type { PublishRequest } from '../../src/route/route-changes.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { withObservability } from '../../src/util/handler-middleware.js';
import { logger } from '../../src/util/logger.js';
import { metrics } from '../../src/util/metrics.js';

function parseRequest(body: string): PublishRequest {
  const request = JSON.parse(body) as Partial<PublishRequest>;
  if (request.kind !== 'publish-dataset' || typeof request.datasetId !== 'string' || Number.isNaN(Date.parse(request.requestedAt ?? ''))) {
    throw new Error(`not a publish request: ${body.slice(0, 200)}`);
  }
  return request as PublishRequest;
}

/**
 * Publish requests, coalesced: however many messages name a dataset in one batch, it is
 * settled once, from the earliest request. A dataset that fails reports all its messages.
 */
export const settleRequests = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const { datasets } = await catalog();
  const byDataset = new Map<string, { requestedAt: Date; messageIds: string[] }>();
  const failures: string[] = [];
  for (const message of event.Records) {
    try {
      const request = parseRequest(message.body);
      const entry = byDataset.get(request.datasetId) ?? { requestedAt: new Date(request.requestedAt), messageIds: [] };
      if (new Date(request.requestedAt) < entry.requestedAt) entry.requestedAt = new Date(request.requestedAt);
      entry.messageIds.push(message.messageId);
      byDataset.set(request.datasetId, entry);
    } catch (error) {
      logger.error('unreadable publish request', { messageId: message.messageId, error: (error as Error).message });
      failures.push(message.messageId);
    }
  }
  const deps = settleDeps();
  for (const [datasetId, { requestedAt, messageIds }] of byDataset) {
    try {
      const dataset = datasets.find((d) => d.id === datasetId);
      if (!dataset) throw new Error(`unknown dataset "${datasetId}"`);
      const outcome = await settlePublishRequest(dataset, requestedAt, deps);
      logger.info('publish request settled', { datasetId, ...outcome });
      if (outcome.action === 'published') {
        metrics.addMetric('ReleasesPublished', MetricUnit.Count, 1);
        metrics.addMetric('ReleaseRows', MetricUnit.Count, outcome.rows);
      }
    } catch (error) {
      logger.error('dataset publish failed', { datasetId, error: (error as Error).message });
      failures.push(...messageIds);
    }
  }
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
};

export const handler = withObservability(settleRequests);
