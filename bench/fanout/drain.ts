import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

export interface Drained {
  /** Milliseconds from each message's commit stamp to its arrival in the queue (SQS SentTimestamp). */
  readonly latencies: number[];
  readonly received: number;
  /** Event ids received more than once (a FIFO queue must have none; a standard queue may). */
  readonly duplicates: number;
  /** Messages whose event id had no commit stamp (must be 0). */
  readonly unknown: number;
}

/**
 * Receives and deletes every message of a queue until `expected` arrived or it stayed empty for
 * `idleMs`. Arrival is the message's SentTimestamp, so when the queue is drained does not change
 * the latency measured.
 */
export async function drain(
  sqs: SQSClient,
  queueUrl: string,
  expected: number,
  stampOf: (eventId: string) => number | undefined,
  idleMs = 3000,
): Promise<Drained> {
  const latencies: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let unknown = 0;
  let lastSeen = Date.now();
  while (seen.size + duplicates < expected || expected === 0) {
    const out = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['SentTimestamp'] }),
    );
    const messages = out.Messages ?? [];
    if (messages.length === 0) {
      if (Date.now() - lastSeen > idleMs) break;
      continue;
    }
    lastSeen = Date.now();
    for (const m of messages) {
      const { id = '', source = '' } = JSON.parse(m.Body ?? '{}') as { id?: string; source?: string };
      // An event is its source and id: one decision on enforcement and yrd is two events, not a duplicate.
      const key = `${source} ${id}`;
      if (seen.has(key)) duplicates += 1;
      seen.add(key);
      const stamp = stampOf(id);
      if (stamp === undefined) unknown += 1;
      else latencies.push(Number(m.Attributes?.SentTimestamp ?? Date.now()) - stamp);
    }
    await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
    );
  }
  return { latencies, received: seen.size + duplicates, duplicates, unknown };
}

/** The q-quantile (nearest rank) of an ascending list. */
export const quantile = (sorted: readonly number[], q: number): number => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
