import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { CLAIM_CHECK_BYTES } from '../../../src/aws/feed-claim-check.js';
import { packBatches } from '../../../src/aws/pack-batches.js';
import { lanesOf, PUBLISH_LANES, SnsFeedPublisher } from '../../../src/aws/sns-publisher.js';
import { replayDeduplicationId, SqsFeedSender } from '../../../src/aws/sqs-feed-sender.js';
import type { FeedMessage } from '../../../src/ports/index.js';
import { noBackoff } from './mock-clients.js';

const offline = { region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
const KiB = 1024;

const message = (n: number, bodyBytes = 10): FeedMessage => ({
  body: JSON.stringify({ id: `t/r${n}/v1`, source: '/shaoxing/tongyuan/yrd', pad: 'x'.repeat(bodyBytes) }),
  attributes: { view: 'public' },
  groupId: `r${n}`,
  deduplicationId: `d${n}`,
});

describe('feed transport batching', () => {
  const sns = new SNSClient(offline);
  const sqs = new SQSClient(offline);
  const snsMock = mockClient(sns);
  const sqsMock = mockClient(sqs);
  beforeEach(() => {
    snsMock.reset();
    sqsMock.reset();
    noBackoff();
  });

  it('packs by count and by size, in order', () => {
    expect(packBatches([1, 2, 3, 4, 5], () => 1, 2, 100)).toEqual([[1, 2], [3, 4], [5]]);
    expect(packBatches([60, 50, 40, 10, 120], (n) => n, 10, 100)).toEqual([[60], [50, 40, 10], [120]]);
  });

  it('publishes ten small events per call and as many large ones as fit 256 KiB, with FIFO ids on a FIFO topic', async () => {
    snsMock.on(PublishBatchCommand).resolves({});
    const small = Array.from({ length: 12 }, (_, i) => message(i));
    const large = Array.from({ length: 3 }, (_, i) => message(100 + i, 100 * KiB));
    await new SnsFeedPublisher(sns, 'arn:aws:sns:eu-central-1:1:tongyuan-yrd.fifo').publish([...small, ...large]);
    const calls = snsMock.commandCalls(PublishBatchCommand).map((c) => c.args[0].input.PublishBatchRequestEntries!);
    // Two lanes (15 messages make two full batches' worth), each within both limits.
    expect(calls).toHaveLength(2);
    for (const entries of calls) {
      expect(entries.length).toBeLessThanOrEqual(10);
      expect(entries.reduce((n, e) => n + Buffer.byteLength(e.Message!), 0)).toBeLessThanOrEqual(256 * KiB);
    }
    expect(
      calls
        .flat()
        .map((e) => e.MessageGroupId)
        .sort(),
    ).toEqual([...small, ...large].map((m) => m.groupId).sort());
    expect(calls.flat().find((e) => e.MessageGroupId === 'r3')).toMatchObject({
      MessageDeduplicationId: 'd3',
      MessageAttributes: { view: { DataType: 'String', StringValue: 'public' } },
    });
  });

  it('publishes lanes side by side, each record in one lane and in order, costing at most one call per lane more than packing', () => {
    const messages = Array.from({ length: 400 }, (_, i) => ({ groupId: `r${i % 37}`, n: i }));
    const lanes = lanesOf(messages, 10);
    expect(lanes).toHaveLength(PUBLISH_LANES);
    for (const lane of lanes)
      for (const group of new Set(lane.map((m) => m.groupId))) {
        expect(lanes.filter((l) => l.some((m) => m.groupId === group))).toHaveLength(1);
        const ns = lane.filter((m) => m.groupId === group).map((m) => m.n);
        expect(ns).toEqual([...ns].sort((a, b) => a - b));
      }
    expect(lanes.reduce((calls, lane) => calls + Math.ceil(lane.length / 10), 0)).toBeLessThanOrEqual(40 + PUBLISH_LANES);
    expect(lanesOf(messages.slice(0, 9), 10)).toHaveLength(1);
  });

  it('leaves group and deduplication ids off a standard topic and queue', async () => {
    snsMock.on(PublishBatchCommand).resolves({});
    sqsMock.on(SendMessageBatchCommand).resolves({});
    await new SnsFeedPublisher(sns, 'arn:aws:sns:eu-central-1:1:plain').publish([message(1)]);
    await new SqsFeedSender(sqs).send('https://sqs/1/plain', [message(1)]);
    expect(snsMock.commandCalls(PublishBatchCommand)[0]!.args[0].input.PublishBatchRequestEntries![0]!.MessageGroupId).toBeUndefined();
    expect(sqsMock.commandCalls(SendMessageBatchCommand)[0]!.args[0].input.Entries![0]!.MessageDeduplicationId).toBeUndefined();
  });

  it('gives a replay its own deduplication ids on a FIFO queue, and keeps the live ones otherwise', async () => {
    sqsMock.on(SendMessageBatchCommand).resolves({});
    const sender = new SqsFeedSender(sqs);
    await sender.send('https://sqs/1/tongyuan-feed-sh.fifo', [message(1)]);
    await sender.send('https://sqs/1/tongyuan-feed-sh.fifo', [message(1)], { replayId: 'r1' });
    const ids = sqsMock.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input.Entries![0]!.MessageDeduplicationId);
    expect(ids).toEqual(['d1', replayDeduplicationId('r1', 'd1')]);
    expect(replayDeduplicationId('r2', 'd1')).not.toBe(ids[1]);
  });

  it('refuses an event over the limit when no payload bucket is configured', async () => {
    await expect(new SnsFeedPublisher(sns, 'arn:t.fifo').publish([message(1, CLAIM_CHECK_BYTES)])).rejects.toThrow(/no payload bucket is configured/);
    expect(snsMock.commandCalls(PublishBatchCommand)).toHaveLength(0);
  });
});
