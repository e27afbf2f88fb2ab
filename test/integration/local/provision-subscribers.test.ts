import { GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it, vi } from 'vitest';
import type { SubscriberConfig } from '../../../src/generated/subscriber.types.js';
import { resources } from '../../../src/infra/resources.js';
import { modelWith } from '../../../src/infra/subscriber-resources.js';
import { provision } from '../../../src/local/provision.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

vi.mock('../../../src/feeds/subscriber-filter.js', () => ({
  filterPolicy: (s: SubscriberConfig) => ({ view: [s.view], ...(s.filter?.districts ? { district: s.filter.districts } : {}) }),
}));

describe('provisioning feed subscribers in the emulators', () => {
  it('creates a FIFO queue with a FIFO dead-letter queue, subscribes it with its policy, and updates the policy in place', async () => {
    const { clients } = await useSharedAws();
    const id = `sub-${uniqueSuffix()}`;
    // Only the topics and the subscriber: the shared tables and queues exist already.
    const base = { ...resources, tables: [], buckets: [], queues: [], functions: [] };
    const subscriber: SubscriberConfig = {
      id,
      partner: 'p',
      name: 'p',
      feeds: ['gazette'],
      view: 'public',
      ordering: 'per-record',
      filter: { districts: ['越城区'] },
      contact: { name: 'ops', email: 'ops@example.gov.cn' },
    };
    const first = await provision(modelWith([subscriber], base), clients);
    const url = first.queueUrls.get(`feed-${id}`)!;
    expect(url).toMatch(new RegExp(`tongyuan-feed-${id}\\.fifo$`));
    expect(first.queueUrls.get(`feed-${id}-dlq`)).toMatch(/-dlq\.fifo$/);
    const attributes = (await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }))).Attributes!;
    expect(attributes.FifoQueue).toBe('true');
    expect(JSON.parse(attributes.RedrivePolicy!)).toMatchObject({ maxReceiveCount: 5 });

    const topicArn = first.env.TONGYUAN_GAZETTE_TOPIC_ARN!;
    expect(topicArn).toMatch(/tongyuan-gazette\.fifo$/);
    const policyOf = async () => {
      const subscriptions = (await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }))).Subscriptions ?? [];
      const mine = subscriptions.filter((s) => s.Endpoint === first.queueArns.get(`feed-${id}`));
      expect(mine).toHaveLength(1);
      const out = await clients.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: mine[0]!.SubscriptionArn! }));
      return {
        policy: JSON.parse(out.Attributes!.FilterPolicy!) as unknown,
        scope: out.Attributes!.FilterPolicyScope,
        raw: out.Attributes!.RawMessageDelivery,
      };
    };
    expect(await policyOf()).toEqual({ policy: { view: ['public'], district: ['越城区'] }, scope: 'MessageAttributes', raw: 'true' });

    await provision(modelWith([{ ...subscriber, filter: { districts: ['柯桥区'] } }], base), clients);
    expect((await policyOf()).policy).toEqual({ view: ['public'], district: ['柯桥区'] });
  });
});
