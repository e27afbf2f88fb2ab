import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { FunctionDef } from '../../infra/resources.js';
import { logger } from '../../util/logger.js';
import type { DependencyStatus } from './stream-delivery.js';
import { lambdaContext, type Handler } from './lambda-context.js';
import { OutageTracker } from './outage-tracker.js';

export interface SqsMappingOptions {
  readonly fn: FunctionDef;
  readonly handler: Handler;
  /** The client the mapping polls with (Lambda's own, not the function's). */
  readonly sqs: SQSClient;
  /** The region the event's records name. */
  readonly region: string;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly batchSize: number;
  readonly maxBatchingWindowSeconds: number;
  /** The queue's visibility timeout: how long a failed batch stays hidden before its retry. */
  readonly visibilityTimeoutSeconds: number;
  /** Called after each invocation (the runtime wakes the stream mappings: a handler may have written records). */
  readonly onInvoked?: () => void;
  /**
   * DynamoDB Local, which the handlers write to. A batch that failed while it was down waits for
   * it and comes back at once, not after the visibility timeout, and is not counted as failed: a
   * few such receives would otherwise send good messages to the dead-letter queue.
   */
  readonly dependency?: DependencyStatus;
}

/** The longest long poll SQS allows: an idle queue costs one request per 20 s, and a message still wakes the poll at once. */
const LONG_POLL_SECONDS = 20;

/**
 * Messages are received on a short lease that a heartbeat renews while the handler
 * runs, so after a crash of this process they come back within seconds rather than
 * after the queue's full visibility timeout; failures still wait that full timeout.
 */
const LEASE_SECONDS = 15;
const HEARTBEAT_MS = 5_000;

/**
 * Plays Lambda's SQS event source mapping: receive up to the batch size within the
 * batching window, invoke, delete what succeeded, leave the reported failures (or the
 * whole batch when the handler throws) to come back after the visibility timeout; the
 * queue's redrive policy moves a message to its DLQ after maxReceiveCount receives.
 */
export class SqsEventSourceMapping {
  private running = false;
  private busy = false;
  private loop: Promise<void> | undefined;
  private polls = new AbortController();
  /** Receives failing (fauxqs runs in this process, so this is a bug, not an outage): paced, said once per change. */
  private readonly pollFailures: OutageTracker;
  invocations = 0;
  failures = 0;

  constructor(private readonly options: SqsMappingOptions) {
    this.pollFailures = new OutageTracker({
      dependency: `the queue ${options.queueArn} (function ${options.fn.id})`,
      report: (report) =>
        report.state === 'back'
          ? logger.warn('SQS event source mapping receives again', { function: options.fn.id, ...report })
          : logger.error('SQS event source mapping failed to poll', { function: options.fn.id, ...report }),
    });
  }

  get idle(): boolean {
    return !this.busy;
  }

  start(): void {
    this.running = true;
    this.polls = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    // A long poll in progress ends now rather than after its 20 s.
    this.polls.abort();
    await this.loop;
  }

  private async receive(max: number, waitSeconds: number): Promise<Message[]> {
    if (!this.running) return [];
    const out = await this.options.sqs
      .send(
        new ReceiveMessageCommand({
          QueueUrl: this.options.queueUrl,
          MaxNumberOfMessages: Math.min(10, max),
          WaitTimeSeconds: waitSeconds,
          VisibilityTimeout: LEASE_SECONDS,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: this.polls.signal },
      )
      // Stopping aborts the poll: nothing was received.
      .catch((error: unknown) => {
        if (this.running) throw error;
        return { Messages: [] };
      });
    return out.Messages ?? [];
  }

  private async run(): Promise<void> {
    const { batchSize, maxBatchingWindowSeconds } = this.options;
    while (this.running) {
      try {
        const first = await this.receive(batchSize, LONG_POLL_SECONDS);
        this.pollFailures.succeeded();
        if (first.length === 0) continue;
        this.busy = true;
        const batch = [...first];
        const heartbeat = setInterval(() => void this.setVisibility(batch, LEASE_SECONDS).catch(() => undefined), HEARTBEAT_MS);
        try {
          const windowEnds = Date.now() + maxBatchingWindowSeconds * 1000;
          while (batch.length < batchSize && Date.now() < windowEnds && this.running) {
            // Long polls for whole seconds of the window (woken by a message); the last fraction in short steps.
            const wholeSeconds = Math.floor((windowEnds - Date.now()) / 1000);
            const more = await this.receive(batchSize - batch.length, wholeSeconds);
            if (more.length === 0 && wholeSeconds === 0) await new Promise((r) => setTimeout(r, 100));
            batch.push(...more);
          }
          await this.invoke(batch);
        } finally {
          clearInterval(heartbeat);
        }
      } catch (error) {
        if (!this.running) break;
        await new Promise((r) => setTimeout(r, this.pollFailures.failed(error)));
      } finally {
        this.busy = false;
      }
    }
  }

  private async invoke(batch: Message[]): Promise<void> {
    const { fn, handler, queueArn, queueUrl } = this.options;
    const event: SQSEvent = {
      Records: batch.map((m) => ({
        messageId: m.MessageId!,
        receiptHandle: m.ReceiptHandle!,
        body: m.Body ?? '',
        attributes: {
          ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
          SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
          SenderId: m.Attributes?.SenderId ?? 'local',
          ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        },
        messageAttributes: Object.fromEntries(
          Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [
            k,
            { dataType: v.DataType ?? 'String', stringValue: v.StringValue, binaryValue: undefined, stringListValues: [], binaryListValues: [] },
          ]),
        ),
        md5OfBody: m.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: this.options.region,
      })),
    };
    this.invocations += 1;
    let failed: Set<string>;
    let thrown: Error | undefined;
    const outagesBefore = this.options.dependency?.outages ?? 0;
    try {
      const response = (await handler(event, lambdaContext(fn))) as SQSBatchResponse | undefined;
      failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (error) {
      thrown = error as Error;
      failed = new Set(batch.map((m) => m.MessageId!));
    }
    const dependency = this.options.dependency;
    if (failed.size > 0 && dependency && (dependency.outages !== outagesBefore || (await dependency.confirmOutage()))) {
      // The heartbeat keeps the batch leased while DynamoDB Local is away; once back, the failed messages
      // come back within a second. Not 0: fauxqs loses a message whose visibility is set to 0 (its store
      // writes a null receive count into a NOT NULL column after taking the message out of flight).
      await dependency.whenUp();
      await this.setVisibility(
        batch.filter((m) => failed.has(m.MessageId!)),
        1,
      );
    } else if (failed.size > 0) {
      if (thrown) logger.error('handler failed; the batch returns after its visibility timeout', { function: fn.id, error: thrown.message });
      this.failures += failed.size;
      // As with Lambda: a failed message reappears once the queue's visibility timeout has passed.
      await this.setVisibility(
        batch.filter((m) => failed.has(m.MessageId!)),
        this.options.visibilityTimeoutSeconds,
      );
    }
    this.options.onInvoked?.();
    const done = batch.filter((m) => !failed.has(m.MessageId!));
    for (let start = 0; start < done.length; start += 10) {
      await this.options.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: done.slice(start, start + 10).map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
  }

  private async setVisibility(messages: readonly Message[], seconds: number): Promise<void> {
    for (let start = 0; start < messages.length; start += 10) {
      await this.options.sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: messages.slice(start, start + 10).map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: seconds })),
        }),
      );
    }
  }
}
