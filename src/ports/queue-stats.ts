/** What a subscriber's queue holds now, as SQS approximates it. */
export interface QueueDepth {
  /** Messages waiting to be received (ApproximateNumberOfMessages). */
  readonly waiting: number;
  /** Messages received and not yet deleted (ApproximateNumberOfMessagesNotVisible). */
  readonly inFlight: number;
  /**
   * Age in seconds of the oldest waiting message (ApproximateAgeOfOldestMessage). SQS gives it
   * only as a CloudWatch metric, not a queue attribute: absent when the adapter cannot read it.
   */
  readonly oldestAgeSeconds?: number;
}

/** The depth of a subscriber's queue and of its dead-letter queue. */
export interface SubscriberQueueStats {
  readonly queue: QueueDepth;
  /** Messages that failed maxReceiveCount times and were moved aside. */
  readonly deadLettered: number;
}

/**
 * The subscriber queues the delivery audit reads. `undefined` when the subscriber has no queue
 * (not provisioned yet): the audit says so instead of failing the whole report.
 */
export interface QueueStats {
  subscriberQueue(subscriber: { readonly id: string; readonly ordering: 'per-record' | 'none' }): Promise<SubscriberQueueStats | undefined>;
  /** The URL a replay sends to; throws naming the queue when it does not exist. */
  subscriberQueueUrl(subscriber: { readonly id: string; readonly ordering: 'per-record' | 'none' }): Promise<string>;
}

/** A work queue of the pipeline as SQS approximates it: every message not yet done with. */
export interface QueueBacklog {
  /** Messages waiting to be received (ApproximateNumberOfMessages). */
  readonly waiting: number;
  /** Messages received and not yet deleted, hidden for the visibility timeout (ApproximateNumberOfMessagesNotVisible). */
  readonly inFlight: number;
  /** Messages sent with a delay that has not passed (ApproximateNumberOfMessagesDelayed). */
  readonly delayed: number;
}

/** The backlog of one work queue (the normalize queue): whether work is still in flight. */
export interface WorkQueueBacklog {
  backlog(): Promise<QueueBacklog>;
}
