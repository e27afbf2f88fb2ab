import { GetQueueAttributesCommand, GetQueueUrlCommand, QueueDoesNotExist, type SQSClient } from '@aws-sdk/client-sqs';
import { resourceEnvName } from '../infra/resources.js';
import { physicalName } from '../local/provision.js';
import type { QueueDepth, QueueStats, SubscriberQueueStats } from '../ports/queue-stats.js';

type QueueSubscriber = { readonly id: string; readonly ordering: 'per-record' | 'none' };

/** The model id of a subscriber's queue (src/infra/subscriber-resources.ts). */
const queueIdOf = (subscriber: QueueSubscriber): string => `feed-${subscriber.id}`;

/** The physical name of a subscriber's queue where it was named by the model (src/local/provision.ts): `tongyuan-feed-<id>`, `.fifo` when ordered. */
export const subscriberQueueName = (subscriber: QueueSubscriber): string =>
  `${physicalName(queueIdOf(subscriber))}${subscriber.ordering === 'per-record' ? '.fifo' : ''}`;

const ATTRIBUTES = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] as const;

/**
 * Subscriber queue depths from SQS GetQueueAttributes. A subscriber's queue is found as every
 * other resource is: by its environment variable, resourceEnvName('queue', 'feed-<id>') (the
 * running local stack's endpoints.json, a deployed stack's outputs); where none is set, by
 * GetQueueUrl of its model name (subscriberQueueName). Its dead-letter queue is the one its
 * RedrivePolicy names, so neither needs a name of its own in a deployed stack. The age of the
 * oldest message is a CloudWatch metric (AWS/SQS ApproximateAgeOfOldestMessage, alarmed on by
 * the stack), not an attribute, so it is left out; the sequence lag and last receipt stand in.
 */
export class SqsQueueStats implements QueueStats {
  constructor(
    private readonly sqs: SQSClient,
    private readonly env: Readonly<Record<string, string | undefined>> = {},
  ) {}

  private async queueUrlOf(subscriber: QueueSubscriber): Promise<string | undefined> {
    return this.env[resourceEnvName('queue', queueIdOf(subscriber))] ?? (await this.urlOf(subscriberQueueName(subscriber)));
  }

  /** The dead-letter queue named by a queue's redrive policy. */
  async deadLetterUrlOf(queueUrl: string): Promise<string | undefined> {
    const out = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }));
    const policy = out.Attributes?.RedrivePolicy;
    const arn = policy ? (JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn : undefined;
    const name = arn?.split(':').at(-1);
    return name ? this.urlOf(name) : undefined;
  }

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
    const queueUrl = await this.queueUrlOf(subscriber);
    if (!queueUrl) return undefined;
    const dlqUrl = await this.deadLetterUrlOf(queueUrl);
    const [queue, dlq] = await Promise.all([this.depth(queueUrl), dlqUrl ? this.depth(dlqUrl) : undefined]);
    return { queue, deadLettered: dlq?.waiting ?? 0 };
  }

  async subscriberQueueUrl(subscriber: QueueSubscriber): Promise<string> {
    const url = await this.queueUrlOf(subscriber);
    if (!url)
      throw new Error(
        `subscriber ${subscriber.id} has no queue: neither ${resourceEnvName('queue', queueIdOf(subscriber))} is set nor does ${subscriberQueueName(subscriber)} exist (is the stack deployed with this subscriber?)`,
      );
    return url;
  }
}
