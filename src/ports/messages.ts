export interface MessageSender {
  /** Sends every body; batches and retries partial failures, throws if any is finally refused. */
  send(bodies: readonly string[], options?: { readonly delaySeconds?: number }): Promise<void>;
}

export interface FeedMessage {
  readonly body: string;
  readonly attributes?: Readonly<Record<string, string>>;
  /** FIFO: messages of one group (the record id) are delivered in the order published. */
  readonly groupId?: string;
  /** FIFO: a message with an id seen in the last 5 minutes is dropped (the event id and the view). */
  readonly deduplicationId?: string;
}

export interface FeedPublisher {
  /** Publishes every message in order; a body over the transport's limit travels by S3 pointer. Throws if any is finally refused. */
  publish(messages: readonly FeedMessage[]): Promise<void>;
}

/** Sends feed messages straight to one subscriber's queue (a replay or a backfill: the topic's other subscribers must not see them again). */
export interface QueueFeedSender {
  /**
   * `replayId` names the replay: on a FIFO queue it makes each deduplication id differ from the
   * live one, so a replay within five minutes of the live delivery is not silently dropped.
   */
  send(queueUrl: string, messages: readonly FeedMessage[], options?: { readonly replayId?: string }): Promise<void>;
}
