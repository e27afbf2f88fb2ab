/**
 * Five partner subscribers across the three feeds, both views, both orderings, some filtered,
 * and their transport in the emulators: one FIFO topic per feed, one queue per subscriber (FIFO
 * when it wants per-record order) subscribed to each of its feeds with its filter policy, raw
 * delivery. The bench's own names, so a run never meets the stack's resources.
 */
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../src/aws/clients.js';
import { FEED_IDS, type FeedId } from '../../src/feeds/feeds.js';
import type { SubscriberConfig } from '../../src/generated/subscriber.types.js';

const contact = { name: '值班室', email: 'feeds@example.org' };

export const BENCH_SUBSCRIBERS: readonly SubscriberConfig[] = [
  {
    id: 'zj-open-data',
    partner: 'zhejiang',
    name: '浙江省公共数据平台',
    feeds: ['gazette', 'enforcement', 'yrd'],
    view: 'public',
    ordering: 'per-record',
    contact,
  },
  {
    id: 'sh-enforcement',
    partner: 'shanghai',
    name: '上海市司法局',
    feeds: ['enforcement', 'yrd'],
    view: 'partner-government',
    ordering: 'per-record',
    filter: { districts: ['越城区', '柯桥区'] },
    contact,
  },
  {
    id: 'js-gazette',
    partner: 'jiangsu',
    name: '苏州市政府办公室',
    feeds: ['gazette'],
    view: 'public',
    ordering: 'none',
    filter: { actions: ['published', 'amended'] },
    contact,
  },
  {
    id: 'ah-credit',
    partner: 'anhui',
    name: '合肥市信用中心',
    feeds: ['yrd'],
    view: 'partner-government',
    ordering: 'none',
    filter: { entities: ['credit', 'penalty-license'] },
    contact,
  },
  {
    id: 'yrd-services',
    partner: 'yrd-office',
    name: '长三角一网通办',
    feeds: ['yrd'],
    view: 'public',
    ordering: 'per-record',
    filter: { entities: ['service-item', 'property-rights'] },
    contact,
  },
];

export interface BenchTransport {
  readonly topics: ReadonlyMap<FeedId, string>;
  /** Queue URL per subscriber id. */
  readonly queues: ReadonlyMap<string, string>;
}

async function queue(clients: AwsClients, name: string, fifo: boolean): Promise<{ url: string; arn: string }> {
  const out = await clients.sqs.send(
    new CreateQueueCommand({
      QueueName: fifo ? `${name}.fifo` : name,
      Attributes: fifo ? { FifoQueue: 'true', VisibilityTimeout: '60' } : { VisibilityTimeout: '60' },
    }),
  );
  const attrs = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: out.QueueUrl, AttributeNames: ['QueueArn'] }));
  return { url: out.QueueUrl!, arn: attrs.Attributes!.QueueArn! };
}

export async function createTransport(
  clients: AwsClients,
  subscribers: readonly SubscriberConfig[],
  filterPolicy: (s: SubscriberConfig) => Record<string, unknown>,
  suffix: string,
): Promise<BenchTransport> {
  const topics = new Map<FeedId, string>();
  for (const feed of FEED_IDS) {
    const out = await clients.sns.send(new CreateTopicCommand({ Name: `bench-${feed}-${suffix}.fifo`, Attributes: { FifoTopic: 'true' } }));
    topics.set(feed, out.TopicArn!);
  }
  const queues = new Map<string, string>();
  for (const s of subscribers) {
    const { url, arn } = await queue(clients, `bench-feed-${s.id}-${suffix}`, s.ordering === 'per-record');
    queues.set(s.id, url);
    for (const feed of s.feeds) {
      await clients.sns.send(
        new SubscribeCommand({
          TopicArn: topics.get(feed),
          Protocol: 'sqs',
          Endpoint: arn,
          Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify(filterPolicy(s)) },
        }),
      );
    }
  }
  return { topics, queues };
}

/** A plain standard queue: the floor's target. */
export const floorQueue = async (clients: AwsClients, suffix: string): Promise<string> => (await queue(clients, `bench-floor-${suffix}`, false)).url;
