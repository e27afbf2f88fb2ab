import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueBacklog, WorkQueueBacklog } from '../ports/queue-stats.js';

const ATTRIBUTES = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;

/**
 * A work queue's backlog from SQS GetQueueAttributes. The counts are approximate and lag a
 * little behind sends and deletes; a reader that waits for zero errs on the side of waiting,
 * and one that failed to receive leaves its messages counted as in flight until they reappear.
 */
export class SqsQueueBacklog implements WorkQueueBacklog {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async backlog(): Promise<QueueBacklog> {
    const out = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: this.queueUrl, AttributeNames: [...ATTRIBUTES] }));
    const count = (name: (typeof ATTRIBUTES)[number]) => Number(out.Attributes?.[name] ?? 0) || 0;
    return {
      waiting: count('ApproximateNumberOfMessages'),
      inFlight: count('ApproximateNumberOfMessagesNotVisible'),
      delayed: count('ApproximateNumberOfMessagesDelayed'),
    };
  }
}
