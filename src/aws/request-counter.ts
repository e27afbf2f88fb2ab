import type { Pluggable } from '@smithy/types';
import { estimateCapacity, type IndexKeys } from './capacity-estimate.js';
import type { AwsClients } from './clients.js';

/** DynamoDB operations that can report the capacity they consumed, by the kind they consume. */
const CAPACITY_OPERATIONS: Readonly<Record<string, 'read' | 'write'>> = {
  GetItem: 'read',
  Query: 'read',
  Scan: 'read',
  BatchGetItem: 'read',
  TransactGetItems: 'read',
  PutItem: 'write',
  UpdateItem: 'write',
  DeleteItem: 'write',
  BatchWriteItem: 'write',
  TransactWriteItems: 'write',
};

interface ConsumedCapacity {
  readonly CapacityUnits?: number;
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
}

/**
 * Counts AWS requests per operation (and messages per SNS/SQS batch) in this process:
 * the figures behind "AWS requests per 1,000 records" in bench/ and the run summary.
 * With `captureCapacity` on, DynamoDB requests also ask for (ReturnConsumedCapacity:
 * TOTAL, free of charge) and add up the read and write capacity units they consumed,
 * as reported and as AWS's rules estimate them.
 */
export class RequestCounter {
  readonly requests = new Map<string, number>();
  /** As DynamoDB reports it (ReturnConsumedCapacity). */
  readonly consumedCapacity = { read: 0, write: 0 };
  /** By AWS's pricing rules from request and response sizes (capacity-estimate.ts). */
  readonly estimatedCapacity = { read: 0, write: 0 };
  snsMessages = 0;
  captureCapacity = false;
  /** Key attributes of each table's global secondary indexes (by physical name), for the estimate. */
  indexKeys: IndexKeys = new Map();

  total(): number {
    let sum = 0;
    for (const n of this.requests.values()) sum += n;
    return sum;
  }

  reset(): void {
    this.requests.clear();
    this.consumedCapacity.read = 0;
    this.consumedCapacity.write = 0;
    this.estimatedCapacity.read = 0;
    this.estimatedCapacity.write = 0;
    this.snsMessages = 0;
  }

  private addCapacity(kind: 'read' | 'write', reported: ConsumedCapacity | readonly ConsumedCapacity[] | undefined): void {
    // Array.isArray does not narrow a readonly array union, hence the spelled-out list.
    const list: readonly ConsumedCapacity[] =
      reported === undefined ? [] : Array.isArray(reported) ? (reported as readonly ConsumedCapacity[]) : [reported as ConsumedCapacity];
    for (const c of list) {
      // Transactions report reads and writes apart; other operations only a total of their kind.
      if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
        this.consumedCapacity.read += c.ReadCapacityUnits ?? 0;
        this.consumedCapacity.write += c.WriteCapacityUnits ?? 0;
      } else this.consumedCapacity[kind] += c.CapacityUnits ?? 0;
    }
  }

  plugin<Input extends object, Output extends object>(service: string): Pluggable<Input, Output> {
    return {
      applyToStack: (stack) => {
        stack.add(
          (next, context) => async (args) => {
            const command = String(context.commandName ?? 'unknown').replace(/Command$/, '');
            const operation = `${service}.${command}`;
            this.requests.set(operation, (this.requests.get(operation) ?? 0) + 1);
            const input = args.input as { PublishBatchRequestEntries?: unknown[]; Message?: unknown; ReturnConsumedCapacity?: string };
            if (service === 'sns') this.snsMessages += input.PublishBatchRequestEntries?.length ?? (input.Message !== undefined ? 1 : 0);
            const kind = service === 'dynamodb' && this.captureCapacity ? CAPACITY_OPERATIONS[command] : undefined;
            if (!kind) return next(args);
            input.ReturnConsumedCapacity ??= 'TOTAL';
            const result = await next(args);
            this.addCapacity(kind, (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity);
            const estimate = estimateCapacity(command, input, result.output, this.indexKeys);
            this.estimatedCapacity.read += estimate.read;
            this.estimatedCapacity.write += estimate.write;
            return result;
          },
          { step: 'initialize', name: `tongyuanRequestCounter-${service}`, override: true },
        );
      },
    };
  }
}

/** The benchmarks' counter; the embedded stack keeps its own. */
export const requestCounter = new RequestCounter();

/** Installs a counter on every client of a set: the local runtime and the benchmarks do, production never. */
export function countRequests(clients: AwsClients, counter: RequestCounter): AwsClients {
  clients.dynamo.middlewareStack.use(counter.plugin('dynamodb'));
  clients.s3.middlewareStack.use(counter.plugin('s3'));
  clients.sqs.middlewareStack.use(counter.plugin('sqs'));
  clients.sns.middlewareStack.use(counter.plugin('sns'));
  return clients;
}
