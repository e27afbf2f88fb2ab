import { PublishBatchCommand, type PublishBatchRequestEntry, type SNSClient } from '@aws-sdk/client-sns';
import type { FeedMessage, FeedPublisher } from '../ports/index.js';
import { claimChecked, messageBytes, type FeedPayloads } from './feed-claim-check.js';
import { BATCH_ENTRIES, packBatches } from './pack-batches.js';
import { sendInBatches } from './send-in-batches.js';

/** Message attributes as SNS and SQS take them: every feed attribute is a String. */
export function stringAttributes(attributes: FeedMessage['attributes']): Record<string, { DataType: 'String'; StringValue: string }> | undefined {
  return attributes ? Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])) : undefined;
}

/** PublishBatch calls in flight at once per publish: enough to hide the round trip, few enough to stay under the topic's rate. */
export const PUBLISH_LANES = 8;

/**
 * Splits messages into lanes that may publish side by side: every message of a group (a record)
 * in one lane, in order; a new group joins the lane holding the fewest messages, and there are
 * only as many lanes as full batches, so splitting never costs more than one call per lane.
 */
export function lanesOf<T extends { readonly groupId?: string }>(messages: readonly T[], batchEntries: number): T[][] {
  const count = Math.max(1, Math.min(PUBLISH_LANES, Math.ceil(messages.length / batchEntries)));
  const lanes: T[][] = Array.from({ length: count }, () => []);
  const laneOfGroup = new Map<string, T[]>();
  for (const [i, message] of messages.entries()) {
    const group = message.groupId ?? `#${i}`;
    let lane = laneOfGroup.get(group);
    if (!lane) {
      lane = lanes.reduce((a, b) => (b.length < a.length ? b : a));
      laneOfGroup.set(group, lane);
    }
    lane.push(message);
  }
  return lanes.filter((lane) => lane.length > 0);
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
    const entries = ready.map((m, i) => ({ groupId: m.groupId, entry: this.entry(m, String(i)), bytes: messageBytes(m) }));
    // Within a lane batches go one after another, and a record (message group) keeps to one lane:
    // its events stay in the order given while the lanes publish side by side.
    await Promise.all(lanesOf(entries, BATCH_ENTRIES).map((lane) => this.publishInOrder(lane)));
  }

  private async publishInOrder(entries: readonly { entry: PublishBatchRequestEntry & { Id: string }; bytes: number }[]): Promise<void> {
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
