import { PublishBatchCommand } from '@aws-sdk/client-sns';
import type { FeedMessage, FeedPublisher } from '../ports/index.js';
import { awsClients } from './clients.js';

/** PublishBatch takes at most 10 entries (and 256 KiB in all). */
const SNS_BATCH_LIMIT = 10;
const MAX_ATTEMPTS = 5;

export class SnsFeedPublisher implements FeedPublisher {
  constructor(private readonly topicArn: string) {}

  async publish(messages: readonly FeedMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += SNS_BATCH_LIMIT) {
      let pending = messages.slice(start, start + SNS_BATCH_LIMIT).map((m, i) => ({
        Id: String(i),
        Message: m.body,
        MessageAttributes: m.attributes
          ? Object.fromEntries(Object.entries(m.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]))
          : undefined,
      }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const out = await awsClients().sns.send(new PublishBatchCommand({ TopicArn: this.topicArn, PublishBatchRequestEntries: pending }));
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        if (failed.size > 0 && attempt >= MAX_ATTEMPTS) {
          const reasons = (out.Failed ?? []).map((f) => `${f.Code ?? '?'}: ${f.Message ?? ''}`).join('; ');
          throw new Error(`SNS refused ${failed.size} message(s) to ${this.topicArn} after ${attempt} attempts: ${reasons}`);
        }
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }
}
