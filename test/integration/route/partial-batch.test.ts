import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublishBatchCommand, SubscribeCommand, CreateTopicCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { Context } from 'aws-lambda';
import type { JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../../functions/route/handler.js';
import { DynamoRecordCounts } from '../../../src/aws/dynamo-record-counts.js';
import { DynamoRecordStore } from '../../../src/aws/dynamo-record-store.js';
import { loadRuntimeConfig } from '../../../src/config/runtime-config.js';
import type { FeedEvent } from '../../../src/feeds/event.js';
import { FANOUT_CHUNK } from '../../../src/feeds/fanout.js';
import { resourceEnvName, resources, type ResourceModel } from '../../../src/infra/resources.js';
import { FileSigningKeys } from '../../../src/local/file-signing-keys.js';
import { provision } from '../../../src/local/provision.js';
import { systemClock } from '../../../src/ports/index.js';
import { nameOfItem } from '../../../src/ssot/record-items.js';
import { Consumer } from '../../../src/subscriber/consumer.js';
import { SeenEvents } from '../../../src/subscriber/dedupe.js';
import { runSubscriber, type SubscriberQueue } from '../../../src/subscriber/run.js';
import { SequenceTracker } from '../../../src/subscriber/sequence-tracker.js';
import { EventVerifier } from '../../../src/subscriber/verify.js';
import { validExamples } from '../../support/record-examples.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';
import { streamEvent, TableStream } from './stream-batches.js';

const TYPE = 'enforcement-decision';
/** Decisions in the batch: the enforcement feed publishes them in two chunks, the second of which fails once. */
const DECISIONS = 150;

/**
 * The route function on tables, topics and queues of this test's own: a batch of real stream
 * records whose enforcement topic refuses the second chunk. The handler answers with the record
 * to retry from; the retry from there (as the event source mapping sends it) publishes nothing of
 * the finished records again, and the live-record counters end equal to the records.
 */
describe('a route batch whose feed fails part-way, retried from the first unfinished record', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongyuan-route-partial-'));
  let shared: SharedAws;
  let stream: TableStream;
  let store: DynamoRecordStore;
  let counts: DynamoRecordCounts;
  let route: ReturnType<typeof createHandler>;
  let jwks: Awaited<ReturnType<FileSigningKeys['publicJwks']>>;
  const topics = new Map<'enforcement' | 'yrd', string>();
  const queues = new Map<'enforcement' | 'yrd', string>();
  let publishQueue: string;
  /** While armed, every PublishBatch to the enforcement topic carrying an event past the first chunk fails. */
  const outage = { armed: false, refused: 0 };

  beforeAll(async () => {
    shared = await useSharedAws();
    const { sns, sqs } = shared.clients;
    const suffix = uniqueSuffix();
    const table = (id: string) => ({ ...resources.tables.find((t) => t.id === id)!, id: `${id}-partial-${suffix}` });
    const model: ResourceModel = {
      tables: [table('records'), table('state'), table('feeds')],
      buckets: [],
      queues: [],
      topics: [],
      subscriptions: [],
      functions: [],
    };
    const { tableNames } = await provision(model, shared.clients);
    const tableOf = (id: string) => tableNames.get(`${id}-partial-${suffix}`)!;
    for (const feed of ['enforcement', 'yrd'] as const) {
      const fifo = { FifoTopic: 'true', ContentBasedDeduplication: 'false' };
      const topicArn = (await sns.send(new CreateTopicCommand({ Name: `${feed}-partial-${suffix}.fifo`, Attributes: fifo }))).TopicArn!;
      // A subscriber without ordering: a standard queue, which keeps every copy it is sent.
      const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `feed-${feed}-partial-${suffix}` }))).QueueUrl!;
      const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
      await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: { RawMessageDelivery: 'true' } }));
      topics.set(feed, topicArn);
      queues.set(feed, queueUrl);
    }
    publishQueue = (await sqs.send(new CreateQueueCommand({ QueueName: `publish-partial-${suffix}` }))).QueueUrl!;
    writeFileSync(
      join(dir, 'route-partial.yaml'),
      [
        'id: route-partial',
        'partner: zhejiang-justice',
        'name: 部分批次测试',
        'feeds: [enforcement, yrd]',
        'view: public',
        'ordering: none',
        'contact:',
        '  name: 值班',
        '  email: ops@example.org',
        '',
      ].join('\n'),
    );
    const keysFile = join(dir, 'feed-keys.json');
    jwks = await new FileSigningKeys(keysFile).publicJwks();
    const config = loadRuntimeConfig({
      ...shared.env,
      [resourceEnvName('table', 'records')]: tableOf('records'),
      [resourceEnvName('table', 'state')]: tableOf('state'),
      [resourceEnvName('table', 'feeds')]: tableOf('feeds'),
      [resourceEnvName('topic', 'enforcement')]: topics.get('enforcement')!,
      [resourceEnvName('topic', 'yrd')]: topics.get('yrd')!,
      [resourceEnvName('queue', 'publish')]: publishQueue,
      TONGYUAN_SUBSCRIBERS_DIR: dir,
      TONGYUAN_FEED_KEYS_FILE: keysFile,
    });
    const failingSns = new Proxy(sns, {
      get(target, prop, receiver) {
        if (prop !== 'send') return Reflect.get(target, prop, receiver) as unknown;
        return async (command: unknown) => {
          if (outage.armed && command instanceof PublishBatchCommand && command.input.TopicArn === topics.get('enforcement')) {
            const sequences = (command.input.PublishBatchRequestEntries ?? []).map((e) => Number((JSON.parse(e.Message!) as FeedEvent).sequence));
            if (sequences.some((s) => s > FANOUT_CHUNK)) {
              outage.refused += 1;
              throw new Error('enforcement topic unavailable');
            }
          }
          return target.send(command as never);
        };
      },
    });
    route = createHandler(config, { ...shared.clients, sns: failingSns });
    store = new DynamoRecordStore(shared.clients.doc, tableOf('records'), systemClock);
    counts = new DynamoRecordCounts(shared.clients.doc, tableOf('state'));
    stream = new TableStream(shared, tableOf('records'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Drains a subscriber queue with the reference subscriber, noting the event id of every message it received. */
  async function consume(feed: 'enforcement' | 'yrd') {
    const { sqs } = shared.clients;
    const queueUrl = queues.get(feed)!;
    const received: string[] = [];
    const queue: SubscriberQueue = {
      async receive() {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        received.push(...Messages.map((m) => (JSON.parse(m.Body!) as FeedEvent).id));
        return Messages.map((m) => ({ messageId: m.MessageId!, body: m.Body!, receiptHandle: m.ReceiptHandle!, attributes: m.Attributes ?? {} }));
      },
      async delete(handles) {
        for (let i = 0; i < handles.length; i += 10) {
          const entries = handles.slice(i, i + 10).map((ReceiptHandle, n) => ({ Id: String(n), ReceiptHandle }));
          await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
        }
      },
    };
    const tracker = new SequenceTracker(Number.POSITIVE_INFINITY);
    const delivered: string[] = [];
    const summary = await runSubscriber({
      consumer: new Consumer({
        verifier: new EventVerifier(async () => jwks as unknown as JSONWebKeySet),
        seen: new SeenEvents(),
        tracker,
        fetchObject: async () => '',
      }),
      tracker,
      queue,
      deliver: async (event) => void delivered.push(event.id),
      saveState: async () => undefined,
      report: () => undefined,
      now: () => new Date(),
      once: true,
    });
    const copies = new Map<string, number>();
    for (const id of received) copies.set(id, (copies.get(id) ?? 0) + 1);
    return { summary, delivered, copies };
  }

  const idOf = (record: StreamRecord) => {
    const item = unmarshall(record.dynamodb!.NewImage as never);
    const { recordType, recordId } = nameOfItem(item);
    return `${recordType}/${recordId}/v${String(item.version)}`;
  };

  it('answers with the first unfinished record, and the retry from it sends none of the finished records again', async () => {
    const decision = validExamples[TYPE];
    await store.upsert(
      Array.from({ length: DECISIONS }, (_, i) => ({
        recordType: TYPE,
        recordId: `partial-${i}`,
        record: { ...decision, decisionNumber: `绍柯市监罚〔2026〕${i + 1}号`, decisionDate: '2026-03-05', publicityEndDate: '2029-03-05' },
        provenance: { sourceId: 'partial', rawKey: 'raw/partial/x', index: i, sourceKey: `partial-${i}`, extractedAt: '2026-11-27T00:00:00.000Z' },
      })),
    );
    const records = await stream.newVersionRecords();
    expect(records).toHaveLength(DECISIONS);

    outage.armed = true;
    const first = await route(streamEvent(records), {} as Context);
    outage.armed = false;
    expect(outage.refused).toBeGreaterThan(0);
    // The first chunk's decisions went out on both feeds; the retry starts at the first decision of the second.
    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: records[FANOUT_CHUNK]!.dynamodb!.SequenceNumber! }] });
    expect((await counts.read()).live.get(TYPE)).toBe(FANOUT_CHUNK);

    const retry = await route(streamEvent(records.slice(FANOUT_CHUNK)), {} as Context);
    expect(retry).toEqual({ batchItemFailures: [] });
    expect((await counts.read()).live.get(TYPE)).toBe(DECISIONS);
    expect(await store.countCurrent(TYPE)).toBe(DECISIONS);

    // The failed feed: every event once, in one message.
    const enforcement = await consume('enforcement');
    expect(enforcement.copies.size).toBe(DECISIONS);
    expect([...enforcement.copies.values()].every((n) => n === 1)).toBe(true);
    expect(enforcement.summary).toMatchObject({ received: DECISIONS, accepted: DECISIONS, duplicates: 0, rejected: 0, gaps: 0 });
    // The other feed had sent the unfinished decisions' events already: those, and only those, came twice.
    const yrd = await consume('yrd');
    const twice = [...yrd.copies].filter(([, n]) => n === 2).map(([id]) => id);
    expect(twice.sort()).toEqual(records.slice(FANOUT_CHUNK).map(idOf).sort());
    expect([...yrd.copies.values()].every((n) => n <= 2)).toBe(true);
    expect(yrd.copies.size).toBe(DECISIONS);
    const duplicates = DECISIONS - FANOUT_CHUNK;
    expect(yrd.summary).toMatchObject({ received: DECISIONS + duplicates, accepted: DECISIONS, duplicates, rejected: 0, gaps: 0 });
    // The subscriber handed each event to its application once.
    expect(new Set(yrd.delivered).size).toBe(yrd.delivered.length);

    // A release for each invocation, each from what it finished: the first as of its last finished decision.
    const { Messages = [] } = await shared.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: publishQueue, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    const requested = Messages.map((m) => JSON.parse(m.Body!) as { datasetId: string; requestedAt: string });
    const newestStored = (batch: readonly StreamRecord[]) =>
      new Date(Math.max(...batch.map((r) => Date.parse((unmarshall(r.dynamodb!.NewImage as never) as { storedAt: string }).storedAt)))).toISOString();
    expect(requested.filter((r) => r.datasetId === 'enforcement-decisions').map((r) => r.requestedAt)).toEqual([
      newestStored(records.slice(0, FANOUT_CHUNK)),
      newestStored(records.slice(FANOUT_CHUNK)),
    ]);

    // The retry delivered again (its answer lost): the counters' marker, keyed by its first record, keeps it counted once.
    expect(await route(streamEvent(records.slice(FANOUT_CHUNK)), {} as Context)).toEqual({ batchItemFailures: [] });
    expect((await counts.read()).live.get(TYPE)).toBe(DECISIONS);
  });
});
