import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import {
  DescribeStreamCommand,
  type DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ExpiredIteratorException,
  TrimmedDataAccessException,
  type Shard,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { createDynamoStreamsClient, type AwsClientOptions } from '../../aws/clients.js';
import type { FunctionDef } from '../../infra/resources.js';
import { logger } from '../../util/logger.js';
import type { DependencyGate } from './dependency-gate.js';
import { lambdaContext, type Handler } from './lambda-context.js';
import { OutageTracker } from './outage-tracker.js';
import { streamFailureMessage } from './stream-batches.js';
import { deliverInOrder } from './stream-delivery.js';
import { restoreImage } from './stream-images.js';
import { WakeableSleep } from './wakeable-sleep.js';

export interface StreamMappingOptions {
  readonly fn: FunctionDef;
  readonly handler: Handler;
  readonly tableName: string;
  readonly sortKeyName: string | undefined;
  readonly sortKeyPrefix: string | undefined;
  readonly batchSize: number;
  /** File that keeps the last processed sequence number per shard across restarts. */
  readonly positionsFile: string;
  /** The client the mapping describes the table with (Lambda's own, not the function's). */
  readonly dynamo: DynamoDBClient;
  /** Where its DynamoDB Streams client connects, and the region the event's records name. */
  readonly clientOptions: AwsClientOptions & { readonly region: string };
  /** DynamoDB Local, which the stream and the handler depend on: its outages wait, they are not failures. */
  readonly dynamoGate: DependencyGate;
  /** Retries of a single failing record before it goes to the failures queue (the stack's streamRetryAttempts). */
  readonly retryAttempts: number;
  /** The on-failure destination (SqsDlq in the CDK stack): where a record that exhausted its retries is named. */
  readonly failures: { readonly sqs: SQSClient; readonly queueUrl: string };
}

const SHARD_LIST_TTL_MS = 5_000;
/** Idle sleeps between passes grow from the first to the last while nothing arrives; a wake() ends one at once. */
const IDLE_SLEEP_MS = { first: 20, last: 500 };

/**
 * Plays Lambda's DynamoDB Streams event source mapping: reads every shard in order
 * (parents before children), applies the sort-key filter, invokes with up to the
 * batch size, and moves past a record only once the handler succeeded with it or, after
 * its retries, it was sent to the failures queue (stream-delivery.ts). While DynamoDB
 * Local is down it waits for it, and says so once (DependencyGate).
 */
export class StreamEventSourceMapping {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly positions: Record<string, string>;
  private readonly finished = new Set<string>();
  private readonly iterators = new Map<string, string>();
  private readonly client: DynamoDBStreamsClient;
  private caughtUp = false;
  private busy = false;
  private idleSleepMs = IDLE_SLEEP_MS.first;
  private readonly pause = new WakeableSleep();
  /** Passes over every shard started and finished; a finished pass's waiters hear whether it found records. */
  private passesStarted = 0;
  private passWaiters: { readonly after: number; readonly resolve: (foundNothing: boolean) => void }[] = [];
  /** Poll failures that are not an outage of DynamoDB Local: paced and said once per change, not once a second. */
  private readonly pollFailures: OutageTracker;
  invocations = 0;
  /** Records sent to the failures queue after their retries. */
  setAside = 0;

  constructor(private readonly options: StreamMappingOptions) {
    this.positions = existsSync(options.positionsFile) ? (JSON.parse(readFileSync(options.positionsFile, 'utf8')) as Record<string, string>) : {};
    this.client = createDynamoStreamsClient(options.clientOptions);
    this.pollFailures = new OutageTracker({
      dependency: `the stream of ${options.tableName} (function ${options.fn.id})`,
      report: (report) =>
        report.state === 'back'
          ? logger.warn('stream event source mapping polls again', { function: options.fn.id, ...report })
          : logger.error('stream event source mapping failed to poll', { function: options.fn.id, ...report }),
    });
  }

  /** True when the last pass over every shard found nothing new and no handler runs. */
  get idle(): boolean {
    return this.caughtUp && !this.busy;
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    for (const waiter of this.passWaiters.splice(0)) waiter.resolve(true);
    this.client.destroy();
  }

  /** Something may have written to the table: end an idle sleep and look now. */
  wake(): void {
    this.idleSleepMs = IDLE_SLEEP_MS.first;
    this.pause.wake();
  }

  /** Resolves after a whole pass that started after this call: true when that pass found nothing new. */
  nextPass(): Promise<boolean> {
    if (!this.running) return Promise.resolve(true);
    const after = this.passesStarted;
    const pass = new Promise<boolean>((resolve) => this.passWaiters.push({ after, resolve }));
    this.wake();
    return pass;
  }

  private passEnded(started: number, foundNothing: boolean): void {
    const ready = this.passWaiters.filter((w) => w.after < started);
    this.passWaiters = this.passWaiters.filter((w) => w.after >= started);
    for (const waiter of ready) waiter.resolve(foundNothing);
  }

  private async idleSleep(): Promise<void> {
    const ms = this.idleSleepMs;
    this.idleSleepMs = Math.min(IDLE_SLEEP_MS.last, ms * 2);
    await this.sleep(ms);
  }

  private streamArn: string | undefined;
  private shardList: { shards: Shard[]; listedAt: number } | undefined;

  /** The stream's shards, listed again only every few seconds: shards change rarely, polls are frequent. */
  private async shards(): Promise<{ streamArn: string; shards: Shard[] }> {
    if (!this.streamArn) {
      const table = await this.options.dynamo.send(new DescribeTableCommand({ TableName: this.options.tableName }));
      this.streamArn = table.Table?.LatestStreamArn;
      if (!this.streamArn) throw new Error(`table ${this.options.tableName} has no stream`);
    }
    const streamArn = this.streamArn;
    if (this.shardList && Date.now() - this.shardList.listedAt < SHARD_LIST_TTL_MS) return { streamArn, shards: this.shardList.shards };
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await this.client.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }));
      shards.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    this.shardList = { shards, listedAt: Date.now() };
    return { streamArn, shards };
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = ++this.passesStarted;
      try {
        const { streamArn, shards } = await this.shards();
        const known = new Set(shards.map((s) => s.ShardId));
        let sawRecords = false;
        for (const shard of shards) {
          const parentPending = shard.ParentShardId && known.has(shard.ParentShardId) && !this.finished.has(shard.ParentShardId);
          if (!this.running || this.finished.has(shard.ShardId!) || parentPending) continue;
          sawRecords = (await this.drainShard(streamArn, shard)) || sawRecords;
        }
        this.pollFailures.succeeded();
        this.caughtUp = !sawRecords;
        this.passEnded(started, !sawRecords);
        if (sawRecords) this.idleSleepMs = IDLE_SLEEP_MS.first;
        else await this.idleSleep();
      } catch (error) {
        this.caughtUp = false;
        this.passEnded(started, false);
        if (!this.running) break;
        // A restarted DynamoDB Local may not know the iterators (or the stream) of the one that died.
        this.forgetStream();
        if (await this.options.dynamoGate.confirmOutage(error)) {
          await this.options.dynamoGate.whenUp();
          continue;
        }
        await this.sleep(this.pollFailures.failed(error));
      }
    }
  }

  private forgetStream(): void {
    this.iterators.clear();
    this.shardList = undefined;
    this.streamArn = undefined;
  }

  /** A sleep that stopping ends at once. */
  private sleep(ms: number): Promise<void> {
    return this.pause.sleep(ms);
  }

  private async iterator(streamArn: string, shardId: string): Promise<string | undefined> {
    const cached = this.iterators.get(shardId);
    if (cached) return cached;
    const after = this.positions[shardId];
    const out = await this.client.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ShardIteratorType: after ? 'AFTER_SEQUENCE_NUMBER' : 'TRIM_HORIZON',
        SequenceNumber: after,
      }),
    );
    return out.ShardIterator;
  }

  /** Reads one shard up to its current end; true when it found records. */
  private async drainShard(streamArn: string, shard: Shard): Promise<boolean> {
    const shardId = shard.ShardId!;
    let found = false;
    let refreshed = false;
    for (;;) {
      const iterator = await this.iterator(streamArn, shardId);
      if (!iterator) {
        this.finished.add(shardId);
        return found;
      }
      let out;
      try {
        out = await this.client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.options.batchSize }));
      } catch (error) {
        // DynamoDB Local invalidates an iterator taken on an empty shard once records arrive;
        // like an expired one, it is replaced by a fresh one from the saved position.
        if ((error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) && !refreshed) {
          this.iterators.delete(shardId);
          refreshed = true;
          continue;
        }
        // Whatever the iterator's trouble, the next pass starts again from the saved position.
        this.iterators.delete(shardId);
        throw new Error(`shard ${shardId} (position ${this.positions[shardId] ?? 'TRIM_HORIZON'}): ${(error as Error).message}`, { cause: error });
      }
      refreshed = false;
      const records = out.Records ?? [];
      const outagesBefore = this.options.dynamoGate.outages;
      if (records.length > 0) {
        found = true;
        // Stopped mid-read: the position stays at the last record done, and the iterator is not kept.
        if (!(await this.deliver(streamArn, shardId, records))) return found;
        await this.commit(shardId, records.at(-1)!.dynamodb!.SequenceNumber!);
      }
      if (this.options.dynamoGate.outages !== outagesBefore) {
        // DynamoDB Local went away while the handler ran: an iterator of the one before may mean nothing to it.
        this.forgetStream();
        return found;
      }
      if (out.NextShardIterator) this.iterators.set(shardId, out.NextShardIterator);
      else {
        this.iterators.delete(shardId);
        this.finished.add(shardId);
        return found;
      }
      if (records.length === 0) return found;
    }
  }

  private matches(record: StreamRecord): boolean {
    const { sortKeyName, sortKeyPrefix } = this.options;
    if (!sortKeyName || !sortKeyPrefix) return true;
    return record.dynamodb?.Keys?.[sortKeyName]?.S?.startsWith(sortKeyPrefix) ?? false;
  }

  private eventOf(streamArn: string, records: readonly StreamRecord[]): DynamoDBStreamEvent {
    return {
      Records: records.map((r) => ({
        ...r,
        ...(r.dynamodb?.NewImage ? { dynamodb: { ...r.dynamodb, NewImage: restoreImage(r.dynamodb.NewImage) } } : {}),
        eventSourceARN: streamArn,
        awsRegion: this.options.clientOptions.region,
      })),
    } as unknown as DynamoDBStreamEvent;
  }

  /** Delivers one read's records that pass the filter; false when stopped before all were done. */
  private async deliver(streamArn: string, shardId: string, records: StreamRecord[]): Promise<boolean> {
    const selected = records.filter((r) => this.matches(r));
    if (selected.length === 0) return true;
    const { fn, handler, dynamoGate, retryAttempts } = this.options;
    this.busy = true;
    try {
      return await deliverInOrder(selected, {
        invoke: (batch) => {
          this.invocations += 1;
          return handler(this.eventOf(streamArn, batch), lambdaContext(fn));
        },
        dependency: dynamoGate,
        retryAttempts,
        commit: (sequenceNumber) => this.commit(shardId, sequenceNumber),
        setAside: (batch, invocations, error) => this.sendToFailures(streamArn, shardId, batch, invocations, error),
        running: () => this.running,
      });
    } finally {
      this.busy = false;
    }
  }

  /** As Lambda's SqsDlq on-failure destination: the record's place in the stream, and one log line. */
  private async sendToFailures(streamArn: string, shardId: string, records: readonly StreamRecord[], invocations: number, error: string): Promise<void> {
    const { fn, failures, retryAttempts } = this.options;
    const context = lambdaContext(fn);
    const message = streamFailureMessage({
      records,
      shardId,
      streamArn,
      functionArn: context.invokedFunctionArn,
      requestId: context.awsRequestId,
      invocations,
      now: new Date(),
    });
    await failures.sqs.send(new SendMessageCommand({ QueueUrl: failures.queueUrl, MessageBody: JSON.stringify(message) }));
    this.setAside += records.length;
    logger.error('stream record failed every retry; sent to the failures queue', {
      function: fn.id,
      retryAttempts,
      shardId,
      sequenceNumber: records[0]?.dynamodb?.SequenceNumber,
      error,
    });
  }

  private async commit(shardId: string, sequenceNumber: string): Promise<void> {
    this.positions[shardId] = sequenceNumber;
    await this.savePositions();
  }

  private async savePositions(): Promise<void> {
    const file = this.options.positionsFile;
    await writeFile(`${file}.tmp`, JSON.stringify(this.positions));
    await rename(`${file}.tmp`, file);
  }
}
