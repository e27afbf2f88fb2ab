import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { CreateTopicCommand, DeleteTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloadKey, type FeedPayloads } from '../../../src/aws/feed-claim-check.js';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import { SnsFeedPublisher } from '../../../src/aws/sns-publisher.js';
import { SqsFeedSender } from '../../../src/aws/sqs-feed-sender.js';
import type { FeedMessage } from '../../../src/ports/index.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

/** A feed message shaped as feedMessage() makes it: grouped by record, deduplicated by event id and view. */
function message(recordId: string, version: number, view = 'public', padding = ''): FeedMessage {
  const id = `gazette_doc/${recordId}/v${version}`;
  const event = {
    specversion: '1.0',
    id,
    source: '/shaoxing/tongyuan/gazette',
    type: 'cn.gov.shaoxing.tongyuan.gazette.document.published.v1',
    subject: recordId,
    sequence: String(version),
    data: { recordId, version, view, record: { title: `第${version}版`, body: padding } },
    signature: 'sig..x',
  };
  return {
    body: JSON.stringify(event),
    attributes: { type: event.type, entity: 'document', action: 'published', district: '越城区', view },
    groupId: recordId,
    deduplicationId: `${id}|${view}`.replace(/[^A-Za-z0-9|]/g, '_'),
  };
}

async function drain(aws: SharedAws, queueUrl: string, expected: number): Promise<Message[]> {
  const received: Message[] = [];
  // Stop once the expected count is in and one more empty poll shows nothing else arrives.
  for (let polls = 0; polls < 30; polls++) {
    const out = await aws.clients.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 60, MessageAttributeNames: ['All'] }),
    );
    const batch = out.Messages ?? [];
    received.push(...batch);
    // A FIFO queue holds back a group's next message until the one in flight is deleted.
    if (batch.length > 0)
      await aws.clients.sqs.send(
        new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
      );
    if (batch.length === 0 && received.length >= expected) break;
  }
  return received;
}

describe('SnsFeedPublisher on a FIFO topic', () => {
  let aws: SharedAws;
  let topicArn: string;
  let queueUrl: string;
  let payloads: FeedPayloads;
  const suffix = uniqueSuffix();

  beforeAll(async () => {
    aws = await useSharedAws();
    const bucket = aws.config.resources.bucket('feed-payloads');
    payloads = { bucket, store: new S3ObjectStore(aws.clients.s3, bucket) };
    topicArn = (
      await aws.clients.sns.send(
        new CreateTopicCommand({ Name: `feed-test-${suffix}.fifo`, Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'false' } }),
      )
    ).TopicArn!;
    queueUrl = (
      await aws.clients.sqs.send(
        new CreateQueueCommand({ QueueName: `feed-test-${suffix}.fifo`, Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' } }),
      )
    ).QueueUrl!;
    const queueArn = (await aws.clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    await aws.clients.sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: queueArn,
        Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ view: ['public'] }), FilterPolicyScope: 'MessageAttributes' },
      }),
    );
  });

  afterAll(async () => {
    await aws.clients.sns.send(new DeleteTopicCommand({ TopicArn: topicArn }));
    await aws.clients.sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  });

  it('keeps order per record, drops a repeated deduplication id and what the filter refuses, and sends a large event by pointer', async () => {
    const a = `a-${suffix}`;
    const b = `b-${suffix}`;
    const big = message(b, 3, 'public', 'x'.repeat(300 * 1024));
    const publisher = new SnsFeedPublisher(aws.clients.sns, topicArn, payloads);
    await publisher.publish([message(a, 1), message(b, 1), message(a, 2), message(a, 1, 'partner-government'), message(b, 2), message(a, 3), big]);
    // Redelivered by a retried route batch: the same deduplication id, dropped by the FIFO queue.
    await publisher.publish([message(a, 2)]);

    const received = await drain(aws, queueUrl, 6);
    const events = received.map((m) => JSON.parse(m.Body!) as { id: string; subject: string; data?: unknown; dataref?: string });
    const versionsOf = (record: string) => events.filter((e) => e.subject === record).map((e) => e.id.split('/').at(-1));
    expect(versionsOf(a)).toEqual(['v1', 'v2', 'v3']);
    expect(versionsOf(b)).toEqual(['v1', 'v2', 'v3']);
    expect(received.every((m) => m.MessageAttributes?.view?.StringValue === 'public')).toBe(true);

    const pointer = events.find((e) => e.id === `gazette_doc/${b}/v3`)!;
    const key = payloadKey('gazette', pointer.id, 'public');
    expect(pointer.data).toBeUndefined();
    expect(pointer.dataref).toBe(`s3://${payloads.bucket}/${key}`);
    const stored = await payloads.store.get(key);
    expect(JSON.parse(new TextDecoder().decode(stored))).toEqual(JSON.parse(big.body));
  });

  it('sends a replay straight to the queue past the live deduplication ids', async () => {
    const c = `c-${suffix}`;
    const publisher = new SnsFeedPublisher(aws.clients.sns, topicArn, payloads);
    await publisher.publish([message(c, 1), message(c, 2)]);
    const sender = new SqsFeedSender(aws.clients.sqs, payloads);
    // Within the five-minute window: without the replay id both would be dropped as duplicates.
    await sender.send(queueUrl, [message(c, 1), message(c, 2)], { replayId: `r-${suffix}` });
    const received = await drain(aws, queueUrl, 4);
    expect(received.map((m) => (JSON.parse(m.Body!) as { id: string }).id.split('/').at(-1))).toEqual(['v1', 'v2', 'v1', 'v2']);
  });
});
