import { Duration } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { beforeAll, describe, expect, it } from 'vitest';
import { resourceEnvName, resources } from '../../../src/infra/resources.js';
import { streamMappingKey } from '../../../lib/constructs/event-triggers.js';
import { getAtt, logicalId, ref, SYNTH_TIMEOUT_MS, synthesizeStack, type SynthesizedStack } from './stack-fixture.js';

let synthesized: SynthesizedStack;
beforeAll(() => {
  synthesized = synthesizeStack();
}, SYNTH_TIMEOUT_MS);

const triggers = (kind: string) => resources.functions.flatMap((fn) => fn.triggers.filter((t) => t.kind === kind).map((trigger) => ({ fn, trigger })));
const fnOf = (id: string) => synthesized.stack.functions.functions.get(id)!;
/** Set by the stack on the API's two functions, beyond the model's resources (stack-api.test.ts checks them). */
const API_VARIABLES = ['TONGYUAN_PUBLIC_BASE_URL', 'TONGYUAN_FEED_KEYS_SECRET', 'TONGYUAN_ANONYMOUS_USAGE_KEY'];

describe('resource counts follow the model', () => {
  it('creates exactly the declared tables, buckets, topics, subscriptions and functions', () => {
    const { template } = synthesized;
    template.resourceCountIs('AWS::DynamoDB::Table', resources.tables.length);
    template.resourceCountIs('AWS::S3::Bucket', resources.buckets.length + 2); // + the access-log bucket and the Athena results bucket
    template.resourceCountIs('AWS::SNS::Topic', resources.topics.length);
    template.resourceCountIs('AWS::SNS::Subscription', resources.subscriptions.length);
    template.resourceCountIs('AWS::Lambda::Function', resources.functions.length);
  });

  it('creates each queue with its DLQ, plus one failure queue per stream mapping and per scheduled function', () => {
    const scheduledFunctions = new Set(triggers('schedule').map(({ fn }) => fn.id)).size;
    synthesized.template.resourceCountIs('AWS::SQS::Queue', 2 * resources.queues.length + triggers('stream').length + scheduledFunctions);
  });

  it('creates one event source mapping per sqs or stream trigger and one schedule per schedule trigger', () => {
    synthesized.template.resourceCountIs('AWS::Lambda::EventSourceMapping', triggers('sqs').length + triggers('stream').length);
    synthesized.template.resourceCountIs('AWS::Scheduler::Schedule', triggers('schedule').length);
  });
});

describe('functions', () => {
  it.each(resources.functions.map((fn) => [fn.id, fn] as const))('%s: Node.js 22 on arm64 with the model timeout and memory', (id, def) => {
    expect(synthesized.cfn[logicalId(fnOf(id))]?.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: def.timeoutSeconds,
      MemorySize: def.memoryMb,
      Description: def.description,
    });
  });

  it.each(resources.functions.map((fn) => [fn.id, fn] as const))('%s: one environment variable per used resource', (id, def) => {
    const { stack } = synthesized;
    const expected: Record<string, unknown> = {
      POWERTOOLS_SERVICE_NAME: 'tongyuan',
      NODE_OPTIONS: '--enable-source-maps',
      TONGYUAN_SOURCES_DIR: '/var/task/sources',
      TONGYUAN_DATASETS_DIR: '/var/task/datasets',
      TONGYUAN_SUBSCRIBERS_DIR: '/var/task/subscribers',
    };
    for (const t of def.uses.tables ?? []) expected[resourceEnvName('table', t.id)] = ref(stack.tables.tables.get(t.id)!);
    for (const b of def.uses.buckets ?? []) expected[resourceEnvName('bucket', b.id)] = ref(stack.buckets.buckets.get(b.id)!);
    for (const q of def.uses.queues ?? []) expected[resourceEnvName('queue', q)] = ref(stack.queues.queues.get(q)!);
    for (const t of def.uses.topics ?? []) expected[resourceEnvName('topic', t)] = ref(stack.topics.topics.get(t)!);
    const variables = (synthesized.cfn[logicalId(fnOf(id))]?.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables).toMatchObject(expected);
    const resourceVariables = Object.keys(variables).filter((name) => name.startsWith('TONGYUAN_') && !API_VARIABLES.includes(name));
    expect(resourceVariables.sort()).toEqual(
      Object.keys(expected)
        .filter((name) => name.startsWith('TONGYUAN_'))
        .sort(),
    );
  });

  it.each(resources.functions.map((fn) => [fn.id] as const))('%s: logs JSON to its own log group with a retention', (id) => {
    const fn = synthesized.cfn[logicalId(fnOf(id))]!;
    const logGroupId = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
    expect(fn.Properties.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
    expect(synthesized.cfn[logGroupId]?.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('grants tables and buckets no more than the declared access', () => {
    const { stack } = synthesized;
    for (const def of resources.functions) {
      const actions = actionsOn(logicalId(fnOf(def.id).role!));
      for (const t of def.uses.tables ?? []) {
        const granted = actions(getAtt(stack.tables.tables.get(t.id)!, 'Arn'));
        expect(granted, `${def.id} on table ${t.id}`).toContain('dynamodb:Query');
        if (t.access === 'read') expect(granted, `${def.id} on table ${t.id}`).not.toContain('dynamodb:PutItem');
        else expect(granted, `${def.id} on table ${t.id}`).toContain('dynamodb:PutItem');
      }
      for (const b of def.uses.buckets ?? []) {
        const bucket = stack.buckets.buckets.get(b.id)!;
        const granted = actions({ 'Fn::Join': ['', [getAtt(bucket, 'Arn'), '/*']] });
        expect(granted, `${def.id} on bucket ${b.id}`).toContain('s3:GetObject*');
        if (b.access === 'read') expect(granted, `${def.id} on bucket ${b.id}`).not.toContain('s3:PutObject');
        else expect(granted, `${def.id} on bucket ${b.id}`).toContain('s3:PutObject');
      }
      for (const q of def.uses.queues ?? []) expect(actions(getAtt(stack.queues.queues.get(q)!, 'Arn'))).toContain('sqs:SendMessage');
      for (const t of def.uses.topics ?? []) expect(actions(ref(stack.topics.topics.get(t)!))).toContain('sns:Publish');
    }
  });
});

describe('triggers', () => {
  it.each(triggers('sqs').map(({ fn, trigger }) => [fn.id, fn, trigger] as const))(
    '%s: SQS mapping reports item failures with the model batch settings',
    (_id, def, trigger) => {
      if (trigger.kind !== 'sqs') throw new Error('unreachable');
      synthesized.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: ref(fnOf(def.id)),
        EventSourceArn: getAtt(synthesized.stack.queues.queues.get(trigger.queue)!, 'Arn'),
        BatchSize: trigger.batchSize,
        MaximumBatchingWindowInSeconds: trigger.maxBatchingWindowSeconds,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: trigger.maxConcurrency === undefined ? Match.absent() : { MaximumConcurrency: trigger.maxConcurrency },
      });
    },
  );

  it.each(triggers('stream').map(({ fn, trigger }) => [fn.id, fn, trigger] as const))(
    '%s: stream mapping bisects, retries and sets failures aside',
    (_id, def, trigger) => {
      if (trigger.kind !== 'stream') throw new Error('unreachable');
      const { stack } = synthesized;
      const sortKey = resources.tables.find((t) => t.id === trigger.table)!.sortKey!;
      synthesized.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: ref(fnOf(def.id)),
        EventSourceArn: getAtt(stack.tables.tables.get(trigger.table)!, 'StreamArn'),
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: trigger.batchSize,
        MaximumBatchingWindowInSeconds: trigger.maxBatchingWindowSeconds,
        BisectBatchOnFunctionError: true,
        // The stack's default streamRetryAttempts.
        MaximumRetryAttempts: 5,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        DestinationConfig: {
          OnFailure: { Destination: getAtt(stack.eventTriggers.streamFailureQueues.get(streamMappingKey(def.id, trigger.table))!, 'Arn') },
        },
        FilterCriteria:
          trigger.sortKeyPrefix === undefined
            ? Match.absent()
            : {
                Filters: [{ Pattern: JSON.stringify({ dynamodb: { Keys: { [sortKey.name]: { S: [{ prefix: trigger.sortKeyPrefix }] } } } }) }],
              },
      });
    },
  );

  it.each(triggers('schedule').map(({ fn, trigger }) => [fn.id, fn, trigger] as const))(
    '%s: scheduled with retries and a dead-letter queue',
    (_id, def, trigger) => {
      if (trigger.kind !== 'schedule') throw new Error('unreachable');
      const fn = fnOf(def.id);
      synthesized.template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: trigger.dailyAtChinaTime
          ? `cron(${Number(trigger.dailyAtChinaTime.slice(3))} ${Number(trigger.dailyAtChinaTime.slice(0, 2))} * * ? *)`
          : ScheduleExpression.rate(Duration.minutes(trigger.everyMinutes)).expressionString,
        ...(trigger.dailyAtChinaTime ? { ScheduleExpressionTimezone: 'Asia/Shanghai' } : {}),
        Target: {
          Arn: getAtt(fn, 'Arn'),
          // Three invoke retries; an event older than its own period (at most Scheduler's 24 h) is dropped for the next one.
          RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: Math.min(trigger.everyMinutes, 24 * 60) * 60 },
          DeadLetterConfig: { Arn: getAtt(fn.deadLetterQueue!, 'Arn') },
        },
      });
      expect(synthesized.cfn[logicalId(fn)]?.Properties.DeadLetterConfig).toEqual({ TargetArn: getAtt(fn.deadLetterQueue!, 'Arn') });
    },
  );
});

/** The actions a role's policies allow on exactly this resource expression. */
function actionsOn(roleLogicalId: string): (resource: unknown) => string[] {
  const statements = Object.values(synthesized.cfn)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleLogicalId}"`))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: { Effect: string; Action: string | string[]; Resource: unknown }[] }).Statement);
  return (resource) =>
    statements
      .filter((s) => s.Effect === 'Allow' && [s.Resource].flat().some((r) => JSON.stringify(r) === JSON.stringify(resource)))
      .flatMap((s) => [s.Action].flat());
}
