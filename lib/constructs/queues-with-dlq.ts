import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDef } from '../../src/infra/resources.js';
import { pascalId } from './model-ids.js';

/** The longest SQS keeps a message: failures stay inspectable and redrivable for two weeks. */
const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * A dead-letter queue with the same protection as the work queues. Used for the
 * model's queues and for failure destinations (stream mappings, schedules).
 */
export function createDeadLetterQueue(scope: Construct, id: string): Queue {
  return new Queue(scope, id, {
    retentionPeriod: DEAD_LETTER_RETENTION,
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
}

export interface QueuesWithDlqProps {
  readonly queues: readonly QueueDef[];
}

/** Every queue of the model, each with its own dead-letter queue. */
export class QueuesWithDlq extends Construct {
  /** Work queues by model id. */
  readonly queues: ReadonlyMap<string, IQueue>;
  /** Dead-letter queues by the model id of the queue they serve. */
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;

  constructor(scope: Construct, id: string, props: QueuesWithDlqProps) {
    super(scope, id);
    const queues = new Map<string, IQueue>();
    const deadLetterQueues = new Map<string, IQueue>();
    for (const def of props.queues) {
      const deadLetterQueue = createDeadLetterQueue(this, `${pascalId(def.id)}Dlq`);
      const queue = new Queue(this, pascalId(def.id), {
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: def.maxReceiveCount },
      });
      queues.set(def.id, queue);
      deadLetterQueues.set(def.id, deadLetterQueue);
    }
    this.queues = queues;
    this.deadLetterQueues = deadLetterQueues;
  }
}
