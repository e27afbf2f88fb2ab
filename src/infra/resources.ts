/**
 * The one declaration of every AWS resource tongyuan uses.
 *
 * The CDK stack (lib/) turns these into CloudFormation; the embedded runtime
 * (src/local/) creates the same tables, queues, topics and buckets in DynamoDB
 * Local and fauxqs and wires the same handlers to them. Nothing is declared twice:
 * a new queue or trigger is added here and both sides pick it up.
 */

import type { KeyAttribute, ResourceModel } from './resource-types.js';
import { COMPOSITION_NATIVE_MODULES } from './resource-types.js';

export type { KeyAttribute, TableDef, QueueDef, TopicDef, SubscriptionDef, BucketDef, FunctionTrigger, FunctionDef, ResourceModel } from './resource-types.js';
export { COMPOSITION_NATIVE_MODULES } from './resource-types.js';

const S = (name: string): KeyAttribute => ({ name, type: 'S' });

export const resources: ResourceModel = {
  tables: [
    {
      id: 'records',
      description: 'The single source of truth: current record and immutable versions per canonical record',
      partitionKey: S('pk'),
      sortKey: S('sk'),
      stream: 'NEW_IMAGE',
      globalIndexes: [
        { name: 'byType', partitionKey: S('recordType'), sortKey: S('recordId') },
        // Sparse: only contribution items carry sourceRef (sourceId#sourceKey), so deletions known by source key find their record.
        { name: 'bySourceKey', partitionKey: S('sourceRef') },
        // Current items only (versions carry no recordType): what changed since a release, tombstones and conflicts included.
        { name: 'byTypeChanged', partitionKey: S('recordType'), sortKey: S('storedAt') },
      ],
    },
    {
      id: 'quarantine',
      description: 'Invalid records with every validation error and their raw locator',
      partitionKey: S('pk'),
      sortKey: S('sk'),
    },
    {
      id: 'state',
      description: 'Checkpoints per source and stream, dataset release pointers, run bookkeeping',
      partitionKey: S('pk'),
      sortKey: S('sk'),
    },
    {
      id: 'grants',
      description: 'Restricted-access (受限开放) applications, grants and API keys by their sha256 (src/aws/dynamo-grant-store.ts)',
      partitionKey: S('pk'),
      sortKey: S('sk'),
      // Applications and grants by status (listKey `application#pending`, `grant#active`, …), oldest first.
      globalIndexes: [{ name: 'byStatus', partitionKey: S('listKey'), sortKey: S('listedAt') }],
    },
    {
      id: 'feeds',
      description: "Each feed's hash-chained event log (pages of heads by sequence) and what each subscriber was sent and acknowledged",
      partitionKey: S('pk'),
      sortKey: S('sk'),
    },
    {
      id: 'access-audit',
      description: 'Every call made with an API key, per grant by time, and the daily call counters of the quota (src/aws/dynamo-access-audit.ts)',
      partitionKey: S('pk'),
      sortKey: S('sk'),
      // Entries are kept three years, counters two days (AUDIT_RETENTION_SECONDS says why).
      timeToLiveAttribute: 'expiresAt',
    },
  ],
  buckets: [
    { id: 'raw', description: 'Raw zone: every pulled batch byte for byte, content-addressed', versioned: true },
    { id: 'open', description: 'Open-data releases: immutable files and manifests', versioned: true },
    // Re-rendered from the feed log and SSOT history on a replay: nothing here is the only copy.
    {
      id: 'feed-payloads',
      description: 'Feed events too large for a message (over 240 KiB), at <feed>/<sha256 of event id>/<view>.json; the message carries a dataref to them',
      versioned: false,
    },
  ],
  queues: [
    { id: 'normalize', description: 'Raw batches waiting to be mapped, validated and stored', visibilityTimeoutSeconds: 360, maxReceiveCount: 5 },
    // Six times the publish function's timeout; a build stops before that timeout and sends its request back itself.
    { id: 'publish', description: 'Datasets whose records changed and need a new release', visibilityTimeoutSeconds: 5400, maxReceiveCount: 5 },
    { id: 'feed-receipts', description: "Subscribers' acknowledgements of the feed events they consumed", visibilityTimeoutSeconds: 180, maxReceiveCount: 5 },
  ],
  // Ordered per record (MessageGroupId = record id) and deduplicated (MessageDeduplicationId = event id and view).
  topics: [
    { id: 'gazette', description: 'Gazette feed (政府公报与规范性文件)', fifo: true },
    { id: 'enforcement', description: 'Law-enforcement disclosure feed (行政执法公示)', fifo: true },
    { id: 'yrd', description: 'Yangtze River Delta exchange feed (长三角: credit, 双公示, property rights, cross-province services)', fifo: true },
  ],
  // Subscriber queues and their subscriptions come from subscribers/*.yaml (src/infra/subscriber-resources.ts).
  subscriptions: [],
  functions: [
    {
      id: 'ingest',
      description: 'Pulls each departmental source page by page into the raw zone',
      entry: 'functions/ingest/handler.ts',
      nativeModules: COMPOSITION_NATIVE_MODULES,
      timeoutSeconds: 300,
      memoryMb: 512,
      triggers: [{ kind: 'schedule', everyMinutes: 60 }],
      uses: {
        // State: checkpoints, key ledger, and the source run ledger; quarantine: a set-aside file's
        // entry, written before the file leaves the inbox.
        tables: [
          { id: 'state', access: 'readWrite' },
          { id: 'quarantine', access: 'readWrite' },
        ],
        buckets: [{ id: 'raw', access: 'readWrite' }],
        // Publish: a run that ends with nothing left to normalize asks for its datasets' releases itself.
        queues: ['normalize', 'publish'],
      },
    },
    {
      id: 'normalize',
      description: 'Maps, validates and stores raw batches; quarantines invalid records',
      entry: 'functions/normalize/handler.ts',
      nativeModules: COMPOSITION_NATIVE_MODULES,
      timeoutSeconds: 60,
      memoryMb: 1024,
      triggers: [{ kind: 'sqs', queue: 'normalize', batchSize: 5, maxBatchingWindowSeconds: 1 }],
      uses: {
        tables: [
          { id: 'records', access: 'readWrite' },
          { id: 'quarantine', access: 'readWrite' },
          // The source run ledger: each message of a run is counted done there.
          { id: 'state', access: 'readWrite' },
        ],
        // Read raw batches; write record content too large for an item (ssot-overflow/).
        buckets: [{ id: 'raw', access: 'readWrite' }],
        // The message that completes a source run asks for the releases of its datasets.
        queues: ['publish'],
      },
    },
    {
      id: 'route',
      description: 'Turns new SSOT versions into feed events and dataset publish requests',
      entry: 'functions/route/handler.ts',
      nativeModules: COMPOSITION_NATIVE_MODULES,
      timeoutSeconds: 60,
      memoryMb: 512,
      // Small batches, a short window: commit to subscriber queue within 2 s (bench/fanout.ts); a batch
      // still fills a feed log page (up to 100 events) and PublishBatch calls (10 messages).
      triggers: [{ kind: 'stream', table: 'records', batchSize: 100, maxBatchingWindowSeconds: 1, sortKeyPrefix: 'v#' }],
      // Reads the raw bucket for record content stored by pointer (ssot-overflow/); marks datasets changed in state.
      uses: {
        tables: [
          { id: 'state', access: 'readWrite' },
          // The feed log (sequences, hash chain) and the delivery ledger.
          { id: 'feeds', access: 'readWrite' },
        ],
        queues: ['publish'],
        topics: ['gazette', 'enforcement', 'yrd'],
        // Raw: record content by pointer; feed-payloads: events too large for a message (claim check).
        buckets: [
          { id: 'raw', access: 'read' },
          { id: 'feed-payloads', access: 'readWrite' },
        ],
      },
    },
    {
      id: 'publish',
      description: 'Writes an immutable open-data release of each changed dataset, and daily of each dataset with disclosure rules',
      entry: 'functions/publish/handler.ts',
      // Lambda's longest: the first release of 100,000 records (a read by id, six formats, the gate's
      // scan of each) outlasted 300 s on the embedded stack.
      timeoutSeconds: 900,
      memoryMb: 1024,
      // A 1,000,000-row release is about 1.8 GB in its five data files (bench/publish.ts).
      ephemeralStorageMb: 4096,
      // DuckDB writes the Parquet file and the gate reads it back; jieba segments the search index.
      nativeModules: COMPOSITION_NATIVE_MODULES,
      triggers: [
        { kind: 'sqs', queue: 'publish', batchSize: 10, maxBatchingWindowSeconds: 1, maxConcurrency: 2 },
        // Just after midnight in China: decisions whose publicity period ended yesterday leave the release.
        { kind: 'schedule', everyMinutes: 24 * 60, dailyAtChinaTime: '00:05' },
      ],
      uses: {
        tables: [
          { id: 'records', access: 'read' },
          { id: 'state', access: 'readWrite' },
          // A release's validity rate counts the quarantined rows of its sources.
          { id: 'quarantine', access: 'read' },
          // Expiries are logged on the feeds and their deliveries recorded.
          { id: 'feeds', access: 'readWrite' },
        ],
        buckets: [
          { id: 'open', access: 'readWrite' },
          { id: 'raw', access: 'read' },
          // Expiry events too large for a message travel by pointer.
          { id: 'feed-payloads', access: 'readWrite' },
        ],
        // Deferred (debounced) publish requests go back on their own queue; the normalize queue's
        // backlog (GetQueueAttributes) says whether a release is final (src/publish/pipeline-settled.ts).
        queues: ['publish', 'normalize'],
        // Expiries happen with no source change: the daily re-evaluation announces them on the feed.
        topics: ['gazette', 'enforcement', 'yrd'],
      },
    },
    {
      id: 'feed-receipts',
      description: "Writes subscribers' receipts (events consumed) to the delivery ledger; a malformed message fails alone",
      entry: 'functions/feed-receipts/handler.ts',
      nativeModules: COMPOSITION_NATIVE_MODULES,
      timeoutSeconds: 30,
      memoryMb: 256,
      triggers: [{ kind: 'sqs', queue: 'feed-receipts', batchSize: 10, maxBatchingWindowSeconds: 5 }],
      uses: { tables: [{ id: 'feeds', access: 'readWrite' }] },
    },
    {
      id: 'api',
      description: 'The open-data HTTP API: catalog, records, changes and downloads',
      entry: 'functions/api/handler.ts',
      timeoutSeconds: 29,
      // DuckDB (256 MB budget) reads a release's Parquet beside Node; a 1,000,000-row release's Parquet is 28.8 MiB (bench/publish.ts).
      memoryMb: 1024,
      // The records cache in /tmp holds each release's Parquet, its record ids and a granted-fields projection at a time.
      ephemeralStorageMb: 2048,
      // DuckDB answers records queries; jieba segments search queries.
      nativeModules: COMPOSITION_NATIVE_MODULES,
      triggers: [{ kind: 'http' }],
      uses: {
        tables: [
          { id: 'state', access: 'read' },
          // Keys are looked up and applications submitted (POST /v1/applications) here.
          { id: 'grants', access: 'readWrite' },
          // Every keyed call is audited, and its daily counter incremented.
          { id: 'access-audit', access: 'readWrite' },
          // /v1/feeds reads the heads of each feed's log.
          { id: 'feeds', access: 'read' },
        ],
        buckets: [{ id: 'open', access: 'read' }],
      },
    },
    {
      id: 'api-authorizer',
      description: 'Admits each open-data API request and names the usage plan that counts it: anonymous, or the key of an active grant',
      entry: 'functions/api-authorizer/handler.ts',
      // API Gateway waits for the authorizer on every request; a slow one is a broken one.
      timeoutSeconds: 10,
      memoryMb: 256,
      triggers: [{ kind: 'http-authorizer' }],
      uses: { tables: [{ id: 'grants', access: 'read' }] },
    },
  ],
};

/** Environment variable that carries a resource's physical name (table, bucket) or URL/ARN (queue, topic). */
export function resourceEnvName(kind: 'table' | 'bucket' | 'queue' | 'topic', id: string): string {
  const suffix = { table: 'TABLE', bucket: 'BUCKET', queue: 'QUEUE_URL', topic: 'TOPIC_ARN' }[kind];
  return `TONGYUAN_${id.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}_${suffix}`;
}

/**
 * Checks the model's internal consistency early, so a typo fails at synth or at
 * startup with a sentence instead of as a missing resource at run time.
 */
export function validateResources(model: ResourceModel): void {
  const problems: string[] = [];
  const ids = (list: readonly { id: string }[]) => new Set(list.map((r) => r.id));
  const tables = ids(model.tables);
  const queues = ids(model.queues);
  const topics = ids(model.topics);
  const buckets = ids(model.buckets);
  for (const fn of model.functions) {
    for (const t of fn.uses.tables ?? []) if (!tables.has(t.id)) problems.push(`function ${fn.id} uses unknown table ${t.id}`);
    for (const b of fn.uses.buckets ?? []) if (!buckets.has(b.id)) problems.push(`function ${fn.id} uses unknown bucket ${b.id}`);
    for (const q of fn.uses.queues ?? []) if (!queues.has(q)) problems.push(`function ${fn.id} uses unknown queue ${q}`);
    for (const t of fn.uses.topics ?? []) if (!topics.has(t)) problems.push(`function ${fn.id} uses unknown topic ${t}`);
    for (const trigger of fn.triggers) {
      if (trigger.kind === 'sqs') {
        const queue = model.queues.find((q) => q.id === trigger.queue);
        if (!queue) problems.push(`function ${fn.id} is triggered by unknown queue ${trigger.queue}`);
        else if (queue.visibilityTimeoutSeconds < 6 * fn.timeoutSeconds)
          problems.push(`queue ${queue.id}: visibility timeout ${queue.visibilityTimeoutSeconds}s is under 6x the timeout of ${fn.id} (${fn.timeoutSeconds}s)`);
        if (trigger.batchSize < 1 || trigger.batchSize > 10000) problems.push(`function ${fn.id}: SQS batch size ${trigger.batchSize} is out of 1..10000`);
        if (trigger.maxConcurrency !== undefined && trigger.maxConcurrency < 2) problems.push(`function ${fn.id}: SQS maxConcurrency must be at least 2`);
      }
      if (trigger.kind === 'schedule' && trigger.dailyAtChinaTime !== undefined) {
        if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(trigger.dailyAtChinaTime))
          problems.push(`function ${fn.id}: daily time ${trigger.dailyAtChinaTime} is not HH:MM`);
        if (trigger.everyMinutes !== 24 * 60) problems.push(`function ${fn.id}: a daily schedule runs every 1440 minutes, not ${trigger.everyMinutes}`);
      }
      if (trigger.kind === 'stream') {
        const table = model.tables.find((t) => t.id === trigger.table);
        if (!table) problems.push(`function ${fn.id} is triggered by unknown table ${trigger.table}`);
        else if (!table.stream) problems.push(`function ${fn.id} reads the stream of table ${table.id}, which has none`);
      }
    }
  }
  for (const s of model.subscriptions) {
    const topic = model.topics.find((t) => t.id === s.topic);
    const queue = model.queues.find((q) => q.id === s.queue);
    if (!topic) problems.push(`subscription ${s.id} names unknown topic ${s.topic}`);
    if (!queue) problems.push(`subscription ${s.id} names unknown queue ${s.queue}`);
    // SNS delivers a FIFO topic to FIFO and standard queues, a standard topic to standard queues only.
    if (topic && queue?.fifo && !topic.fifo) problems.push(`subscription ${s.id}: FIFO queue ${queue.id} cannot subscribe to standard topic ${topic.id}`);
  }
  for (const q of model.queues) if (q.contentBasedDeduplication && !q.fifo) problems.push(`queue ${q.id}: content-based deduplication needs a FIFO queue`);
  if (problems.length > 0) throw new Error(`invalid resource model:\n  ${problems.join('\n  ')}`);
}
