import { createHash } from 'node:crypto';
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import type { FeedMessage, QueueFeedSender } from '../ports/index.js';
import { claimChecked, messageBytes, type FeedPayloads } from './feed-claim-check.js';
import { packBatches } from './pack-batches.js';
import { sendInBatches } from './send-in-batches.js';
import { stringAttributes } from './sns-publisher.js';

/**
 * The deduplication id of a replayed message: SQS keeps ids for five minutes, so a replay
 * right after the live delivery needs its own (hashed: ids are at most 128 characters).
 */
export function replayDeduplicationId(replayId: string, deduplicationId: string): string {
  return createHash('sha256').update(`replay:${replayId}\n${deduplicationId}`).digest('hex');
}

/**
 * Sends feed messages straight to one subscriber queue with SendMessageBatch (10 entries,
 * 256 KiB per call), the same claim check as the topic. A FIFO queue (URL ending in `.fifo`)
 * gets each message's group and deduplication id.
 */
export class SqsFeedSender implements QueueFeedSender {
  constructor(
    private readonly sqs: SQSClient,
    private readonly payloads?: FeedPayloads,
  ) {}

  async send(queueUrl: string, messages: readonly FeedMessage[], options: { readonly replayId?: string } = {}): Promise<void> {
    const fifo = queueUrl.endsWith('.fifo');
    const ready: FeedMessage[] = [];
    for (const message of messages) ready.push(await claimChecked(message, this.payloads));
    const entries = ready.map((m, i) => ({ entry: entryOf(m, String(i), fifo, options.replayId, queueUrl), bytes: messageBytes(m) }));
    for (const batch of packBatches(entries, (e) => e.bytes)) {
      await sendInBatches(
        batch.map((e) => e.entry),
        batch.length,
        (pending) => this.sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending })),
        `SQS queue ${queueUrl}`,
      );
    }
  }
}

function entryOf(
  message: FeedMessage,
  id: string,
  fifo: boolean,
  replayId: string | undefined,
  queueUrl: string,
): SendMessageBatchRequestEntry & { Id: string } {
  const entry = { Id: id, MessageBody: message.body, MessageAttributes: stringAttributes(message.attributes) };
  if (!fifo) return entry;
  if (!message.groupId || !message.deduplicationId) throw new Error(`FIFO queue ${queueUrl} needs a group and a deduplication id on every message`);
  const deduplicationId = replayId === undefined ? message.deduplicationId : replayDeduplicationId(replayId, message.deduplicationId);
  return { ...entry, MessageGroupId: message.groupId, MessageDeduplicationId: deduplicationId };
}
