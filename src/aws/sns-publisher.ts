import { PublishBatchCommand, type PublishBatchRequestEntry, type SNSClient } from '@aws-sdk/client-sns';
import type { FeedMessage, FeedPublisher } from '../ports/index.js';
import { claimChecked, messageBytes, type FeedPayloads } from './feed-claim-check.js';
import { packBatches } from './pack-batches.js';
import { sendInBatches } from './send-in-batches.js';

/** Message attributes as SNS and SQS take them: every feed attribute is a String. */
export function stringAttributes(attributes: FeedMessage['attributes']): Record<string, { DataType: 'String'; StringValue: string }> | undefined {
  return attributes ? Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])) : undefined;
}

/**
 * Publishes feed messages to one topic, as few PublishBatch calls as the limits allow (10
 * entries, 256 KiB). On a FIFO topic (its ARN ends in `.fifo`) each message carries its group
 * (the record) and deduplication id. A body over 240 KiB travels by pointer to `payloads`.
 */
export class SnsFeedPublisher implements FeedPublisher {
  private readonly fifo: boolean;

  constructor(
    private readonly sns: SNSClient,
    private readonly topicArn: string,
    private readonly payloads?: FeedPayloads,
  ) {
    this.fifo = topicArn.endsWith('.fifo');
  }

  async publish(messages: readonly FeedMessage[]): Promise<void> {
    const ready: FeedMessage[] = [];
    for (const message of messages) ready.push(await claimChecked(message, this.payloads));
    const entries = ready.map((m, i) => ({ entry: this.entry(m, String(i)), bytes: messageBytes(m) }));
    // Batches go one after another: a record's events stay in the order given.
    for (const batch of packBatches(entries, (e) => e.bytes)) {
      await sendInBatches(
        batch.map((e) => e.entry),
        batch.length,
        (pending) => this.sns.send(new PublishBatchCommand({ TopicArn: this.topicArn, PublishBatchRequestEntries: pending })),
        `SNS topic ${this.topicArn}`,
      );
    }
  }

  private entry(message: FeedMessage, id: string): PublishBatchRequestEntry & { Id: string } {
    if (this.fifo && (!message.groupId || !message.deduplicationId))
      throw new Error(`FIFO topic ${this.topicArn} needs a group and a deduplication id on every message`);
    return {
      Id: id,
      Message: message.body,
      MessageAttributes: stringAttributes(message.attributes),
      ...(this.fifo ? { MessageGroupId: message.groupId, MessageDeduplicationId: message.deduplicationId } : {}),
    };
  }
}
