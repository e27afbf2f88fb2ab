import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KNOWN_DISTRICTS } from '../../../src/config/subscribers.js';
import type { FeedMessageAttributes } from '../../../src/feeds/event-message.js';
import { CITYWIDE_DISTRICT, FEED_ENTITIES, FEED_IDS, FEED_VIEWS } from '../../../src/feeds/feeds.js';
import { filterPolicy, matchesFilter, SNS_FILTER_MAX_COMBINATIONS, type FeedFilterPolicy } from '../../../src/feeds/subscriber-filter.js';
import type { SubscriberConfig } from '../../../src/generated/subscriber.types.js';
import { subscriber } from '../../support/memory-feeds.js';

const attributes = (over: Partial<FeedMessageAttributes>): FeedMessageAttributes => ({
  type: 'cn.gov.shaoxing.tongyuan.enforcement.decision.published.v1',
  entity: 'decision',
  action: 'published',
  district: '越城区',
  view: 'public',
  ...over,
});

/** What SNS does with a MessageAttributes-scope policy of exact string values: every key matches one of its values. */
const snsDelivers = (policy: FeedFilterPolicy, attrs: FeedMessageAttributes): boolean =>
  Object.entries(policy).every(([key, values]) => attrs[key] !== undefined && values.includes(attrs[key]));

describe('filterPolicy', () => {
  it('narrows by view alone when the subscriber has no filter', () => {
    expect(filterPolicy(subscriber({ id: 'all', view: 'partner-government' }))).toEqual({ view: ['partner-government'] });
  });

  it('adds 全市 to a district filter, since events naming no district concern every district', () => {
    const policy = filterPolicy(subscriber({ id: 'keqiao', feeds: ['enforcement'], filter: { districts: ['柯桥区'] } }));
    expect(policy).toEqual({ view: ['public'], district: ['柯桥区', CITYWIDE_DISTRICT] });
  });

  it('lets the leaving actions of the chosen entities through an action filter', () => {
    const policy = filterPolicy(subscriber({ id: 'credit', feeds: ['yrd'], filter: { entities: ['credit'], actions: ['published'] } }));
    expect(policy['entity']).toEqual(['credit']);
    expect([...policy['action']!].sort()).toEqual(['expired', 'published', 'repaired', 'withdrawn']);
  });

  it('takes the leaving actions of every entity of its feeds when the subscriber names no entity', () => {
    const policy = filterPolicy(subscriber({ id: 'gazette', feeds: ['gazette'], filter: { actions: ['published'] } }));
    expect([...policy['action']!].sort()).toEqual(['expired', 'published', 'repealed', 'withdrawn']);
  });

  it('refuses a policy SNS would refuse, naming the subscriber', () => {
    const wide = subscriber({
      id: 'too-wide',
      filter: {
        entities: FEED_ENTITIES.map((e) => e.entity),
        districts: [...KNOWN_DISTRICTS],
        actions: ['published', 'changed'],
      },
    });
    expect(() => filterPolicy(wide)).toThrow(/subscriber too-wide: .* value combinations .*SNS allows 150/);
  });
});

describe('matchesFilter', () => {
  const keqiao = subscriber({ id: 'keqiao', feeds: ['enforcement'], filter: { districts: ['柯桥区'], actions: ['published'] } });

  it('delivers the district, citywide events and leaving events; not other districts, actions or views', () => {
    expect(matchesFilter(keqiao, attributes({ district: '柯桥区' }))).toBe(true);
    expect(matchesFilter(keqiao, attributes({ district: CITYWIDE_DISTRICT }))).toBe(true);
    expect(matchesFilter(keqiao, attributes({ district: '柯桥区', action: 'withdrawn' }))).toBe(true);
    expect(matchesFilter(keqiao, attributes({ district: '越城区' }))).toBe(false);
    expect(matchesFilter(keqiao, attributes({ district: '越城区', action: 'withdrawn' }))).toBe(false);
    expect(matchesFilter(keqiao, attributes({ district: '柯桥区', action: 'changed' }))).toBe(false);
    expect(matchesFilter(keqiao, attributes({ district: '柯桥区', view: 'partner-government' }))).toBe(false);
  });

  const subset = <T>(values: readonly T[]) => fc.option(fc.subarray([...values], { minLength: 1 }), { nil: undefined });
  const subscribers = fc.record({ feeds: fc.subarray([...FEED_IDS], { minLength: 1 }), view: fc.constantFrom(...FEED_VIEWS) }).chain(({ feeds, view }) => {
    const entities = FEED_ENTITIES.filter((e) => feeds.includes(e.feed));
    return fc
      .record({
        entities: subset(entities.map((e) => e.entity)),
        actions: subset([...new Set(entities.flatMap((e) => e.actions))]),
        districts: subset(KNOWN_DISTRICTS),
      })
      .map(({ entities, actions, districts }): SubscriberConfig => {
        const filter = { ...(entities ? { entities } : {}), ...(actions ? { actions } : {}), ...(districts ? { districts } : {}) };
        return subscriber({ id: 'random', feeds, view, ...(Object.keys(filter).length > 0 ? { filter } : {}) });
      });
  });
  const events = fc
    .record({
      entity: fc.constantFrom(...FEED_ENTITIES),
      district: fc.constantFrom(...KNOWN_DISTRICTS, CITYWIDE_DISTRICT, '未知区'),
      view: fc.constantFrom(...FEED_VIEWS),
    })
    .chain(({ entity, district, view }) =>
      fc.constantFrom(...entity.actions, 'unheard-of').map((action) => attributes({ entity: entity.entity, action, district, view })),
    );

  it('agrees with SNS evaluating filterPolicy, for any subscriber and any event', () => {
    fc.assert(
      fc.property(subscribers, events, (s, attrs) => {
        let policy: FeedFilterPolicy;
        try {
          policy = filterPolicy(s);
        } catch {
          // Refused at load time (more than SNS allows): no subscription exists to agree with.
          fc.pre(false);
          return;
        }
        expect(matchesFilter(s, attrs)).toBe(snsDelivers(policy, attrs));
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets the combinations of a produced policy exceed the SNS limit', () => {
    fc.assert(
      fc.property(subscribers, (s) => {
        try {
          const policy = filterPolicy(s);
          expect(Object.values(policy).reduce((n, v) => n * v.length, 1)).toBeLessThanOrEqual(SNS_FILTER_MAX_COMBINATIONS);
        } catch (error) {
          expect((error as Error).message).toContain('subscriber random');
        }
      }),
    );
  });
});
