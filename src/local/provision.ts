import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, UpdateTableCommand, type GlobalSecondaryIndex } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand, GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  ListSubscriptionsByTopicCommand,
  SetSubscriptionAttributesCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import type { AwsClients } from '../aws/clients.js';
import { DynamoRecordCounts } from '../aws/dynamo-record-counts.js';
import { resourceEnvName, validateResources, type QueueDef, type ResourceModel, type SubscriptionDef, type TableDef } from '../infra/resources.js';

/** What provisioning created: physical names for the environment, and what the runtime wires. */
export interface Provisioned {
  readonly env: Readonly<Record<string, string>>;
  readonly tableNames: ReadonlyMap<string, string>;
  readonly queueUrls: ReadonlyMap<string, string>;
  readonly queueArns: ReadonlyMap<string, string>;
}

export const physicalName = (id: string): string => `tongyuan-${id}`;
/** SQS and SNS insist a FIFO queue's or topic's name end in `.fifo`. */
const fifoName = (id: string, fifo: boolean | undefined): string => `${physicalName(id)}${fifo ? '.fifo' : ''}`;

/** The table's name, and whether this call created it (its indexes added in place when it existed without them). */
export async function ensureTable(clients: AwsClients, table: TableDef): Promise<{ name: string; created: boolean }> {
  const name = physicalName(table.id);
  const keys = [table.partitionKey, ...(table.sortKey ? [table.sortKey] : [])];
  const indexKeys = (table.globalIndexes ?? []).flatMap((i) => [i.partitionKey, ...(i.sortKey ? [i.sortKey] : [])]);
  const attributes = [...new Map([...keys, ...indexKeys].map((k) => [k.name, k])).values()];
  const globalIndexes: GlobalSecondaryIndex[] = (table.globalIndexes ?? []).map((i) => ({
    IndexName: i.name,
    KeySchema: [{ AttributeName: i.partitionKey.name, KeyType: 'HASH' }, ...(i.sortKey ? [{ AttributeName: i.sortKey.name, KeyType: 'RANGE' as const }] : [])],
    Projection: { ProjectionType: 'ALL' },
  }));
  let created = false;
  try {
    await clients.dynamo.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
        KeySchema: [
          { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
          ...(table.sortKey ? [{ AttributeName: table.sortKey.name, KeyType: 'RANGE' as const }] : []),
        ],
        GlobalSecondaryIndexes: globalIndexes.length > 0 ? globalIndexes : undefined,
        StreamSpecification: table.stream ? { StreamEnabled: true, StreamViewType: table.stream } : undefined,
      }),
    );
    created = true;
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  // A state directory made by an older version lacks indexes added since: add them in place.
  const existing = await clients.dynamo.send(new DescribeTableCommand({ TableName: name }));
  const present = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  for (const index of globalIndexes.filter((i) => !present.has(i.IndexName))) {
    await clients.dynamo.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
        GlobalSecondaryIndexUpdates: [{ Create: index }],
      }),
    );
  }
  return { name, created };
}

async function ensureBucket(clients: AwsClients, id: string): Promise<string> {
  const name = physicalName(id);
  try {
    await clients.s3.send(new HeadBucketCommand({ Bucket: name }));
  } catch {
    await clients.s3.send(new CreateBucketCommand({ Bucket: name }));
  }
  return name;
}

async function queueArn(clients: AwsClients, url: string): Promise<string> {
  const out = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = out.Attributes?.QueueArn;
  if (!arn) throw new Error(`queue ${url} has no ARN`);
  return arn;
}

/**
 * Creates every table, bucket, queue (with its dead-letter queue), topic and
 * subscription of the resource model, idempotently, in the emulators.
 */
export async function provision(model: ResourceModel, clients: AwsClients): Promise<Provisioned> {
  validateResources(model);
  const env: Record<string, string> = {};
  const tableNames = new Map<string, string>();
  const queueUrls = new Map<string, string>();
  const queueArns = new Map<string, string>();
  let recordsCreated = false;
  for (const table of model.tables) {
    const { name, created } = await ensureTable(clients, table);
    tableNames.set(table.id, name);
    env[resourceEnvName('table', table.id)] = name;
    if (table.id === 'records') recordsCreated = created;
  }
  // The records table starts empty, so the route's live-record counters start right at 0. A
  // table that already existed gets no baseline: the run summary then counts by query.
  const stateTable = tableNames.get('state');
  if (recordsCreated && stateTable) await new DynamoRecordCounts(clients.doc, stateTable).writeBaseline(new Date());
  for (const bucket of model.buckets) env[resourceEnvName('bucket', bucket.id)] = await ensureBucket(clients, bucket.id);
  for (const queue of model.queues) {
    // A FIFO queue's dead-letter queue must be FIFO too.
    const dlq = await clients.sqs.send(
      new CreateQueueCommand({
        QueueName: fifoName(`${queue.id}-dlq`, queue.fifo),
        Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600), ...fifoAttributes(queue) },
      }),
    );
    const dlqUrl = dlq.QueueUrl!;
    queueUrls.set(`${queue.id}-dlq`, dlqUrl);
    const out = await clients.sqs.send(
      new CreateQueueCommand({
        QueueName: fifoName(queue.id, queue.fifo),
        Attributes: {
          VisibilityTimeout: String(queue.visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await queueArn(clients, dlqUrl), maxReceiveCount: queue.maxReceiveCount }),
          ...fifoAttributes(queue),
        },
      }),
    );
    const url = out.QueueUrl!;
    queueUrls.set(queue.id, url);
    queueArns.set(queue.id, await queueArn(clients, url));
    env[resourceEnvName('queue', queue.id)] = url;
  }
  const topicArns = new Map<string, string>();
  for (const topic of model.topics) {
    const out = await clients.sns.send(
      new CreateTopicCommand({
        Name: fifoName(topic.id, topic.fifo),
        ...(topic.fifo ? { Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'false' } } : {}),
      }),
    );
    topicArns.set(topic.id, out.TopicArn!);
    env[resourceEnvName('topic', topic.id)] = out.TopicArn!;
  }
  for (const subscription of model.subscriptions)
    await ensureSubscription(clients, subscription, topicArns.get(subscription.topic)!, queueArns.get(subscription.queue)!);
  return { env, tableNames, queueUrls, queueArns };
}

function fifoAttributes(queue: QueueDef): Record<string, string> {
  return queue.fifo ? { FifoQueue: 'true', ContentBasedDeduplication: String(queue.contentBasedDeduplication ?? false) } : {};
}

/** Subscribes the queue once; on a later start, a subscriber whose filter changed gets the new policy in place. */
async function ensureSubscription(clients: AwsClients, subscription: SubscriptionDef, topicArn: string, endpoint: string): Promise<void> {
  const policy = subscription.filterPolicy ? JSON.stringify(subscription.filterPolicy) : undefined;
  const existing = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  const found = (existing.Subscriptions ?? []).find((s) => s.Endpoint === endpoint);
  if (!found?.SubscriptionArn) {
    await clients.sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: endpoint,
        Attributes: {
          RawMessageDelivery: String(subscription.rawMessageDelivery),
          ...(policy ? { FilterPolicy: policy, FilterPolicyScope: 'MessageAttributes' } : {}),
        },
      }),
    );
    return;
  }
  const arn = found.SubscriptionArn;
  const current = (await clients.sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: arn }))).Attributes ?? {};
  if (samePolicy(current.FilterPolicy, policy)) return;
  // SNS has no way to unset a policy but an empty one; scope first, so the new policy is never read in the wrong scope.
  await clients.sns.send(
    new SetSubscriptionAttributesCommand({ SubscriptionArn: arn, AttributeName: 'FilterPolicyScope', AttributeValue: 'MessageAttributes' }),
  );
  await clients.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: arn, AttributeName: 'FilterPolicy', AttributeValue: policy ?? '' }));
}

function samePolicy(current: string | undefined, wanted: string | undefined): boolean {
  if (!current || !wanted) return !current && !wanted;
  try {
    return JSON.stringify(JSON.parse(current)) === wanted;
  } catch {
    return false;
  }
}
