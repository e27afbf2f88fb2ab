import type { Pluggable } from '@smithy/types';
import { currentInvocation } from '../util/invocation-scope.js';
import { estimateCapacityByTable, type Capacity, type IndexKeys } from './capacity-estimate.js';
import type { AwsClients } from './clients.js';
import { describeRequest } from './request-billing.js';
import type { RequestLedger } from './request-ledger.js';

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

/** Errors after which DynamoDB has still consumed the request's write capacity (a condition that failed). */
const CONSUMED_ON_FAILURE = new Set(['ConditionalCheckFailedException', 'TransactionCanceledException']);

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
  /** When set (with captureCapacity for DynamoDB units), every request is booked by function, operation and resource. */
  ledger: RequestLedger | undefined;

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

  private addEstimate(byTable: ReadonlyMap<string, Capacity>): void {
    for (const c of byTable.values()) {
      this.estimatedCapacity.read += c.read;
      this.estimatedCapacity.write += c.write;
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
            const ledger = this.ledger;
            if (!kind && !ledger) return next(args);
            // Read before any await: the scope is the caller's.
            const invoker = currentInvocation()?.functionName ?? '';
            if (kind) input.ReturnConsumedCapacity ??= 'TOTAL';
            const book = (output: unknown) => {
              const byTable = kind ? estimateCapacityByTable(command, input, output, this.indexKeys) : undefined;
              if (byTable) this.addEstimate(byTable);
              ledger?.record(invoker, service, command, describeRequest(service, command, input, output), byTable);
            };
            let result;
            try {
              result = await next(args);
            } catch (error) {
              if (kind === 'write' && CONSUMED_ON_FAILURE.has((error as Error).name)) book({});
              else ledger?.record(invoker, service, command, describeRequest(service, command, input, {}));
              throw error;
            }
            if (kind) this.addCapacity(kind, (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity);
            book(result.output);
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
