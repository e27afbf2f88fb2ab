import { secretReferencesOf } from '../src/config/secret-refs.js';
import { singleSchedule, sourceSchedulePlan } from '../src/infra/source-schedules.js';
import { queryTableOf } from '../src/publish/query-table.js';
import { ANONYMOUS_USAGE_KEY_ENV } from '../src/api/authorizer/authorizer-config.js';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DataBuckets } from './constructs/data-buckets.js';
import { DataTables } from './constructs/data-tables.js';
import { EventTriggers } from './constructs/event-triggers.js';
import { FeedTopics } from './constructs/feed-topics.js';
import { FEED_SIGNING_KEYS_SECRET_NAME, FeedSigningKeys } from './constructs/feed-signing-keys.js';
import { OpenDataApi } from './constructs/open-data-api.js';
import { OpenDataCatalog } from './constructs/open-data-catalog.js';
import { lookup, pascalId } from './constructs/model-ids.js';
import { ModelFunctions } from './constructs/model-functions.js';
import { QueuesWithDlq } from './constructs/queues-with-dlq.js';
import { SubscriberQueues } from './constructs/subscriber-queues.js';
import { Schedules } from './constructs/schedules.js';
import { applyNagSuppressions } from './nag-suppressions.js';
import { resolveStackSettings, type TongyuanStackProps } from './stack-settings.js';

export type { TongyuanStackProps } from './stack-settings.js';

/** The function that connects to the departments, and so alone resolves their connection secrets. */
const SOURCE_CONNECTING_FUNCTION = 'ingest';
/** The bucket releases are written to, which the Glue tables read. */
const RELEASE_BUCKET = 'open';

/**
 * Everything tongyuan runs on, generated from the resource model in
 * src/infra/resources.ts: nothing here names a particular table, queue or function.
 */
export class TongyuanStack extends Stack {
  readonly tables: DataTables;
  readonly buckets: DataBuckets;
  readonly queues: QueuesWithDlq;
  readonly topics: FeedTopics;
  /** Each feed subscriber's queue, dead-letter queue, subscriptions and alarms. */
  readonly subscriberQueues: SubscriberQueues;
  readonly functions: ModelFunctions;
  readonly eventTriggers: EventTriggers;
  readonly schedules: Schedules;
  /** Glue tables over the Parquet releases and the Athena workgroup that queries them. */
  readonly catalog: OpenDataCatalog;
  /** Absent when no function has an `http` trigger. */
  readonly api?: OpenDataApi;
  /** The feeds' private signing keys, which the API reads for its public JWK set; absent with the API. */
  readonly feedSigningKeys?: FeedSigningKeys;

  constructor(scope: Construct, id: string, props: TongyuanStackProps = {}) {
    // Before super: a bad model or prop fails without leaving half a stack in the app.
    const settings = resolveStackSettings(props);
    super(scope, id, props);
    const { model } = settings;

    this.tables = new DataTables(this, 'Tables', { tables: model.tables });
    this.buckets = new DataBuckets(this, 'Buckets', { buckets: model.buckets });
    // A queue a topic delivers to is a subscriber's: it gets its alarms (and FIFO) there.
    const subscribed = new Set(model.subscriptions.map((s) => s.queue));
    this.queues = new QueuesWithDlq(this, 'Queues', { queues: model.queues.filter((q) => !subscribed.has(q.id)) });
    this.topics = new FeedTopics(this, 'Topics', { topics: model.topics });
    this.subscriberQueues = new SubscriberQueues(this, 'SubscriberQueues', {
      queues: model.queues.filter((q) => subscribed.has(q.id)),
      subscriptions: model.subscriptions,
      topics: this.topics.topics,
      lagThreshold: settings.subscriberLagThreshold,
    });
    const allQueues = new Map([...this.queues.queues, ...this.subscriberQueues.queues]);
    this.functions = new ModelFunctions(this, 'Functions', {
      functions: model.functions,
      projectRoot: settings.projectRoot,
      logRetention: settings.logRetention,
      tables: this.tables.tables,
      buckets: this.buckets.buckets,
      queues: allQueues,
      topics: this.topics.topics,
      secretReads: new Map([[SOURCE_CONNECTING_FUNCTION, secretReferencesOf(settings.sources ?? [])]]),
    });
    this.eventTriggers = new EventTriggers(this, 'Triggers', {
      model,
      functions: this.functions.functions,
      queues: allQueues,
      tables: this.tables.tables,
      streamRetryAttempts: settings.streamRetryAttempts,
    });
    this.schedules = new Schedules(this, 'Schedules', {
      functions: model.functions,
      deployed: this.functions.functions,
      plan: settings.sources ? sourceSchedulePlan(settings.sources) : singleSchedule,
    });

    this.catalog = new OpenDataCatalog(this, 'OpenDataCatalog', {
      releaseBucket: lookup(this.buckets.buckets, 'bucket', RELEASE_BUCKET),
      tables: settings.datasets.map((dataset) => queryTableOf(dataset)),
      accessLogBucket: this.buckets.accessLogBucket,
      bytesScannedCutoffPerQuery: settings.athenaBytesScannedCutoff,
    });
    new CfnOutput(this, 'AthenaWorkGroup', { value: this.catalog.workGroup.ref, description: 'Athena workgroup for SQL over the releases' });

    const httpFunction = model.functions.find((fn) => fn.triggers.some((trigger) => trigger.kind === 'http'));
    const authorizerFunction = model.functions.find((fn) => fn.triggers.some((trigger) => trigger.kind === 'http-authorizer'));
    if (httpFunction && authorizerFunction) {
      const handler = lookup(this.functions.functions, 'function', httpFunction.id);
      const authorizer = lookup(this.functions.functions, 'function', authorizerFunction.id);
      this.api = new OpenDataApi(this, 'OpenDataApi', {
        handler,
        authorizer,
        logRetention: settings.logRetention,
        rateLimit: settings.apiRateLimit,
        burstLimit: settings.apiBurstLimit,
        anonymous: { rateLimit: settings.anonymousRateLimit, burstLimit: settings.anonymousBurstLimit },
        granted: { rateLimit: settings.grantedRateLimit, burstLimit: settings.grantedBurstLimit, dailyQuota: settings.grantedDailyQuota },
      });
      authorizer.addEnvironment(ANONYMOUS_USAGE_KEY_ENV, this.api.usagePlans.anonymousKeyValue.secretValue.unsafeUnwrap());
      // The stage URL comes from the API's id, not its stage: the stage depends on this function (see OpenDataApi.stageBaseUrl).
      handler.addEnvironment('TONGYUAN_PUBLIC_BASE_URL', settings.publicBaseUrl ?? this.api.stageBaseUrl);
      this.feedSigningKeys = new FeedSigningKeys(this, 'FeedSigningKeys');
      this.feedSigningKeys.grantRead(handler);
      handler.addEnvironment('TONGYUAN_FEED_KEYS_SECRET', FEED_SIGNING_KEYS_SECRET_NAME);
      new CfnOutput(this, 'ApiUrl', { value: this.api.stageBaseUrl, description: 'Base URL of the open-data API stage' });
      new CfnOutput(this, 'GrantedUsagePlanId', {
        value: this.api.usagePlans.granted.usagePlanId,
        description: 'Usage plan that `tongyuan grants approve` adds each grant key to',
      });
    }
    for (const [bucketId, bucket] of this.buckets.buckets)
      new CfnOutput(this, `${pascalId(bucketId)}BucketName`, { value: bucket.bucketName, description: `Name of the ${bucketId} bucket` });
    for (const [queueId, queue] of this.subscriberQueues.queues)
      new CfnOutput(this, `${pascalId(queueId)}QueueUrl`, { value: queue.queueUrl, description: `URL of subscriber queue ${queueId}` });
    for (const [topicId, topic] of this.topics.topics)
      new CfnOutput(this, `${pascalId(topicId)}TopicArn`, { value: topic.topicArn, description: `ARN of the ${topicId} feed topic` });

    applyNagSuppressions(this, model);
  }
}
