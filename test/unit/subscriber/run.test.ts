import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { Consumer } from '../../../src/subscriber/consumer.js';
import { SeenEvents } from '../../../src/subscriber/dedupe.js';
import { subscriberOfQueue } from '../../../src/subscriber/receipts.js';
import { runSubscriber, summaryLine, type QueueMessage, type SubscriberQueue } from '../../../src/subscriber/run.js';
import { SequenceTracker } from '../../../src/subscriber/sequence-tracker.js';
import { EventVerifier } from '../../../src/subscriber/verify.js';
import { jwksOf, newKeys, signedFeed } from './feed-events.js';

/** A queue in memory: a received message is invisible until deleted or the batch after next (a short visibility timeout). */
class MemoryQueue implements SubscriberQueue {
  readonly deleted = new Set<string>();
  private polls = 0;
  constructor(private readonly batches: readonly (readonly QueueMessage[])[]) {}
  async receive() {
    const batch = this.batches[this.polls++] ?? this.batches.flat().filter((m) => !this.deleted.has(m.receiptHandle));
    return batch.filter((m) => !this.deleted.has(m.receiptHandle));
  }
  async delete(handles: readonly string[]) {
    for (const h of handles) this.deleted.add(h);
  }
}

const message = (id: string, body: string, sentAt: number): QueueMessage => ({
  messageId: id,
  body,
  receiptHandle: `rh-${id}`,
  attributes: { SentTimestamp: String(sentAt) },
});

describe('runSubscriber', () => {
  it('delivers accepted events, deletes accepted and duplicate messages, leaves rejected ones, acknowledges each batch', async () => {
    const keys = await newKeys();
    const jwks = await jwksOf(keys);
    const events = await signedFeed(5, keys);
    const json = (e: FeedEvent) => JSON.stringify(e);
    const tampered = JSON.stringify({ ...events[3]!, data: { ...events[3]!.data, recordId: 'other' } });
    const queue = new MemoryQueue([
      [message('m1', json(events[0]!), Date.UTC(2026, 10, 27, 1)), message('m2', json(events[1]!), Date.UTC(2026, 10, 27, 2))],
      [message('m3', json(events[1]!), Date.UTC(2026, 10, 27, 3)), message('m4', tampered, Date.UTC(2026, 10, 27, 4)), message('m5', json(events[4]!), 0)],
    ]);
    const tracker = new SequenceTracker(10);
    const delivered: string[] = [];
    const receipts: unknown[] = [];
    const reports: string[] = [];
    let saves = 0;
    const summary = await runSubscriber({
      consumer: new Consumer({ verifier: new EventVerifier(async () => jwks), seen: new SeenEvents(), tracker, fetchObject: async () => '' }),
      tracker,
      queue,
      deliver: async (e) => void delivered.push(e.sequence),
      saveState: async () => void (saves += 1),
      sendReceipt: async (b) => void receipts.push(JSON.parse(b)),
      subscriber: 'partner-a',
      report: (line) => reports.push(line),
      now: () => new Date('2026-11-27T05:00:00Z'),
      once: true,
    });
    expect(delivered).toEqual(['1', '2', '5']);
    expect([...queue.deleted].sort()).toEqual(['rh-m1', 'rh-m2', 'rh-m3', 'rh-m5']);
    expect(summary).toEqual({ received: 5, accepted: 3, duplicates: 1, rejected: 1, gaps: 1, brokenChains: 0 });
    expect(reports).toEqual([expect.stringMatching(/^rejected: normative-document\/doc-4\/v1: bad signature/), 'gazette: 3–4 missing']);
    expect(saves).toBeGreaterThanOrEqual(2);
    expect(receipts).toEqual([
      {
        subscriber: 'partner-a',
        receipts: [
          { eventId: events[0]!.id, feed: 'gazette', sequence: 1, deliveredAt: '2026-11-27T01:00:00.000Z', consumedAt: '2026-11-27T05:00:00.000Z' },
          { eventId: events[1]!.id, feed: 'gazette', sequence: 2, deliveredAt: '2026-11-27T02:00:00.000Z', consumedAt: '2026-11-27T05:00:00.000Z' },
        ],
      },
      {
        subscriber: 'partner-a',
        receipts: [{ eventId: events[4]!.id, feed: 'gazette', sequence: 5, deliveredAt: '1970-01-01T00:00:00.000Z', consumedAt: '2026-11-27T05:00:00.000Z' }],
      },
    ]);
  });

  it('hands an event delivered twice to the application once, and counts the second copy as a duplicate, within a run and across runs', async () => {
    const keys = await newKeys();
    const jwks = await jwksOf(keys);
    const [event] = await signedFeed(1, keys);
    const body = JSON.stringify(event);
    const seen = new SeenEvents();
    const run = async (queue: MemoryQueue) => {
      const tracker = new SequenceTracker(10);
      const delivered: string[] = [];
      const summary = await runSubscriber({
        consumer: new Consumer({ verifier: new EventVerifier(async () => jwks), seen, tracker, fetchObject: async () => '' }),
        tracker,
        queue,
        deliver: async (e) => void delivered.push(e.id),
        saveState: async () => undefined,
        report: () => undefined,
        now: () => new Date('2026-11-27T05:00:00Z'),
        once: true,
      });
      return { summary, delivered };
    };
    // A route retried whole published the event again: two SQS messages, one event id.
    const queue = new MemoryQueue([[message('m1', body, 1)], [message('m2', body, 2)]]);
    const first = await run(queue);
    expect(first.delivered).toEqual([event!.id]);
    expect(first.summary).toEqual({ received: 2, accepted: 1, duplicates: 1, rejected: 0, gaps: 0, brokenChains: 0 });
    expect(summaryLine(first.summary)).toBe('2 received: 1 accepted, 1 duplicate(s) dropped, 0 rejected; 0 gap(s), 0 broken chain link(s)');
    expect([...queue.deleted].sort()).toEqual(['rh-m1', 'rh-m2']);
    // A later run with the saved ids: a third copy is dropped too.
    const again = await run(new MemoryQueue([[message('m3', body, 3)]]));
    expect(again.delivered).toEqual([]);
    expect(again.summary).toMatchObject({ received: 1, accepted: 0, duplicates: 1 });
  });

  it('names the subscriber from its feed queue', () => {
    expect(subscriberOfQueue('http://127.0.0.1:4566/000000000000/tongyuan-feed-hz-data.fifo')).toBe('hz-data');
    expect(subscriberOfQueue('https://sqs.cn-north-1.amazonaws.com.cn/1/tongyuan-feed-nb')).toBe('nb');
    expect(subscriberOfQueue('https://sqs.cn-north-1.amazonaws.com.cn/1/other-queue')).toBeUndefined();
  });
});
