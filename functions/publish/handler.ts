import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { catalog } from '../../src/app/catalog-context.js';
import { publishDeps } from '../../src/app/composition.js';
import { publishDataset } from '../../src/publish/publish-dataset.js';
import type { PublishRequest } from '../../src/route/route-changes.js';
import { logger } from '../../src/util/logger.js';

/**
 * Publish requests, coalesced: however many messages name a dataset in one batch, it is
 * released once. A dataset that fails reports all its messages for retry.
 */
export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const { datasets } = await catalog();
  const messagesByDataset = new Map<string, string[]>();
  const failures: string[] = [];
  for (const message of event.Records) {
    try {
      const request = JSON.parse(message.body) as PublishRequest;
      if (request.kind !== 'publish-dataset' || typeof request.datasetId !== 'string') throw new Error('not a publish request');
      messagesByDataset.set(request.datasetId, [...(messagesByDataset.get(request.datasetId) ?? []), message.messageId]);
    } catch (error) {
      logger.error('unreadable publish request', { messageId: message.messageId, error: (error as Error).message });
      failures.push(message.messageId);
    }
  }
  const deps = publishDeps();
  for (const [datasetId, messageIds] of messagesByDataset) {
    try {
      const dataset = datasets.find((d) => d.id === datasetId);
      if (!dataset) throw new Error(`unknown dataset "${datasetId}"`);
      const outcome = await publishDataset(dataset, deps);
      logger.info('dataset published', { datasetId, released: outcome.released, release: outcome.release.releaseId, rows: outcome.release.rowCount });
    } catch (error) {
      logger.error('dataset publish failed', { datasetId, error: (error as Error).message });
      failures.push(...messageIds);
    }
  }
  return { batchItemFailures: failures.map((itemIdentifier) => ({ itemIdentifier })) };
};
