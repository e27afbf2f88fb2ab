import type { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { Topic, type ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { TopicDef } from '../../src/infra/resources.js';
import { pascalId } from './model-ids.js';

const SNS_MANAGED_KEY_ALIAS = 'alias/aws/sns';

export interface FeedTopicsProps {
  readonly topics: readonly TopicDef[];
}

/** The feed topics; their queue subscriptions are the subscribers' (SubscriberQueues). */
export class FeedTopics extends Construct {
  /** Topics by model id. */
  readonly topics: ReadonlyMap<string, ITopic>;

  constructor(scope: Construct, id: string, props: FeedTopicsProps) {
    super(scope, id);
    const topics = new Map<string, ITopic>();
    for (const def of props.topics) {
      // A FIFO topic's name is generated with the `.fifo` suffix; publishers always send their own
      // deduplication id (event id and view), so content-based deduplication stays off.
      const topic = new Topic(this, pascalId(def.id), {
        enforceSSL: true,
        ...(def.fifo ? { fifo: true, contentBasedDeduplication: false } : {}),
      });
      // Encrypted with the AWS managed SNS key, set on the L1: its key policy already lets
      // same-account publishers use it through SNS, so publishers need no KMS statement
      // (the L2 `masterKey` would add a key/* grant that depends on the account and region).
      (topic.node.defaultChild as CfnTopic).kmsMasterKeyId = SNS_MANAGED_KEY_ALIAS;
      topics.set(def.id, topic);
    }
    this.topics = topics;
  }
}
