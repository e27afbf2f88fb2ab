import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoFeedLog } from '../../../src/aws/dynamo-feed-log.js';
import { SnsFeedPublisher } from '../../../src/aws/sns-publisher.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { genesisHash, headHash, headOf } from '../../../src/feeds/canonical.js';
import { feedChangesOf } from '../../../src/feeds/classify.js';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { fanOut, type FanoutDeps } from '../../../src/feeds/fanout.js';
import { generateFeedKeySet, publicSetOf } from '../../../src/feeds/feed-keys.js';
import { JwkFeedSigner, verifyEventSignature } from '../../../src/feeds/signature.js';
import { filterPolicy } from '../../../src/feeds/subscriber-filter.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { MemoryDeliveryLedger, subscriber } from '../../support/memory-feeds.js';

const RECORDS = 8;
const VERSIONS = 6;
const rules = { periods: [{ decisionKind: 'penalty' as const, months: 36, rule: 'r', source: 's' }] };
const decisions: DatasetConfig = { id: 'decisions', ...DATASET_DEFAULTS, recordType: 'enforcement-decision', disclosure: rules };

const version = (recordId: string, n: number): StoredVersion => ({
  recordType: 'enforcement-decision',
  recordId,
  version: n,
  contentHash: `h-${recordId}-${n}`,
  storedAt: new Date(Date.UTC(2026, 10, 27, 2, 0, n)).toISOString(),
  record: { decisionNumber: recordId, caseName: `案件 ${recordId} 第${n}版`, decisionDate: '2026-03-02', publicityEndDate: '2027-03-02', status: 'in-force' },
  provenance: { sourceId: 's', rawKey: 'raw/s/x', index: 0, sourceKey: recordId, extractedAt: '2026-11-27T00:00:00Z' },
});

describe('ordering per record on a FIFO feed under concurrent routing', () => {
  let aws: SharedAws;
  let deps: FanoutDeps;
  let queueUrl: string;
  let jwks: Awaited<ReturnType<typeof publicSetOf>>;

  beforeAll(async () => {
    aws = await useSharedAws();
    const { sns, sqs } = aws.clients;
    const suffix = uniqueSuffix();
    const reader = subscriber({ id: `ordered-${suffix}`.slice(0, 38), feeds: ['enforcement'], view: 'public' });
    const topicArn = (
      await sns.send(new CreateTopicCommand({ Name: `ordering-${suffix}.fifo`, Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'false' } }))
    ).TopicArn!;
    queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `ordering-${suffix}.fifo`, Attributes: { FifoQueue: 'true' } }))).QueueUrl!;
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: queueArn,
        Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify(filterPolicy(reader)), FilterPolicyScope: 'MessageAttributes' },
      }),
    );
    const keys = await generateFeedKeySet();
    jwks = await publicSetOf(keys, 'test keys');
    deps = {
      // The shared table, under a prefix of this test's own: a feed log no other test appends to.
      log: new DynamoFeedLog(aws.clients.doc, aws.config.resources.table('feeds'), { keyPrefix: `${suffix}:` }),
      signer: new JwkFeedSigner(async () => keys),
      publisher: () => new SnsFeedPublisher(sns, topicArn),
      subscribers: [reader],
      deliveries: new MemoryDeliveryLedger(),
      now: () => new Date('2026-11-27T03:00:00Z'),
    };
  });

  it('keeps each record in version order in the subscriber queue, with sequences gapless and chained across concurrent appenders', async () => {
    // Each record's versions come in order, two at a time (one stream shard's batches); the records' shards run side by side.
    const shard = async (recordId: string) => {
      for (let n = 1; n <= VERSIONS; n += 2) {
        const changes = feedChangesOf([version(recordId, n), version(recordId, n + 1)], {
          datasets: [decisions],
          freeTextColumns: () => [],
          today: '2026-11-27',
        });
        await fanOut(changes, deps);
      }
    };
    await Promise.all(Array.from({ length: RECORDS }, (_, i) => shard(`绍罚〔2026〕${i + 1}号`)));

    const received: FeedEvent[] = [];
    for (let empty = 0; empty < 3 && received.length < RECORDS * VERSIONS;) {
      const out = await aws.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      const batch = out.Messages ?? [];
      empty = batch.length === 0 ? empty + 1 : 0;
      received.push(...batch.map((m) => JSON.parse(m.Body!) as FeedEvent));
      if (batch.length > 0)
        await aws.clients.sqs.send(
          new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }),
        );
    }
    expect(received).toHaveLength(RECORDS * VERSIONS);
    for (const recordId of new Set(received.map((e) => e.subject))) {
      expect(received.filter((e) => e.subject === recordId).map((e) => e.data.version)).toEqual([1, 2, 3, 4, 5, 6]);
    }
    const bySequence = [...received].sort((a, b) => Number(a.sequence) - Number(b.sequence));
    expect(bySequence.map((e) => Number(e.sequence))).toEqual(bySequence.map((_, i) => i + 1));
    expect(bySequence[0]!.prevhash).toBe(genesisHash('enforcement'));
    for (let i = 1; i < bySequence.length; i += 1)
      expect(bySequence[i]!.prevhash).toBe(headHash(headOf(bySequence[i - 1]! as unknown as Record<string, unknown>)));
    for (const event of received) expect((await verifyEventSignature(event as unknown as Record<string, unknown>, jwks)).valid).toBe(true);
  });
});
