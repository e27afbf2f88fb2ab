import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionDef, FunctionTrigger, ResourceModel } from '../../src/infra/resources.js';
import { lookup, pascalId } from './model-ids.js';
import { createDeadLetterQueue } from './queues-with-dlq.js';

/** Identifies the mapping of one table's stream to one function. */
export const streamMappingKey = (functionId: string, tableId: string): string => `${tableId}->${functionId}`;

type SqsTrigger = Extract<FunctionTrigger, { kind: 'sqs' }>;
type StreamTrigger = Extract<FunctionTrigger, { kind: 'stream' }>;

export interface EventTriggersProps {
  readonly model: ResourceModel;
  readonly functions: ReadonlyMap<string, IFunction>;
  readonly queues: ReadonlyMap<string, IQueue>;
  readonly tables: ReadonlyMap<string, ITable>;
  /** Retries of a failing stream batch (bisected each time) before its records are set aside. */
  readonly streamRetryAttempts: number;
}

/**
 * The polled triggers: SQS queues and DynamoDB streams. Both report partial batch
 * failures, so one bad record is retried alone instead of with its whole batch.
 */
export class EventTriggers extends Construct {
  /** On-failure destinations of stream mappings, by `streamMappingKey`. */
  readonly streamFailureQueues: ReadonlyMap<string, IQueue>;

  constructor(scope: Construct, id: string, props: EventTriggersProps) {
    super(scope, id);
    const streamFailureQueues = new Map<string, IQueue>();
    for (const def of props.model.functions) {
      const fn = lookup(props.functions, 'function', def.id);
      for (const trigger of def.triggers) {
        if (trigger.kind === 'sqs') fn.addEventSource(this.sqsSource(trigger, props));
        if (trigger.kind === 'stream') {
          const failures = createDeadLetterQueue(this, `${pascalId(def.id)}${pascalId(trigger.table)}StreamFailures`);
          streamFailureQueues.set(streamMappingKey(def.id, trigger.table), failures);
          fn.addEventSource(this.streamSource(def, trigger, failures, props));
        }
      }
    }
    this.streamFailureQueues = streamFailureQueues;
  }

  private sqsSource(trigger: SqsTrigger, props: EventTriggersProps): SqsEventSource {
    return new SqsEventSource(lookup(props.queues, 'queue', trigger.queue), {
      batchSize: trigger.batchSize,
      maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
      reportBatchItemFailures: true,
      maxConcurrency: trigger.maxConcurrency,
    });
  }

  private streamSource(def: FunctionDef, trigger: StreamTrigger, failures: IQueue, props: EventTriggersProps): DynamoEventSource {
    return new DynamoEventSource(lookup(props.tables, 'table', trigger.table), {
      // Versions are history: none may be skipped, so start from the oldest record kept.
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: trigger.batchSize,
      maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
      bisectBatchOnError: true,
      retryAttempts: props.streamRetryAttempts,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(failures),
      filters: trigger.sortKeyPrefix === undefined ? undefined : [sortKeyPrefixFilter(def, trigger.table, trigger.sortKeyPrefix, props.model)],
    });
  }
}

/** Drops stream records whose sort key does not start with the prefix before they cost an invocation. */
function sortKeyPrefixFilter(def: FunctionDef, tableId: string, prefix: string, model: ResourceModel): Record<string, unknown> {
  const sortKey = model.tables.find((table) => table.id === tableId)?.sortKey;
  if (sortKey?.type !== 'S') throw new Error(`function ${def.id} filters on a sort-key prefix, but table ${tableId} has no string sort key`);
  return FilterCriteria.filter({ dynamodb: { Keys: { [sortKey.name]: { S: FilterRule.beginsWith(prefix) } } } });
}
