import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { MessageSender } from '../ports/index.js';
import { sendInBatches } from './send-in-batches.js';

/** SendMessageBatch takes at most 10 entries. */
const SQS_BATCH_LIMIT = 10;

export class SqsSender implements MessageSender {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async send(bodies: readonly string[], options: { readonly delaySeconds?: number } = {}): Promise<void> {
    // Ids are unique within a call; a retried entry keeps its id.
    const entries = bodies.map((body, i) => ({ Id: String(i), MessageBody: body, DelaySeconds: options.delaySeconds }));
    await sendInBatches(
      entries,
      SQS_BATCH_LIMIT,
      (batch) => this.sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: batch })),
      `SQS queue ${this.queueUrl}`,
    );
  }
}
