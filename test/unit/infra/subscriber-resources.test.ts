import { describe, expect, it, vi } from 'vitest';
import type { SubscriberConfig } from '../../../src/generated/subscriber.types.js';
import { resources, validateResources } from '../../../src/infra/resources.js';
import { modelWith, subscriberResources } from '../../../src/infra/subscriber-resources.js';

// The real policy is the subscriber filter's own concern (test/unit/feeds/subscriber-filter.test.ts); here it only has to travel.
vi.mock('../../../src/feeds/subscriber-filter.js', () => ({
  filterPolicy: (s: SubscriberConfig) => ({ view: [s.view], ...(s.filter?.entities ? { entity: s.filter.entities } : {}) }),
}));

const subscriber = (id: string, overrides: Partial<SubscriberConfig> = {}): SubscriberConfig => ({
  id,
  partner: 'sh-gov',
  name: '上海市大数据中心',
  feeds: ['gazette', 'yrd'],
  view: 'partner-government',
  ordering: 'per-record',
  contact: { name: '王', email: 'ops@example.gov.cn' },
  ...overrides,
});

describe('subscriber resources', () => {
  it('gives an ordered subscriber a FIFO queue with its own deduplication ids and five receives before dead-lettering', () => {
    const { queues } = subscriberResources([subscriber('sh'), subscriber('js', { ordering: 'none' })]);
    expect(queues.map((q) => [q.id, q.fifo ?? false, q.maxReceiveCount])).toEqual([
      ['feed-sh', true, 5],
      ['feed-js', false, 5],
    ]);
    expect(queues[0]!.contentBasedDeduplication).toBe(false);
    expect(queues[1]!.contentBasedDeduplication).toBeUndefined();
  });

  it('subscribes the queue to each of its feeds, raw, with its filter policy', () => {
    const { subscriptions } = subscriberResources([subscriber('sh', { view: 'public', filter: { entities: ['document'] } })]);
    expect(subscriptions).toEqual([
      { id: 'feed-sh-gazette', topic: 'gazette', queue: 'feed-sh', rawMessageDelivery: true, filterPolicy: { view: ['public'], entity: ['document'] } },
      { id: 'feed-sh-yrd', topic: 'yrd', queue: 'feed-sh', rawMessageDelivery: true, filterPolicy: { view: ['public'], entity: ['document'] } },
    ]);
  });

  it('adds the subscribers to the model, which stays valid, and refuses a queue id taken twice', () => {
    const model = modelWith([subscriber('sh'), subscriber('ah', { feeds: ['enforcement'], ordering: 'none' })]);
    expect(model.queues.map((q) => q.id)).toEqual([...resources.queues.map((q) => q.id), 'feed-sh', 'feed-ah']);
    expect(model.subscriptions).toHaveLength(3);
    expect(() => validateResources(model)).not.toThrow();
    expect(() => modelWith([subscriber('sh'), subscriber('sh')])).toThrow(/queue feed-sh is taken/);
  });

  it('describes the claim-check bucket, unversioned, written by route and publish', () => {
    expect(resources.buckets.find((b) => b.id === 'feed-payloads')).toMatchObject({ versioned: false });
    for (const id of ['route', 'publish'])
      expect(resources.functions.find((fn) => fn.id === id)!.uses.buckets).toContainEqual({ id: 'feed-payloads', access: 'readWrite' });
  });

  it('refuses a FIFO queue subscribed to a standard topic, and allows both kinds of queue on a FIFO topic', () => {
    const model = modelWith([subscriber('sh'), subscriber('js', { ordering: 'none' })]);
    expect(() => validateResources(model)).not.toThrow();
    const standardTopics = { ...model, topics: model.topics.map((t) => ({ ...t, fifo: false })) };
    expect(() => validateResources(standardTopics)).toThrow(/FIFO queue feed-sh cannot subscribe to standard topic gazette/);
    expect(() => validateResources(standardTopics)).not.toThrow(/feed-js/);
  });
});
