import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../../src/infra/resources.js';
import { getAtt, logicalId, ref, SYNTH_TIMEOUT_MS, synthesizeStack, type SynthesizedStack } from './stack-fixture.js';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack();
}, SYNTH_TIMEOUT_MS);

const FOURTEEN_DAYS = 14 * 24 * 60 * 60;
const denyWithoutTls = Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });

describe('queues', () => {
  it.each(resources.queues.map((q) => [q.id, q] as const))('%s: model visibility timeout, own DLQ after maxReceiveCount, SSE', (id, def) => {
    const { stack, cfn } = synthesized;
    const queue = cfn[logicalId(stack.queues.queues.get(id)!)]!;
    expect(queue.Properties).toMatchObject({
      VisibilityTimeout: def.visibilityTimeoutSeconds,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { deadLetterTargetArn: getAtt(stack.queues.deadLetterQueues.get(id)!, 'Arn'), maxReceiveCount: def.maxReceiveCount },
    });
  });

  it.each(resources.functions.flatMap((fn) => fn.triggers.flatMap((t) => (t.kind === 'sqs' ? [[t.queue, fn.id] as const] : []))))(
    '%s: visibility timeout is at least 6x the timeout of its consumer %s',
    (queueId, functionId) => {
      const { stack, cfn } = synthesized;
      const visibility = cfn[logicalId(stack.queues.queues.get(queueId)!)]!.Properties.VisibilityTimeout as number;
      const timeout = cfn[logicalId(stack.functions.functions.get(functionId)!)]!.Properties.Timeout as number;
      expect(visibility).toBeGreaterThanOrEqual(6 * timeout);
    },
  );

  it('keeps every dead-letter and failure queue 14 days, encrypted', () => {
    const { stack, cfn } = synthesized;
    const failureQueues = [
      ...stack.queues.deadLetterQueues.values(),
      ...stack.eventTriggers.streamFailureQueues.values(),
      ...[...stack.functions.functions.values()].flatMap((fn) => (fn.deadLetterQueue ? [fn.deadLetterQueue] : [])),
    ];
    expect(failureQueues.length).toBeGreaterThan(resources.queues.length);
    for (const queue of failureQueues)
      expect(cfn[logicalId(queue)]?.Properties).toMatchObject({ MessageRetentionPeriod: FOURTEEN_DAYS, SqsManagedSseEnabled: true });
  });

  it('denies non-TLS access to every queue', () => {
    const queueIds = Object.entries(synthesized.cfn)
      .filter(([, r]) => r.Type === 'AWS::SQS::Queue')
      .map(([id]) => id);
    for (const queueId of queueIds)
      synthesized.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: Match.arrayWith([{ Ref: queueId }]),
        PolicyDocument: { Statement: Match.arrayWith([denyWithoutTls]) },
      });
  });
});

describe('tables', () => {
  it.each(resources.tables.map((t) => [t.id, t] as const))('%s: on demand, PITR, SSE, retained, stream and indexes as declared', (id, def) => {
    const table = synthesized.cfn[logicalId(synthesized.stack.tables.tables.get(id)!)]!;
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      KeySchema: [{ AttributeName: def.partitionKey.name, KeyType: 'HASH' }, ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' }] : [])],
    });
    expect(table.Properties.StreamSpecification).toEqual(def.stream ? { StreamViewType: def.stream } : undefined);
    const indexNames = ((table.Properties.GlobalSecondaryIndexes ?? []) as { IndexName: string }[]).map((index) => index.IndexName);
    expect(indexNames).toEqual((def.globalIndexes ?? []).map((index) => index.name));
  });
});

describe('buckets', () => {
  it.each(resources.buckets.map((b) => [b.id, b] as const))('%s: private, encrypted, versioned as declared, access-logged, retained', (id, def) => {
    const { stack, cfn } = synthesized;
    const bucket = cfn[logicalId(stack.buckets.buckets.get(id)!)]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LoggingConfiguration: { DestinationBucketName: ref(stack.buckets.accessLogBucket) },
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual(def.versioned ? { Status: 'Enabled' } : undefined);
  });

  it('denies non-TLS access to every bucket, the access-log bucket included', () => {
    const bucketIds = Object.entries(synthesized.cfn)
      .filter(([, r]) => r.Type === 'AWS::S3::Bucket')
      .map(([id]) => id);
    for (const bucketId of bucketIds)
      synthesized.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: { Statement: Match.arrayWith([denyWithoutTls]) },
      });
  });
});

describe('topics', () => {
  it.each(resources.topics.map((t) => [t.id] as const))('%s: KMS-encrypted and TLS-only', (id) => {
    const topic = synthesized.stack.topics.topics.get(id)!;
    expect(synthesized.cfn[logicalId(topic)]?.Properties.KmsMasterKeyId).toBeDefined();
    synthesized.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [ref(topic)],
      PolicyDocument: { Statement: Match.arrayWith([denyWithoutTls]) },
    });
  });

  it.each(resources.subscriptions.map((s) => [s.id, s] as const))('%s: delivers the topic to its queue as declared', (_id, def) => {
    const { stack } = synthesized;
    synthesized.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: ref(stack.topics.topics.get(def.topic)!),
      Endpoint: getAtt(stack.queues.queues.get(def.queue)!, 'Arn'),
      RawMessageDelivery: def.rawMessageDelivery,
    });
  });
});
