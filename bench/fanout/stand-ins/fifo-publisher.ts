/**
 * TODO(integration): stand-in for the FIFO SnsFeedPublisher (src/aws/sns-publisher.ts), used only
 * while that one cannot publish to a FIFO topic. Delete once it is merged. PublishBatch, ten
 * entries a call, in order, each with its group (record id) and deduplication id; no claim check
 * (the bench's bodies are a few KiB).
 */
import { PublishBatchCommand, type SNSClient } from '@aws-sdk/client-sns';
import { sendInBatches } from '../../../src/aws/send-in-batches.js';
import type { FeedMessage, FeedPublisher } from '../../../src/ports/index.js';

export class BenchFifoPublisher implements FeedPublisher {
  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
  ) {}

  async publish(messages: readonly FeedMessage[]): Promise<void> {
    const entries = messages.map((m, i) => ({
      Id: String(i),
      Message: m.body,
      MessageGroupId: m.groupId,
      MessageDeduplicationId: m.deduplicationId,
      MessageAttributes: Object.fromEntries(Object.entries(m.attributes ?? {}).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
    }));
    await sendInBatches(
      entries,
      10,
      (batch) => this.sns.send(new PublishBatchCommand({ TopicArn: this.topicArn, PublishBatchRequestEntries: batch })),
      `SNS topic ${this.topicArn}`,
    );
  }
}
