import type { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SubscriptionDef, TopicDef } from '../../src/infra/resources.js';
import { lookup, pascalId } from './model-ids.js';

const SNS_MANAGED_KEY_ALIAS = 'alias/aws/sns';

export interface FeedTopicsProps {
  readonly topics: readonly TopicDef[];
  readonly subscriptions: readonly SubscriptionDef[];
  /** The model's queues by id, for the subscriptions. */
  readonly queues: ReadonlyMap<string, IQueue>;
}

/** The feed topics and their queue subscriptions. */
export class FeedTopics extends Construct {
  /** Topics by model id. */
  readonly topics: ReadonlyMap<string, ITopic>;

  constructor(scope: Construct, id: string, props: FeedTopicsProps) {
    super(scope, id);
    const topics = new Map<string, ITopic>();
    for (const def of props.topics) {
      const topic = new Topic(this, pascalId(def.id), { enforceSSL: true });
      // Encrypted with the AWS managed SNS key, set on the L1: its key policy already lets
      // same-account publishers use it through SNS, so publishers need no KMS statement
      // (the L2 `masterKey` would add a key/* grant that depends on the account and region).
      (topic.node.defaultChild as CfnTopic).kmsMasterKeyId = SNS_MANAGED_KEY_ALIAS;
      topics.set(def.id, topic);
    }
    for (const def of props.subscriptions) {
      lookup(topics, 'topic', def.topic).addSubscription(
        new SqsSubscription(lookup(props.queues, 'queue', def.queue), { rawMessageDelivery: def.rawMessageDelivery }),
      );
    }
    this.topics = topics;
  }
}
