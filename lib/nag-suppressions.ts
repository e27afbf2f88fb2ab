import type { Stack } from 'aws-cdk-lib';
import { Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { FunctionDef, ResourceModel } from '../src/infra/resources.js';
import { lookup } from './constructs/model-ids.js';
import type { OpenDataApi } from './constructs/open-data-api.js';
import type { TongyuanStack } from './tongyuan-stack.js';

/**
 * Every cdk-nag (AwsSolutions) acknowledgement of the stack, in one place. Each is
 * attached to the narrowest construct and, for IAM5, to the exact finding
 * (`AwsSolutions-IAM5[<finding>]`), computed from the model so a new grant is
 * reviewed rather than silently covered.
 */
export function applyNagSuppressions(stack: TongyuanStack, model: ResourceModel): void {
  for (const def of model.functions) {
    const fn = lookup(stack.functions.functions, 'function', def.id);
    acknowledge(
      resourceOf(fn),
      'AwsSolutions-L1',
      'Node.js 22 is the pinned runtime of the whole project (package engines, local runtime, esbuild target); a newer one is a deliberate, project-wide upgrade.',
    );
    if (fn.role) acknowledgeGrantWildcards(stack, model, def, fn.role);
    const invoker = stack.schedules.roles.get(def.id);
    if (invoker)
      acknowledge(
        invoker,
        `AwsSolutions-IAM5[Resource::<${logicalIdOf(stack, fn)}.Arn>:*]`,
        'grantInvoke covers the versions and aliases of the one scheduled function; no other function is invocable.',
      );
  }

  for (const queue of stack.eventTriggers.streamFailureQueues.values())
    acknowledge(
      resourceOf(queue),
      'AwsSolutions-SQS3',
      'This queue is itself a dead-letter queue: the on-failure destination of a DynamoDB stream mapping, which the rule does not recognise as one.',
    );

  if (stack.api) acknowledgeOpenDataApi(stack.api);
  if (stack.feedSigningKeys)
    acknowledge(
      resourceOf(stack.feedSigningKeys.secret),
      'AwsSolutions-SMG4',
      'An Ed25519 JWK set cannot be rotated by a Secrets Manager rotation function without the feeds knowing; `tongyuan keys rotate` rotates it, keeping the old public key published.',
    );

  acknowledge(
    resourceOf(stack.buckets.accessLogBucket),
    'AwsSolutions-S1',
    'This is the server access log bucket; logging it into itself would recurse, and into another bucket would only move the problem.',
  );
}

/** The REST API's findings, each a decision about the public, read-mostly open-data API. */
function acknowledgeOpenDataApi(api: OpenDataApi): void {
  for (const method of api.methods)
    acknowledge(
      resourceOf(method),
      'AwsSolutions-COG4',
      'Callers are the public and grant holders with tongyuan API keys, not Cognito users: the Lambda REQUEST authorizer admits each request and names its usage plan.',
    );
  acknowledge(
    resourceOf(api.api),
    'AwsSolutions-APIG2',
    'Every path goes to one proxy integration whose app validates each query parameter and body and answers 400 naming the field; gateway models would duplicate that in another error format.',
  );
  const stage = api.api.deploymentStage;
  acknowledge(
    resourceOf(stage),
    'AwsSolutions-APIG3',
    'Abuse is bounded by the stage throttle and the usage plans (anonymous callers together, each grant key on its own, with a daily quota); a WAF web ACL is an operator choice per deployment.',
  );
  acknowledge(
    resourceOf(stage),
    'AwsSolutions-APIG6',
    'The JSON access log records every request with the authorizer verdict and integration errors; execution logging needs the account-wide API Gateway CloudWatch role, which one application stack must not own.',
  );
  acknowledge(
    resourceOf(api.usagePlans.anonymousKeyValue),
    'AwsSolutions-SMG4',
    'The value only names the anonymous usage plan (clients cannot present it: the key source is the authorizer); rotating it would change nothing but the key it names.',
  );
}

/** The wildcards that CDK's grant helpers produce for this function's `uses` and triggers. */
function acknowledgeGrantWildcards(stack: TongyuanStack, model: ResourceModel, def: FunctionDef, role: IConstruct): void {
  const iam5 = (finding: string, reason: string) => acknowledge(role, `AwsSolutions-IAM5[${finding}]`, reason);
  const buckets = def.uses.buckets ?? [];
  if (buckets.length > 0) {
    const actionReason = 'CDK grantRead/grantReadWrite action groups, limited by resource to the buckets the resource model gives this function.';
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*']) iam5(`Action::${action}`, actionReason);
    if (buckets.some((bucket) => bucket.access === 'readWrite'))
      for (const action of ['s3:DeleteObject*', 's3:Abort*']) iam5(`Action::${action}`, actionReason);
  }
  for (const { id } of buckets)
    iam5(
      `Resource::<${logicalIdOf(stack, lookup(stack.buckets.buckets, 'bucket', id))}.Arn>/*`,
      `Objects of the ${id} bucket, which the resource model gives this function; object keys are generated at run time.`,
    );
  for (const { id } of def.uses.tables ?? []) {
    const indexed = (model.tables.find((table) => table.id === id)?.globalIndexes ?? []).length > 0;
    if (!indexed) continue;
    iam5(
      `Resource::<${logicalIdOf(stack, lookup(stack.tables.tables, 'table', id))}.Arn>/index/*`,
      `The global secondary indexes of the ${id} table, which the resource model gives this function.`,
    );
  }
  // Active tracing (the handlers' Tracer) adds X-Ray writes to every role.
  const unscoped = ['xray:PutTraceSegments and xray:PutTelemetryRecords, added by active tracing, support no resource-level permissions.'];
  if (def.triggers.some((trigger) => trigger.kind === 'stream'))
    unscoped.push('dynamodb:ListStreams, added by the stream event source, supports none either; stream reads are scoped to the stream ARN.');
  iam5('Resource::*', unscoped.join(' '));
}

function acknowledge(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** The CloudFormation resource of an L2 construct, so an acknowledgement covers nothing else. */
function resourceOf(construct: IConstruct): IConstruct {
  const resource = construct.node.defaultChild;
  if (!resource) throw new Error(`${construct.node.path} has no CloudFormation resource to acknowledge on`);
  return resource;
}

function logicalIdOf(stack: Stack, construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}
