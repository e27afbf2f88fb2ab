import type { SubscriberConfig } from '../generated/subscriber.types.js';
import type { FeedMessageAttributes } from './event-message.js';
import { CITYWIDE_DISTRICT, FEED_ENTITIES } from './feeds.js';

/**
 * An SNS filter policy in MessageAttributes scope: every key must match (AND), a message
 * attribute matches a key when its value is one of the listed strings (OR).
 */
export type FeedFilterPolicy = Readonly<Record<string, readonly string[]>>;

/** SNS quotas on one filter policy (Amazon SNS developer guide, "Filter policy constraints"). */
export const SNS_FILTER_MAX_KEYS = 5;
export const SNS_FILTER_MAX_COMBINATIONS = 150;

const unique = (values: readonly string[]): string[] => [...new Set(values)];

/**
 * The actions that always pass the subscriber's action filter: the leaving actions of the
 * entities it chose, or of every entity of its feeds when it chose none. Withdrawals, expiries,
 * repeals and repairs start the statutory clocks (deadlines in the delivery ledger), so a
 * subscriber that asked only for `published` still has to hear that a record left public view.
 */
export function leavingActionsOf(subscriber: SubscriberConfig): string[] {
  const chosen = subscriber.filter?.entities;
  const entities = FEED_ENTITIES.filter((e) => subscriber.feeds.includes(e.feed) && (chosen === undefined || chosen.includes(e.entity)));
  return unique(entities.flatMap((e) => e.leavingActions));
}

/** The number of attribute value combinations a policy admits (SNS multiplies the lengths of its arrays). */
export const filterCombinations = (policy: Readonly<Record<string, readonly string[]>>): number =>
  Object.values(policy).reduce((n, values) => n * values.length, 1);

/**
 * The SNS filter policy (MessageAttributes scope) of the subscriber's subscription to each of its
 * feeds. The view always narrows (each event goes out once per view); entities, districts and
 * actions narrow only when the subscriber's filter names them. Events that name no district carry
 * 全市 and reach every district filter; leaving actions always pass the action filter. Entity names
 * differ across feeds, so one policy serves every feed of the subscriber. Throws when SNS would
 * refuse the policy.
 */
export function filterPolicy(subscriber: SubscriberConfig): FeedFilterPolicy {
  const { filter } = subscriber;
  const policy: Record<string, string[]> = { view: [subscriber.view] };
  if (filter?.entities) policy['entity'] = unique(filter.entities);
  if (filter?.districts) policy['district'] = unique([...filter.districts, CITYWIDE_DISTRICT]);
  if (filter?.actions) policy['action'] = unique([...filter.actions, ...leavingActionsOf(subscriber)]);
  const keys = Object.keys(policy).length;
  if (keys > SNS_FILTER_MAX_KEYS) {
    throw new Error(`subscriber ${subscriber.id}: its filter policy has ${keys} keys, SNS allows ${SNS_FILTER_MAX_KEYS}`);
  }
  const combinations = filterCombinations(policy);
  if (combinations > SNS_FILTER_MAX_COMBINATIONS) {
    throw new Error(
      `subscriber ${subscriber.id}: its filter policy admits ${combinations} value combinations ` +
        `(${Object.entries(policy)
          .map(([k, v]) => `${k} ${v.length}`)
          .join(' × ')}), SNS allows ${SNS_FILTER_MAX_COMBINATIONS}: name fewer entities, districts or actions`,
    );
  }
  return policy;
}

/**
 * Whether SNS would deliver a message with these attributes to the subscriber: the same rule as
 * filterPolicy, in process (the fan-out counts deliveries and records leaving events with it).
 */
export function matchesFilter(subscriber: SubscriberConfig, attributes: FeedMessageAttributes): boolean {
  const { filter } = subscriber;
  if (attributes.view !== subscriber.view) return false;
  if (filter?.entities && !filter.entities.includes(attributes.entity)) return false;
  if (filter?.districts && attributes.district !== CITYWIDE_DISTRICT && !filter.districts.includes(attributes.district)) return false;
  if (filter?.actions && !filter.actions.includes(attributes.action) && !leavingActionsOf(subscriber).includes(attributes.action)) return false;
  return true;
}
