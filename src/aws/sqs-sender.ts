import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { MessageSender } from '../ports/index.js';
import { awsClients } from './clients.js';

/** SendMessageBatch takes at most 10 entries. */
const SQS_BATCH_LIMIT = 10;
const MAX_ATTEMPTS = 5;

export class SqsSender implements MessageSender {
  constructor(private readonly queueUrl: string) {}

  async send(bodies: readonly string[], options: { readonly delaySeconds?: number } = {}): Promise<void> {
    for (let start = 0; start < bodies.length; start += SQS_BATCH_LIMIT) {
      let pending = bodies.slice(start, start + SQS_BATCH_LIMIT).map((body, i) => ({ Id: String(i), MessageBody: body, DelaySeconds: options.delaySeconds }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const out = await awsClients().sqs.send(new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }));
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        if (failed.size > 0 && attempt >= MAX_ATTEMPTS) {
          const reasons = (out.Failed ?? []).map((f) => `${f.Code ?? '?'}: ${f.Message ?? ''}`).join('; ');
          throw new Error(`SQS refused ${failed.size} message(s) to ${this.queueUrl} after ${attempt} attempts: ${reasons}`);
        }
        pending = pending.filter((entry) => failed.has(entry.Id));
        if (pending.length > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }
}
