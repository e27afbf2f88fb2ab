import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { catalog } from '../../src/app/catalog-context.js';
import { recordContent, routeDeps } from '../../src/app/composition.js';
import { routeChanges } from '../../src/route/route-changes.js';
import type { StoredVersion } from '../../src/ssot/model.js';
import { VERSION_SK_PREFIX } from '../../src/ssot/model.js';
import { resolveStoredVersion } from '../../src/ssot/record-items.js';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { withObservability } from '../../src/util/handler-middleware.js';
import { logger } from '../../src/util/logger.js';
import { metrics } from '../../src/util/metrics.js';

/**
 * New version items from the SSOT stream. The batch is routed as a whole, so events of
 * one record keep their order; on failure the whole batch is retried (bisected by the
 * event source mapping) and the repeated events carry the same ids.
 */
export const routeVersions = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const versions: StoredVersion[] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    if (typeof item.sk !== 'string' || !item.sk.startsWith(VERSION_SK_PREFIX)) continue;
    // Content too large for an item is in S3 (claim check); the version is resolved whole.
    versions.push(await resolveStoredVersion(item, recordContent()));
  }
  if (versions.length === 0) return { batchItemFailures: [] };
  const outcome = await routeChanges(versions, routeDeps(await catalog()));
  logger.info('changes routed', { versions: versions.length, ...outcome });
  metrics.addMetric('FeedEventsPublished', MetricUnit.Count, outcome.events);
  return { batchItemFailures: [] };
};

export const handler = withObservability(routeVersions);
