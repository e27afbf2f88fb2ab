import type { SubscriberConfig } from '../generated/subscriber.types.js';
import { filterPolicy } from '../feeds/subscriber-filter.js';
import { resources, type QueueDef, type ResourceModel, type SubscriptionDef } from './resources.js';

/** A subscriber consumes outside tongyuan; its client gets a minute per receive before the message shows again. */
const SUBSCRIBER_VISIBILITY_SECONDS = 60;
/** Receives before a subscriber's message moves to its dead-letter queue (CONTRACT: 5). */
const SUBSCRIBER_MAX_RECEIVES = 5;

/** The model id of a subscriber's queue: `feed-<id>` (physically `tongyuan-feed-<id>`, `.fifo` when ordered). */
export const subscriberQueueId = (subscriberId: string): string => `feed-${subscriberId}`;

export interface SubscriberResources {
  readonly queues: readonly QueueDef[];
  readonly subscriptions: readonly SubscriptionDef[];
}

/**
 * Each subscriber's queue (FIFO when it wants events of a record in order) and one raw
 * subscription per feed it takes, filtered by its policy: entities, actions, districts, view.
 */
export function subscriberResources(subscribers: readonly SubscriberConfig[]): SubscriberResources {
  const queues: QueueDef[] = [];
  const subscriptions: SubscriptionDef[] = [];
  for (const subscriber of subscribers) {
    const queue = subscriberQueueId(subscriber.id);
    const fifo = subscriber.ordering === 'per-record';
    queues.push({
      id: queue,
      description: `Feed events for ${subscriber.name} (${subscriber.partner}): ${subscriber.feeds.join(', ')}, ${subscriber.view} view${fifo ? ', in order per record' : ''}`,
      visibilityTimeoutSeconds: SUBSCRIBER_VISIBILITY_SECONDS,
      maxReceiveCount: SUBSCRIBER_MAX_RECEIVES,
      ...(fifo ? { fifo: true, contentBasedDeduplication: false } : {}),
    });
    const policy = filterPolicy(subscriber);
    for (const feed of subscriber.feeds) subscriptions.push({ id: `${queue}-${feed}`, topic: feed, queue, rawMessageDelivery: true, filterPolicy: policy });
  }
  return { queues, subscriptions };
}

/** The resource model with the subscribers' queues and subscriptions: what the stack and the local runtime build. */
export function modelWith(subscribers: readonly SubscriberConfig[], model: ResourceModel = resources): ResourceModel {
  // A subscriber's queue must not take the id of another queue (`feed-receipts` is the receipts queue's).
  const ids = new Set(model.queues.map((q) => q.id));
  for (const subscriber of subscribers) {
    const queue = subscriberQueueId(subscriber.id);
    if (ids.has(queue)) throw new Error(`subscriber ${subscriber.id}: queue ${queue} is taken by another subscriber or queue`);
    ids.add(queue);
  }
  const extra = subscriberResources(subscribers);
  return { ...model, queues: [...model.queues, ...extra.queues], subscriptions: [...model.subscriptions, ...extra.subscriptions] };
}
