import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ResourceModel } from '../../infra/resources.js';
import type { Provisioned } from '../provision.js';
import { physicalName } from '../provision.js';

/**
 * Retries of a failing stream record before it goes to its mapping's failures queue: the CDK
 * stack's default streamRetryAttempts (lib/stack-settings.ts), which the local stack plays.
 */
export const STREAM_RETRY_ATTEMPTS = 5;

/** The failures queue of the mapping of `table`'s stream to function `fnId`, as the runtime finds it among the provisioned queues. */
export const streamFailureQueueId = (fnId: string, table: string): string => `${fnId}-${table}-stream-failures`;

/**
 * Every stream mapping's on-failure destination, as the CDK stack creates one per stream trigger
 * of the model (lib/constructs/event-triggers.ts: a dead-letter queue kept 14 days), created
 * idempotently; answers `provisioned` with their URLs and ARNs added.
 */
export async function provisionStreamFailureQueues(model: ResourceModel, sqs: SQSClient, provisioned: Provisioned): Promise<Provisioned> {
  const queueUrls = new Map(provisioned.queueUrls);
  const queueArns = new Map(provisioned.queueArns);
  for (const fn of model.functions) {
    for (const trigger of fn.triggers) {
      if (trigger.kind !== 'stream') continue;
      const id = streamFailureQueueId(fn.id, trigger.table);
      const out = await sqs.send(new CreateQueueCommand({ QueueName: physicalName(id), Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
      const url = out.QueueUrl!;
      const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
      queueUrls.set(id, url);
      queueArns.set(id, attributes.Attributes?.QueueArn ?? '');
    }
  }
  return { ...provisioned, queueUrls, queueArns };
}
