import { GetQueueAttributesCommand, GetQueueUrlCommand, QueueDoesNotExist, type SQSClient } from '@aws-sdk/client-sqs';
import { physicalName } from '../local/provision.js';
import type { QueueDepth, QueueStats, SubscriberQueueStats } from '../ports/queue-stats.js';

type QueueSubscriber = { readonly id: string; readonly ordering: 'per-record' | 'none' };

/**
 * The physical names of a subscriber's queue and its dead-letter queue: resource id
 * `feed-<id>` (src/infra/subscriber-resources.ts) named as every resource is
 * (`tongyuan-<id>`, src/local/provision.ts physicalName), `.fifo` for per-record ordering (a
 * FIFO queue's DLQ must be FIFO too). The audit and replay find queues by these names with
 * GetQueueUrl, so a deployed stack must give subscriber queues these names as well.
 */
export function subscriberQueueNames(subscriber: QueueSubscriber): { readonly queue: string; readonly dlq: string } {
  const suffix = subscriber.ordering === 'per-record' ? '.fifo' : '';
  return { queue: `${physicalName(`feed-${subscriber.id}`)}${suffix}`, dlq: `${physicalName(`feed-${subscriber.id}-dlq`)}${suffix}` };
}

const ATTRIBUTES = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] as const;

/**
 * Subscriber queue depths from SQS GetQueueAttributes. The age of the oldest message is a
 * CloudWatch metric (AWS/SQS ApproximateAgeOfOldestMessage, alarmed on by the stack), not an
 * attribute, so it is left out here; the audit's sequence lag and last receipt stand in for it.
 */
export class SqsQueueStats implements QueueStats {
  constructor(private readonly sqs: SQSClient) {}

  private async urlOf(name: string): Promise<string | undefined> {
    try {
      return (await this.sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
    } catch (error) {
      if (error instanceof QueueDoesNotExist || (error as { name?: string }).name?.includes('NonExistentQueue')) return undefined;
      throw error;
    }
  }

  private async depth(url: string): Promise<QueueDepth> {
    const out = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...ATTRIBUTES] }));
    const count = (name: (typeof ATTRIBUTES)[number]) => Number(out.Attributes?.[name] ?? 0) || 0;
    return { waiting: count('ApproximateNumberOfMessages'), inFlight: count('ApproximateNumberOfMessagesNotVisible') };
  }

  async subscriberQueue(subscriber: QueueSubscriber): Promise<SubscriberQueueStats | undefined> {
    const names = subscriberQueueNames(subscriber);
    const [queueUrl, dlqUrl] = await Promise.all([this.urlOf(names.queue), this.urlOf(names.dlq)]);
    if (!queueUrl) return undefined;
    const [queue, dlq] = await Promise.all([this.depth(queueUrl), dlqUrl ? this.depth(dlqUrl) : undefined]);
    return { queue, deadLettered: dlq?.waiting ?? 0 };
  }

  async subscriberQueueUrl(subscriber: QueueSubscriber): Promise<string> {
    const { queue } = subscriberQueueNames(subscriber);
    const url = await this.urlOf(queue);
    if (!url) throw new Error(`subscriber ${subscriber.id} has no queue ${queue} (is the stack deployed with this subscriber?)`);
    return url;
  }
}
