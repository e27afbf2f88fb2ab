import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { CfnSubscription, ITopic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueDef, SubscriptionDef } from '../../src/infra/resources.js';
import { lookup, pascalId } from './model-ids.js';

/** The longest SQS keeps a message: what a subscriber failed to take stays redrivable for two weeks. */
const DEAD_LETTER_RETENTION = Duration.days(14);
/** SQS publishes its queue metrics once a minute. */
const METRIC_PERIOD = Duration.minutes(1);

export interface SubscriberQueuesProps {
  /** The subscribers' queues (src/infra/subscriber-resources.ts). */
  readonly queues: readonly QueueDef[];
  /** Their subscriptions to the feed topics. */
  readonly subscriptions: readonly SubscriptionDef[];
  /** The feed topics by model id. */
  readonly topics: ReadonlyMap<string, ITopic>;
  /**
   * How old the oldest message of a subscriber's queue may get before its lag alarm fires:
   * the subscriber has stopped consuming, and statutory clocks (a revocation within three
   * working days) run on.
   * @default 15 minutes
   */
  readonly lagThreshold?: Duration;
}

/**
 * Each subscriber's queue (FIFO when it takes events in order per record) with its own
 * dead-letter queue, its filtered raw subscriptions to the feeds, and two alarms: a message
 * dead-lettered, and the oldest message older than the lag threshold.
 */
export class SubscriberQueues extends Construct {
  /** Subscriber queues by model id. */
  readonly queues: ReadonlyMap<string, IQueue>;
  /** Their dead-letter queues, by the model id of the queue they serve. */
  readonly deadLetterQueues: ReadonlyMap<string, IQueue>;
  /** Both alarms of each queue, by the queue's model id. */
  readonly alarms: ReadonlyMap<string, { readonly deadLetters: Alarm; readonly lag: Alarm }>;

  constructor(scope: Construct, id: string, props: SubscriberQueuesProps) {
    super(scope, id);
    const lagThreshold = props.lagThreshold ?? Duration.minutes(15);
    const queues = new Map<string, IQueue>();
    const deadLetterQueues = new Map<string, IQueue>();
    const alarms = new Map<string, { deadLetters: Alarm; lag: Alarm }>();
    for (const def of props.queues) {
      const name = pascalId(def.id);
      // A FIFO queue's dead-letter queue must be FIFO too; names are generated with the `.fifo` suffix.
      const fifo = def.fifo ? { fifo: true, contentBasedDeduplication: def.contentBasedDeduplication ?? false } : {};
      const deadLetterQueue = new Queue(this, `${name}Dlq`, {
        retentionPeriod: DEAD_LETTER_RETENTION,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        ...fifo,
      });
      const queue = new Queue(this, name, {
        visibilityTimeout: Duration.seconds(def.visibilityTimeoutSeconds),
        retentionPeriod: DEAD_LETTER_RETENTION,
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: def.maxReceiveCount },
        ...fifo,
      });
      const deadLetters = new Alarm(this, `${name}DeadLetters`, {
        alarmDescription: `${def.description}: a message failed ${def.maxReceiveCount} receives and is in the dead-letter queue; redrive it once the subscriber is fixed`,
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: METRIC_PERIOD, statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      const lag = new Alarm(this, `${name}Lag`, {
        alarmDescription: `${def.description}: the oldest message waited over ${lagThreshold.toHumanString()}; the subscriber is not consuming`,
        metric: queue.metricApproximateAgeOfOldestMessage({ period: METRIC_PERIOD, statistic: 'Maximum' }),
        threshold: lagThreshold.toSeconds(),
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      queues.set(def.id, queue);
      deadLetterQueues.set(def.id, deadLetterQueue);
      alarms.set(def.id, { deadLetters, lag });
    }
    for (const def of props.subscriptions) {
      const subscription = lookup(props.topics, 'topic', def.topic).addSubscription(
        new SqsSubscription(lookup(queues, 'queue', def.queue), { rawMessageDelivery: def.rawMessageDelivery }),
      );
      // Set on the L1: the policy may hold `$or` (leaving events always pass), which SubscriptionFilter cannot express.
      if (def.filterPolicy) {
        const cfn = subscription.node.defaultChild as CfnSubscription;
        cfn.filterPolicy = def.filterPolicy;
        cfn.filterPolicyScope = 'MessageAttributes';
      }
    }
    this.queues = queues;
    this.deadLetterQueues = deadLetterQueues;
    this.alarms = alarms;
  }
}
