import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { FeedMessage, FeedPublisher } from '../ports/index.js';
import { sendInBatches } from './send-in-batches.js';

/** PublishBatch takes at most 10 entries (and 256 KiB in all). */
const SNS_BATCH_LIMIT = 10;

export class SnsFeedPublisher implements FeedPublisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(messages: readonly FeedMessage[]): Promise<void> {
    const entries = messages.map((m, i) => ({
      Id: String(i),
      Message: m.body,
      MessageAttributes: m.attributes
        ? Object.fromEntries(Object.entries(m.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]))
        : undefined,
    }));
    await sendInBatches(
      entries,
      SNS_BATCH_LIMIT,
      (batch) => this.sns.send(new PublishBatchCommand({ TopicArn: this.topicArn, PublishBatchRequestEntries: batch })),
      `SNS topic ${this.topicArn}`,
    );
  }
}
