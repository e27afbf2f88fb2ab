import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../../src/aws/clients.js';
import type { FunctionDef } from '../../../src/infra/resources.js';
import { SqsEventSourceMapping } from '../../../src/local/runtime/sqs-mapping.js';
import { drainQueue } from '../../support/queues.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

const fn: FunctionDef = { id: 'probe', description: 'test', entry: 'none', timeoutSeconds: 10, memoryMb: 128, triggers: [], uses: {} };

let clients: AwsClients;

async function queueWithDlq(maxReceiveCount: number) {
  const suffix = uniqueSuffix();
  const dlq = await clients.sqs.send(new CreateQueueCommand({ QueueName: `probe-dlq-${suffix}` }));
  const dlqArn = (await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl!, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  const queue = await clients.sqs.send(
    new CreateQueueCommand({
      QueueName: `probe-${suffix}`,
      Attributes: { VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount }) },
    }),
  );
  const arn = (await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl!, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  return { url: queue.QueueUrl!, arn, dlqUrl: dlq.QueueUrl! };
}

describe('the local SQS event source mapping', () => {
  let mapping: SqsEventSourceMapping | undefined;
  beforeAll(async () => {
    ({ clients } = await useSharedAws());
  });
  afterAll(async () => mapping?.stop());

  it('deletes what succeeded, retries what the handler reported failed, and dead-letters it after maxReceiveCount', async () => {
    const queue = await queueWithDlq(2);
    const seen = new Map<string, number>();
    const handler = async (event: unknown): Promise<SQSBatchResponse> => {
      const records = (event as SQSEvent).Records;
      for (const r of records) seen.set(r.body, (seen.get(r.body) ?? 0) + 1);
      return { batchItemFailures: records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId })) };
    };
    mapping = new SqsEventSourceMapping({
      fn,
      handler,
      sqs: clients.sqs,
      region: 'us-east-1',
      queueUrl: queue.url,
      queueArn: queue.arn,
      batchSize: 10,
      maxBatchingWindowSeconds: 0,
      visibilityTimeoutSeconds: 1,
    });
    await clients.sqs.send(
      new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: ['a', 'b', 'poison', 'c'].map((body, i) => ({ Id: String(i), MessageBody: body })) }),
    );
    mapping.start();
    const deadline = Date.now() + 30_000;
    let dead: Awaited<ReturnType<typeof drainQueue>> = [];
    while (dead.length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      dead = await drainQueue(clients.sqs, queue.dlqUrl);
    }
    await mapping.stop();
    expect(dead.map((m) => m.Body)).toEqual(['poison']);
    expect(seen.get('poison')).toBe(2);
    expect([seen.get('a'), seen.get('b'), seen.get('c')]).toEqual([1, 1, 1]);
    expect(await drainQueue(clients.sqs, queue.url)).toEqual([]);
  });

  it('retries the whole batch when the handler throws', async () => {
    const queue = await queueWithDlq(5);
    let calls = 0;
    const handler = async (event: unknown): Promise<SQSBatchResponse> => {
      calls += 1;
      if (calls === 1) throw new Error('transient');
      expect((event as SQSEvent).Records.map((r) => r.body).sort()).toEqual(['x', 'y']);
      return { batchItemFailures: [] };
    };
    mapping = new SqsEventSourceMapping({
      fn,
      handler,
      sqs: clients.sqs,
      region: 'us-east-1',
      queueUrl: queue.url,
      queueArn: queue.arn,
      batchSize: 10,
      maxBatchingWindowSeconds: 1,
      visibilityTimeoutSeconds: 1,
    });
    await clients.sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: ['x', 'y'].map((body, i) => ({ Id: String(i), MessageBody: body })) }));
    mapping.start();
    const deadline = Date.now() + 20_000;
    while (calls < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await mapping.stop();
    expect(calls).toBe(2);
    expect(mapping.failures).toBe(2);
  });
});
