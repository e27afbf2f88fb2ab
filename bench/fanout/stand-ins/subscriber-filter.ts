/**
 * TODO(integration): stand-in for src/feeds/subscriber-filter.ts (filterPolicy, matchesFilter),
 * loaded in its place only while that module is a placeholder (hooks.mjs). Delete once it is
 * merged. The contract's rule: the subscriber's view, and its entities, actions and districts
 * when it names them; a leaving action of one of its entities always passes.
 */
import type { FeedMessageAttributes } from '../../../src/feeds/event-message.js';
import { FEED_ENTITIES } from '../../../src/feeds/feeds.js';
import type { SubscriberConfig } from '../../../src/generated/subscriber.types.js';

const entitiesOf = (s: SubscriberConfig): string[] => s.filter?.entities ?? FEED_ENTITIES.filter((e) => s.feeds.includes(e.feed)).map((e) => e.entity);
const leavingOf = (s: SubscriberConfig): string[] => [
  ...new Set(FEED_ENTITIES.filter((e) => entitiesOf(s).includes(e.entity)).flatMap((e) => e.leavingActions)),
];

export function filterPolicy(subscriber: SubscriberConfig): Record<string, unknown> {
  const view = [subscriber.view];
  const f = subscriber.filter ?? {};
  if (!f.entities && !f.actions && !f.districts) return { view };
  const chosen = {
    view,
    ...(f.entities ? { entity: f.entities } : {}),
    ...(f.actions ? { action: f.actions } : {}),
    ...(f.districts ? { district: f.districts } : {}),
  };
  return { $or: [chosen, { view, entity: entitiesOf(subscriber), action: leavingOf(subscriber) }] };
}

export function matchesFilter(subscriber: SubscriberConfig, attributes: FeedMessageAttributes): boolean {
  if (attributes.view !== subscriber.view) return false;
  const f = subscriber.filter ?? {};
  const leaving = entitiesOf(subscriber).includes(attributes.entity) && leavingOf(subscriber).includes(attributes.action);
  const chosen =
    (!f.entities || f.entities.includes(attributes.entity)) &&
    (!f.actions || f.actions.includes(attributes.action)) &&
    (!f.districts || f.districts.includes(attributes.district));
  return leaving || chosen;
}
