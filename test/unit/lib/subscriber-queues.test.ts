import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { FeedTopics } from '../../../lib/constructs/feed-topics.js';
import { SubscriberQueues } from '../../../lib/constructs/subscriber-queues.js';
import type { QueueDef, SubscriptionDef, TopicDef } from '../../../src/infra/resources.js';
import { SYNTH_TIMEOUT_MS } from './stack-fixture.js';

const topics: TopicDef[] = [
  { id: 'gazette', description: 'gazette', fifo: true },
  { id: 'yrd', description: 'yrd', fifo: true },
];
const queues: QueueDef[] = [
  { id: 'feed-sh', description: 'ordered', visibilityTimeoutSeconds: 60, maxReceiveCount: 5, fifo: true, contentBasedDeduplication: false },
  { id: 'feed-js', description: 'unordered', visibilityTimeoutSeconds: 60, maxReceiveCount: 5 },
];
const policy = { view: ['public'], $or: [{ entity: ['document'] }, { action: ['withdrawn'] }] };
const subscriptions: SubscriptionDef[] = [
  { id: 'feed-sh-gazette', topic: 'gazette', queue: 'feed-sh', rawMessageDelivery: true, filterPolicy: policy },
  { id: 'feed-js-yrd', topic: 'yrd', queue: 'feed-js', rawMessageDelivery: true, filterPolicy: { view: ['partner-government'] } },
];

function synth(lagThreshold?: Duration) {
  const stack = new Stack(new App(), 'Test');
  const feedTopics = new FeedTopics(stack, 'Topics', { topics });
  const construct = new SubscriberQueues(stack, 'Subscribers', { queues, subscriptions, topics: feedTopics.topics, ...(lagThreshold ? { lagThreshold } : {}) });
  return { stack, construct, template: Template.fromStack(stack) };
}

const logicalIdOf = (stack: Stack, construct: { node: { defaultChild?: unknown } }) =>
  stack.getLogicalId(construct.node.defaultChild as Parameters<Stack['getLogicalId']>[0]);

describe('SubscriberQueues', () => {
  let synthesized: ReturnType<typeof synth>;
  // The first synth loads aws-cdk-lib: slow on a busy machine.
  beforeAll(() => {
    synthesized = synth();
  }, SYNTH_TIMEOUT_MS);

  it('makes the feed topics FIFO with content-based deduplication off', () => {
    const { template } = synthesized;
    template.resourcePropertiesCountIs('AWS::SNS::Topic', { FifoTopic: true, ContentBasedDeduplication: false, KmsMasterKeyId: 'alias/aws/sns' }, 2);
  });

  it('gives an ordered subscriber a FIFO queue and FIFO dead-letter queue, redriven after five receives', () => {
    const { stack, construct, template } = synthesized;
    const dlq = logicalIdOf(stack, construct.deadLetterQueues.get('feed-sh')!);
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      ContentBasedDeduplication: false,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
    });
    expect(template.toJSON().Resources[dlq].Properties).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true });
    const standard = template.toJSON().Resources[logicalIdOf(stack, construct.queues.get('feed-js')!)].Properties;
    expect(standard.FifoQueue).toBeUndefined();
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('subscribes raw with the filter policy on the message attributes', () => {
    const { template } = synthesized;
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      RawMessageDelivery: true,
      FilterPolicy: policy,
      FilterPolicyScope: 'MessageAttributes',
    });
  });

  it('alarms on any dead-lettered message and on the oldest message passing the lag threshold', () => {
    const { stack, construct, template } = synth(Duration.minutes(30));
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    const dlq = logicalIdOf(stack, construct.deadLetterQueues.get('feed-sh')!);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 30 * 60,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('defaults the lag threshold to fifteen minutes', () => {
    synthesized.template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 15 * 60 });
  });
});
