export interface MessageSender {
  /** Sends every body; batches and retries partial failures, throws if any is finally refused. */
  send(bodies: readonly string[], options?: { readonly delaySeconds?: number }): Promise<void>;
}

export interface FeedMessage {
  readonly body: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface FeedPublisher {
  publish(messages: readonly FeedMessage[]): Promise<void>;
}
