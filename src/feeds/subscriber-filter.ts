import type { SubscriberConfig } from '../generated/subscriber.types.js';
import type { FeedMessageAttributes } from './event-message.js';

/** The SNS filter policy (MessageAttributes scope) of a subscriber's subscription to one feed. */
export function filterPolicy(_subscriber: SubscriberConfig): Record<string, unknown> {
  throw new Error('filterPolicy: not built yet');
}

/** Whether SNS would deliver a message with these attributes to the subscriber: the same rule as filterPolicy, in process. */
export function matchesFilter(_subscriber: SubscriberConfig, _attributes: FeedMessageAttributes): boolean {
  throw new Error('matchesFilter: not built yet');
}
