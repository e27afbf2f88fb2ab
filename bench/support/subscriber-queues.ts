import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** Receives in flight per subscriber queue (tongyuan subscribe's loop: receive 10, long poll, delete the batch). */
const READERS_PER_QUEUE = 2;

/**
 * Plays the subscribers a deployment has: each reads its queue and deletes what it received,
 * so feed messages do not pile up in the emulator as they would with nobody reading. Messages
 * are not verified here: that work is the subscriber's, not the platform's. Uses a client of
 * its own, so its requests are not counted as the stack's.
 */
export function consumeSubscriberQueues(sqs: SQSClient, queueUrls: readonly string[]): { consumed: () => number; stop: () => Promise<void> } {
  let running = true;
  let consumed = 0;
  const polls = new AbortController();
  const read = async (queueUrl: string) => {
    while (running) {
      try {
        const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }), {
          abortSignal: polls.signal,
        });
        const messages = out.Messages ?? [];
        if (messages.length === 0) continue;
        await sqs.send(
          new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
        );
        consumed += messages.length;
      } catch (error) {
        if (!running) return;
        throw error;
      }
    }
  };
  const readers = queueUrls.flatMap((url) => Array.from({ length: READERS_PER_QUEUE }, () => read(url)));
  return {
    consumed: () => consumed,
    async stop() {
      running = false;
      polls.abort();
      await Promise.all(readers);
    },
  };
}
