import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients, type AwsClientOptions, type AwsClients } from '../../aws/clients.js';
import { countRequests, type RequestCounter } from '../../aws/request-counter.js';
import { loadRuntimeConfig, type Environment, type RuntimeConfig } from '../../config/runtime-config.js';
import type { FunctionDef, ResourceModel } from '../../infra/resources.js';
import type { Provisioned } from '../provision.js';
import { lambdaContext, loadHandlerFactory, type Handler } from './lambda-context.js';
import { singleSchedule, type SchedulePlan } from '../../infra/source-schedules.js';
import { logger } from '../../util/logger.js';
import { msUntilChinaTime } from './china-time.js';
import { DependencyGate } from './dependency-gate.js';
import { STREAM_RETRY_ATTEMPTS, streamFailureQueueId } from './stream-failure-queues.js';
import { SqsEventSourceMapping } from './sqs-mapping.js';
import { StreamEventSourceMapping } from './stream-mapping.js';

/** How startSchedules splits, adjusts and reports the scheduled invocations. */
export interface ScheduleOptions {
  readonly plan?: SchedulePlan;
  readonly onResult?: (fnId: string, result: unknown) => void;
  readonly eventAtTick?: (fnId: string, planned: unknown) => unknown;
}

export interface RuntimeOptions {
  readonly model: ResourceModel;
  readonly provisioned: Provisioned;
  readonly stateDir: string;
  /** The runtime's own clients: the event source mappings poll with them. */
  readonly clients: AwsClients;
  /** Where the emulators are, for the DynamoDB Streams client, and the region events name. */
  readonly clientOptions: AwsClientOptions & { readonly region: string };
  /** Each function's environment, as Lambda sets it: the runtime never touches its own. */
  readonly environmentOf: (fn: FunctionDef) => Environment;
  /** Counts the AWS requests of every function (the run summary). */
  readonly counter: RequestCounter;
  /** Where a dependency's outage and return are said, once each (by default, warnings in the log). */
  readonly say?: (line: string) => void;
  /** Retries of a failing stream record before it goes to the failures queue (the stack's streamRetryAttempts). */
  readonly streamRetryAttempts?: number;
}

/** How long the probe of DynamoDB Local may take before it counts as unanswered (a frozen JVM accepts and never answers). */
const PROBE_TIMEOUT_MS = 5_000;

/** How often a drain looks at the mappings' idle flags. */
const DRAIN_STEP_MS = 20;
/** How soon a drain asks the queues again when messages are still pending while every mapping is idle (delayed ones). */
const DRAIN_PENDING_MS = 200;

/**
 * The part Lambda plays in AWS: one event source mapping per SQS and stream trigger of
 * the resource model, timers for schedules, and direct invocation.
 */
export class LocalRuntime {
  private readonly handlers = new Map<string, Handler>();
  private readonly configs = new Map<string, RuntimeConfig>();
  private readonly functionClients: AwsClients[] = [];
  private readonly sqsMappings: SqsEventSourceMapping[] = [];
  private readonly streamMappings: StreamEventSourceMapping[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  /** DynamoDB Local, which every function and the stream mappings need: one gate, so its outages are said once. */
  readonly dynamoGate: DependencyGate;

  private constructor(private readonly options: RuntimeOptions) {
    const say = options.say ?? ((line: string) => logger.warn(line));
    this.dynamoGate = new DependencyGate({ dependency: 'DynamoDB Local', probe: () => this.probeDynamo(), say: (line) => say(line) });
  }

  private async probeDynamo(): Promise<void> {
    const signal = AbortSignal.timeout(PROBE_TIMEOUT_MS);
    try {
      await this.options.clients.dynamo.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: signal });
    } catch (error) {
      if (signal.aborted) throw Object.assign(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000}s`, { cause: error }), { name: 'TimeoutError' });
      throw error;
    }
  }

  static async create(options: RuntimeOptions): Promise<LocalRuntime> {
    const runtime = new LocalRuntime(options);
    for (const fn of options.model.functions) await runtime.load(fn);
    runtime.wire();
    return runtime;
  }

  /** A function's cold start: its configuration from its own environment, its own clients, its handler. */
  private async load(fn: FunctionDef): Promise<void> {
    const createHandler = await loadHandlerFactory(fn);
    const config = loadRuntimeConfig(this.options.environmentOf(fn));
    const clients = countRequests(createAwsClients(config.aws), this.options.counter);
    this.functionClients.push(clients);
    this.configs.set(fn.id, config);
    this.handlers.set(fn.id, createHandler(config, clients));
  }

  /** The configuration function `fnId` was created with (the API server builds its app from it). */
  functionConfig(fnId: string): RuntimeConfig {
    const config = this.configs.get(this.fn(fnId).id);
    if (!config) throw new Error(`function "${fnId}" is not loaded`);
    return config;
  }

  private fn(id: string): FunctionDef {
    const fn = this.options.model.functions.find((f) => f.id === id);
    if (!fn) throw new Error(`no function "${id}" in the resource model`);
    return fn;
  }

  private wire(): void {
    const { model, provisioned, stateDir, clients, clientOptions } = this.options;
    for (const fn of model.functions) {
      const handler = this.handlers.get(fn.id)!;
      for (const trigger of fn.triggers) {
        if (trigger.kind === 'sqs') {
          this.sqsMappings.push(
            new SqsEventSourceMapping({
              fn,
              handler,
              sqs: clients.sqs,
              region: clientOptions.region,
              queueUrl: provisioned.queueUrls.get(trigger.queue)!,
              queueArn: provisioned.queueArns.get(trigger.queue)!,
              batchSize: trigger.batchSize,
              maxBatchingWindowSeconds: trigger.maxBatchingWindowSeconds,
              visibilityTimeoutSeconds: model.queues.find((q) => q.id === trigger.queue)!.visibilityTimeoutSeconds,
              // A handler may have written records: the stream mappings look at once rather than after their idle sleep.
              onInvoked: () => this.wakeStreams(),
              dependency: this.dynamoGate,
            }),
          );
        } else if (trigger.kind === 'stream') {
          const table = model.tables.find((t) => t.id === trigger.table)!;
          const failureQueue = provisioned.queueUrls.get(streamFailureQueueId(fn.id, trigger.table));
          if (!failureQueue) throw new Error(`the failures queue of ${fn.id}'s stream mapping on ${trigger.table} was not provisioned`);
          this.streamMappings.push(
            new StreamEventSourceMapping({
              fn,
              handler,
              tableName: provisioned.tableNames.get(trigger.table)!,
              sortKeyName: table.sortKey?.name,
              sortKeyPrefix: trigger.sortKeyPrefix,
              batchSize: trigger.batchSize,
              positionsFile: join(stateDir, `stream-positions-${fn.id}.json`),
              dynamo: clients.dynamo,
              clientOptions,
              dynamoGate: this.dynamoGate,
              retryAttempts: this.options.streamRetryAttempts ?? STREAM_RETRY_ATTEMPTS,
              failures: { sqs: clients.sqs, queueUrl: failureQueue },
            }),
          );
        }
      }
    }
  }

  start(): void {
    for (const m of this.sqsMappings) m.start();
    for (const m of this.streamMappings) m.start();
  }

  /**
   * Runs every scheduled function now and then at its rate; `plan` may split a function's
   * timer into several events at their own rates (ingest: one per source schedule). `onResult`
   * hears what each invocation returned; `eventAtTick` may change or drop (undefined) a tick's
   * event as it fires.
   */
  startSchedules(onError: (fnId: string, error: Error) => void, options: ScheduleOptions = {}): void {
    const { plan = singleSchedule, onResult = () => undefined, eventAtTick = (_fnId, event) => event } = options;
    for (const fn of this.options.model.functions) {
      for (const trigger of fn.triggers) {
        if (trigger.kind !== 'schedule') continue;
        for (const { event: planned, everyMinutes } of plan(fn, trigger.everyMinutes)) {
          // As EventBridge Scheduler retries a failed invocation, a run that met an outage runs again once DynamoDB Local is back.
          const tick = () => {
            const event = eventAtTick(fn.id, planned);
            if (event === undefined) return;
            void this.invokeThroughOutages(fn.id, event)
              .then((result) => onResult(fn.id, result))
              .catch((error: Error) => onError(fn.id, error));
          };
          if (trigger.dailyAtChinaTime) {
            // A daily run waits for its China time (as in AWS): at startup the pipeline has not settled yet.
            const first = setTimeout(
              () => {
                tick();
                this.timers.push(setInterval(tick, everyMinutes * 60_000));
              },
              msUntilChinaTime(trigger.dailyAtChinaTime, new Date()),
            );
            this.timers.push(first);
            continue;
          }
          tick();
          this.timers.push(setInterval(tick, everyMinutes * 60_000));
        }
      }
    }
  }

  async invoke(fnId: string, event: unknown): Promise<unknown> {
    const fn = this.fn(fnId);
    return this.handlers.get(fn.id)!(event, lambdaContext(fn));
  }

  /** Invokes; an invocation that failed while DynamoDB Local was down is run again once it is back. */
  invokeThroughOutages(fnId: string, event: unknown): Promise<unknown> {
    return this.throughOutages(() => this.invoke(fnId, event));
  }

  /** Runs `work`; work that failed while DynamoDB Local was down is run again once it is back (it must be safe to repeat). */
  async throughOutages<T>(work: () => Promise<T>): Promise<T> {
    for (;;) {
      const outagesBefore = this.dynamoGate.outages;
      try {
        return await work();
      } catch (error) {
        if (this.dynamoGate.outages === outagesBefore && !(await this.dynamoGate.confirmOutage())) throw error;
        await this.dynamoGate.whenUp();
        if (this.stopped) throw error;
      }
    }
  }

  /** Every trigger queue empty (nothing visible, in flight or delayed) and every mapping idle. */
  async quiet(): Promise<boolean> {
    if (!this.sqsMappings.every((m) => m.idle) || !this.streamMappings.every((m) => m.idle)) return false;
    for (const fn of this.options.model.functions) {
      for (const trigger of fn.triggers) {
        if (trigger.kind !== 'sqs') continue;
        const out = await this.options.clients.sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: this.options.provisioned.queueUrls.get(trigger.queue)!,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
          }),
        );
        const a = out.Attributes ?? {};
        const pending =
          Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(a.ApproximateNumberOfMessagesDelayed ?? 0);
        if (pending > 0) return false;
      }
    }
    return true;
  }

  private wakeStreams(): void {
    for (const m of this.streamMappings) m.wake();
  }

  /** Invocations so far, every mapping: unchanged across a check means nothing ran in between. */
  private activity(): number {
    return this.sqsMappings.reduce((n, m) => n + m.invocations, 0) + this.streamMappings.reduce((n, m) => n + m.invocations, 0);
  }

  private allIdle(): boolean {
    return this.sqsMappings.every((m) => m.idle) && this.streamMappings.every((m) => m.idle);
  }

  /**
   * Waits until the pipeline has settled: every queue empty (nothing visible, in flight or
   * delayed) and every mapping idle, and still so after each stream mapping made a whole new
   * pass over its shards with nothing run in between (a record written just before the
   * check is seen by that pass). Queue attributes are asked only once the mappings are idle.
   */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (;;) {
      if (Date.now() > deadline) throw new Error(`the pipeline did not settle within ${timeoutMs / 1000}s`);
      if (this.stopped) throw new Error('the runtime stopped before the pipeline settled');
      // Local flags only, no requests: cheap to look at often.
      if (!this.allIdle()) {
        await pause(DRAIN_STEP_MS);
        continue;
      }
      const before = this.activity();
      // Delayed messages (a deferred or retried publish request) keep it from settling until they ran.
      if (!(await this.quiet())) {
        await pause(DRAIN_PENDING_MS);
        continue;
      }
      const passes = await Promise.all(this.streamMappings.map((m) => m.nextPass()));
      if (passes.every(Boolean) && this.activity() === before && (await this.quiet()) && this.activity() === before) return;
    }
  }

  get failures(): number {
    return this.sqsMappings.reduce((n, m) => n + m.failures, 0);
  }

  /** Stream records sent to their mapping's failures queue after every retry failed. */
  get setAside(): number {
    return this.streamMappings.reduce((n, m) => n + m.setAside, 0);
  }

  private stopped = false;

  async stop(): Promise<void> {
    this.stopped = true;
    // Loops waiting for DynamoDB Local end their wait, so the mappings can stop.
    this.dynamoGate.stop();
    for (const t of this.timers) clearInterval(t);
    await Promise.all([...this.sqsMappings.map((m) => m.stop()), ...this.streamMappings.map((m) => m.stop())]);
    for (const clients of this.functionClients) destroyAwsClients(clients);
  }
}
