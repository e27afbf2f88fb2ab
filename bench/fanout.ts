/**
 * Feed fan-out: N SSOT versions (default 10,000; `--changes N` or BENCH_FANOUT_CHANGES) of the
 * record types the feeds carry, in batches as the route's stream trigger takes them, each
 * batch stamped as committed (storedAt) then classified (feedChangesOf) and fanned out (fanOut:
 * feed log in DynamoDB Local, a signed event per view, PublishBatch to the three FIFO feed topics
 * in fauxqs) to five subscriber queues, FIFO and standard, both views, some filtered. Latency is
 * commit → arrival in each subscriber queue (SQS SentTimestamp), p50/p99 over every delivery.
 * Floor, same run: the same events (the same bodies, the same batches) sent with
 * SendMessageBatch straight into one queue. Requests are counted by SDK middleware.
 */
import { randomUUID } from 'node:crypto';
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { freeTextColumns } from '../src/app/record-type-rules.js';
import { requestCounter } from '../src/aws/request-counter.js';
import { resources } from '../src/infra/resources.js';
import { sendInBatches } from '../src/aws/send-in-batches.js';
import { chinaDate } from '../src/calendar/index.js';
import { generateFeedKeySet } from '../src/feeds/feed-keys.js';
import { eventType, FEED_IDS, type FeedId } from '../src/feeds/feeds.js';
import { SnsFeedPublisher } from '../src/aws/sns-publisher.js';
import { feedChangesOf } from '../src/feeds/classify.js';
import { fanOut, type FanoutDeps } from '../src/feeds/fanout.js';
import { JwkFeedSigner } from '../src/feeds/signature.js';
import { filterPolicy, matchesFilter } from '../src/feeds/subscriber-filter.js';
import type { FeedMessage } from '../src/ports/index.js';
import { drain } from './fanout/drain.js';
import { report } from './fanout/report.js';
import { BENCH_SUBSCRIBERS, createTransport, floorQueue } from './fanout/subscribers.js';
import { benchVersions } from './fanout/versions.js';
import { startBenchEmulators } from './support/emulators.js';

process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
const flag = process.argv.indexOf('--changes');
const count = Number(flag >= 0 ? process.argv[flag + 1] : (process.env.BENCH_FANOUT_CHANGES ?? 10_000));
if (!Number.isInteger(count) || count < 1) throw new Error('--changes takes a positive whole number');
// Batches as the route function's stream trigger takes them (src/infra/resources.ts).
const routeTrigger = resources.functions.find((f) => f.id === 'route')!.triggers.find((t) => t.kind === 'stream')!;
const BATCH = routeTrigger.batchSize;

const versions = benchVersions(count);

const aws = await startBenchEmulators();
try {
  const { app } = aws;
  const { sqs, sns } = app.clients;
  const suffix = randomUUID().slice(0, 8);
  const transport = await createTransport(app.clients, BENCH_SUBSCRIBERS, filterPolicy, suffix);
  // The feed log and the delivery ledger in DynamoDB Local: their requests count with the publishing ones.
  const adapters = {
    classify: feedChangesOf,
    log: app.feedLog(),
    deliveries: app.deliveryLedger(),
    publisher: (topicArn: string) => new SnsFeedPublisher(sns, topicArn),
  };
  const { datasets } = await app.catalog();
  const keys = await generateFeedKeySet();
  const published: FeedMessage[][] = [];
  const deps: FanoutDeps = {
    log: adapters.log,
    signer: new JwkFeedSigner(async () => keys),
    publisher: (feed) => {
      const inner = adapters.publisher(transport.topics.get(feed)!);
      // Kept by reference (no work in the timed path): the floor sends the same bodies.
      return { publish: (messages) => (published.push(messages as FeedMessage[]), inner.publish(messages)) };
    },
    subscribers: BENCH_SUBSCRIBERS,
    deliveries: adapters.deliveries,
    now: () => new Date(),
  };

  // The fan-out, batch by batch: the commit stamp is each batch's storedAt.
  const stamps = new Map<string, number>();
  const batchOf = new Map<string, number>();
  const expected = new Map<string, number>(BENCH_SUBSCRIBERS.map((s) => [s.id, 0]));
  // An event id can reach one queue from two feeds (an enforcement decision is on enforcement and yrd).
  const expectedIds = new Map(BENCH_SUBSCRIBERS.map((s) => [s.id, new Set<string>()]));
  const eventsPerFeed = new Map<FeedId, number>(FEED_IDS.map((f) => [f, 0]));
  const batchMs: number[] = [];
  let events = 0;
  let messages = 0;
  requestCounter.reset();
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0, b = 0; i < versions.length; i += BATCH, b++) {
    const committed = new Date();
    const batch = versions.slice(i, i + BATCH).map((v) => ({ ...v, storedAt: committed.toISOString() }));
    const changes = adapters.classify(batch, { datasets, freeTextColumns, today: chinaDate(committed) });
    const outcome = await fanOut(changes, deps);
    batchMs.push(Date.now() - committed.getTime());
    events += outcome.events;
    messages += outcome.messages;
    for (const c of changes) {
      stamps.set(c.id, committed.getTime());
      batchOf.set(c.id, b);
      eventsPerFeed.set(c.feed, eventsPerFeed.get(c.feed)! + 1);
      const attributes = { type: eventType(c.feed, c.entity, c.action), entity: c.entity, action: c.action, district: c.district };
      for (const s of BENCH_SUBSCRIBERS)
        if (s.feeds.includes(c.feed) && matchesFilter(s, { ...attributes, view: s.view })) {
          expected.set(s.id, expected.get(s.id)! + 1);
          expectedIds.get(s.id)!.add(c.id);
        }
    }
  }
  const fanoutMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const fanoutRequests = new Map(requestCounter.requests);

  // Every subscriber queue drained; arrival is the SentTimestamp, so draining afterwards measures the same.
  requestCounter.reset();
  const drained = await Promise.all(BENCH_SUBSCRIBERS.map((s) => drain(sqs, transport.queues.get(s.id)!, expected.get(s.id)!, (id) => stamps.get(id))));
  const receiveRequests = new Map(requestCounter.requests);

  // The floor: the first body of each event, in the same batches, SendMessageBatch into one queue.
  const bodies = new Map<string, string>();
  for (const m of published.flat()) {
    const id = (JSON.parse(m.body) as { id: string }).id;
    if (!bodies.has(id)) bodies.set(id, m.body);
  }
  const batches: { id: string; body: string }[][] = [];
  for (const [id, body] of bodies) (batches[batchOf.get(id)!] ??= []).push({ id, body });
  const floorUrl = await floorQueue(app.clients, suffix);
  const floorStamps = new Map<string, number>();
  requestCounter.reset();
  const floorStarted = performance.now();
  for (const batch of batches) {
    const committed = Date.now();
    for (const { id } of batch) floorStamps.set(id, committed);
    const entries = batch.map(({ body }, i) => ({ Id: String(i), MessageBody: body }));
    await sendInBatches(entries, 10, (part) => sqs.send(new SendMessageBatchCommand({ QueueUrl: floorUrl, Entries: part })), 'floor queue');
  }
  const floorMs = performance.now() - floorStarted;
  const floorRequests = new Map(requestCounter.requests);
  const floorDrained = await drain(sqs, floorUrl, bodies.size, (id) => floorStamps.get(id));

  report({
    versions: versions.length,
    batch: BATCH,
    events,
    messages,
    eventsPerFeed,
    fanoutMs,
    cpuMs: (used.user + used.system) / 1000,
    batchMs,
    expected,
    distinct: new Map([...expectedIds].map(([id, ids]) => [id, ids.size])),
    drained: new Map(BENCH_SUBSCRIBERS.map((s, i) => [s.id, drained[i]!])),
    fanoutRequests,
    receiveRequests,
    floor: { events: bodies.size, ms: floorMs, requests: floorRequests, drained: floorDrained },
  });
} finally {
  await aws.stop();
}
