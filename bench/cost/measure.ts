/**
 * Drives the embedded stack through one scenario and collects what it cost: the request
 * ledger, Lambda invocations (observed in the local runtime) and SNS deliveries into the
 * subscriber queues (their depth before and after, read with a client nobody counts).
 */
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../src/aws/clients.js';
import { RequestLedger } from '../../src/aws/request-ledger.js';
import type { ResourceModel } from '../../src/infra/resources.js';
import type { SyncSourcesOutcome } from '../../src/ingest/sync-sources.js';
import type { EmbeddedStack } from '../../src/local/stack.js';
import { observeInvocations } from '../../src/util/invocation-scope.js';
import type { InvocationTally, ScenarioMeasure, Stage, StageMap } from './pricing.js';

/** Which stage each function's work belongs to: ingest → SSOT (normalize) → publish → feeds (route, receipts). */
const FUNCTION_STAGES: Readonly<Record<string, Stage>> = { ingest: 'ingest', normalize: 'SSOT', publish: 'publish', route: 'feeds', 'feed-receipts': 'feeds' };

const functionName = (fnId: string) => `tongyuan-${fnId}`;
const queueName = (url: string) => url.slice(url.lastIndexOf('/') + 1);

export function stageMap(model: ResourceModel, stack: EmbeddedStack): StageMap {
  const byFunction = new Map<string, Stage>();
  const byQueue = new Map<string, Stage>();
  for (const fn of model.functions) {
    const stage = FUNCTION_STAGES[fn.id] ?? 'other';
    byFunction.set(functionName(fn.id), stage);
    for (const t of fn.triggers) if (t.kind === 'sqs') byQueue.set(queueName(stack.provisioned.queueUrls.get(t.queue) ?? ''), stage);
  }
  return { byFunction, byQueue };
}

export class CostProbe {
  readonly ledger = new RequestLedger();
  private readonly invocations = new Map<string, { count: number; gbSeconds: number }>();
  private readonly stopObserving: () => void;
  private readonly quietClients: AwsClients;

  constructor(
    private readonly stack: EmbeddedStack,
    private readonly model: ResourceModel,
  ) {
    const counter = stack.counter;
    counter.captureCapacity = true;
    counter.indexKeys = new Map(
      model.tables.map((t) => [
        stack.provisioned.tableNames.get(t.id)!,
        (t.globalIndexes ?? []).map((i) => [i.partitionKey.name, ...(i.sortKey ? [i.sortKey.name] : [])]),
      ]),
    );
    counter.ledger = this.ledger;
    this.stopObserving = observeInvocations((invocation, ms) => {
      const tally = this.invocations.get(invocation.functionName) ?? { count: 0, gbSeconds: 0 };
      tally.count += 1;
      tally.gbSeconds += (ms / 1000) * (invocation.memoryMb / 1024);
      this.invocations.set(invocation.functionName, tally);
    });
    this.quietClients = createAwsClients(stack.aws.clientOptions);
  }

  /** Messages in each subscriber queue (visible, in flight, delayed): nothing consumes them during the bench. */
  private async subscriberDepths(): Promise<Map<string, { fifo: boolean; messages: number }>> {
    const depths = new Map<string, { fifo: boolean; messages: number }>();
    for (const queueId of new Set(this.model.subscriptions.map((s) => s.queue))) {
      const url = this.stack.provisioned.queueUrls.get(queueId)!;
      const out = await this.quietClients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        }),
      );
      const a = out.Attributes ?? {};
      const messages =
        Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(a.ApproximateNumberOfMessagesDelayed ?? 0);
      const fifo = this.model.subscriptions.some((s) => s.queue === queueId && this.model.topics.find((t) => t.id === s.topic)?.fifo === true);
      depths.set(queueName(url), { fifo, messages });
    }
    return depths;
  }

  /** One sync of the stack's sources (`full` re-pulls everything) and everything downstream of it, measured. */
  async scenario(name: string, options: { full: boolean }, timeoutMs = 15 * 60_000): Promise<ScenarioMeasure> {
    const before = await this.subscriberDepths();
    this.ledger.reset();
    this.invocations.clear();
    const sourceIds = this.stack.sources.sync.map((s) => s.id);
    const outcome = (await this.stack.runtime.invoke('ingest', { sourceIds, full: options.full })) as SyncSourcesOutcome;
    await this.stack.runtime.drain(timeoutMs);
    const after = await this.subscriberDepths();
    const invocations: InvocationTally[] = [...this.invocations].map(([fn, t]) => ({ functionName: fn, ...t }));
    return {
      name,
      records: outcome.results.reduce((n, r) => n + r.pulled, 0),
      ledger: this.ledger.entries(),
      invocations,
      deliveries: [...after].map(([queue, a]) => ({ queue, fromFifoTopic: a.fifo, messages: a.messages - (before.get(queue)?.messages ?? 0) })),
    };
  }

  stop(): void {
    this.stopObserving();
    this.stack.counter.ledger = undefined;
    destroyAwsClients(this.quietClients);
  }
}
