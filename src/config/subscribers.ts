import { access } from 'node:fs/promises';
import decisionSchema from '../../schemas/enforcement-decision.schema.json' with { type: 'json' };
import { FEED_ENTITIES } from '../feeds/feeds.js';
import { filterPolicy } from '../feeds/subscriber-filter.js';
import type { SubscriberConfig } from '../generated/subscriber.types.js';
import validateSubscriber from '../generated/subscriber.validate.js';
import { loadYamlDir, type DocumentCheck } from './catalog.js';
import type { LoadedDefinitions } from './catalog-errors.js';
import { describeSchemaErrors } from './schema-errors.js';

export type { SubscriberConfig } from '../generated/subscriber.types.js';

/** The districts events are labelled with (the enforcement decision's district); 全市 events reach every district filter. */
export const KNOWN_DISTRICTS: readonly string[] = decisionSchema.properties.district.enum;

/** The queue a subscriber reads: FIFO when it wants each record's events in order. */
export const subscriberQueueName = (subscriber: Pick<SubscriberConfig, 'id' | 'ordering'>): string =>
  `tongyuan-feed-${subscriber.id}${subscriber.ordering === 'per-record' ? '.fifo' : ''}`;

const quoted = (values: readonly string[]): string => values.map((v) => `"${v}"`).join(', ');

/**
 * What the schema cannot see: the filter's entities are entities of the subscriber's feeds,
 * its actions are actions of those entities, its districts are districts events carry, and
 * SNS would accept the filter policy. Each problem names the path of the value.
 */
export function checkSubscriberFilter(subscriber: SubscriberConfig): string[] {
  const problems: string[] = [];
  const onFeeds = FEED_ENTITIES.filter((e) => subscriber.feeds.includes(e.feed));
  const { entities, actions, districts } = subscriber.filter ?? {};
  entities?.forEach((entity, i) => {
    if (!onFeeds.some((e) => e.entity === entity)) {
      problems.push(`/filter/entities/${i}: "${entity}" is not an entity of ${subscriber.feeds.join(', ')}; one of ${quoted(onFeeds.map((e) => e.entity))}`);
    }
  });
  const chosen = entities ? onFeeds.filter((e) => entities.includes(e.entity)) : onFeeds;
  const allowedActions = [...new Set(chosen.flatMap((e) => e.actions))];
  actions?.forEach((action, i) => {
    if (!allowedActions.includes(action)) {
      const whose = entities ? `the entities ${entities.join(', ')}` : `the entities of ${subscriber.feeds.join(', ')}`;
      problems.push(`/filter/actions/${i}: "${action}" is not an action of ${whose}; one of ${quoted(allowedActions)}`);
    }
  });
  districts?.forEach((district, i) => {
    if (!KNOWN_DISTRICTS.includes(district)) {
      problems.push(`/filter/districts/${i}: "${district}" is not a district; one of ${quoted(KNOWN_DISTRICTS)} (citywide events always pass)`);
    }
  });
  if (problems.length > 0) return problems;
  try {
    filterPolicy(subscriber);
  } catch (error) {
    problems.push(`/filter: ${(error as Error).message}`);
  }
  return problems;
}

/** The schema, then the filter's names against the feeds (the loader and `subscribers add` both use it). */
export const checkSubscriber: DocumentCheck<SubscriberConfig> = async (data) => {
  if (!validateSubscriber(data)) return { problems: describeSchemaErrors(validateSubscriber.errors) };
  const problems = checkSubscriberFilter(data);
  return problems.length === 0 ? { value: data, problems: [] } : { problems };
};

/** The valid subscribers of a folder (subscribers/*.yaml), and the files refused with why; no folder, no subscribers. */
export async function loadSubscribers(dir: string): Promise<LoadedDefinitions<SubscriberConfig>> {
  try {
    await access(dir);
  } catch {
    return { valid: [], problems: [] };
  }
  return loadYamlDir(dir, checkSubscriber, 'subscriber');
}
