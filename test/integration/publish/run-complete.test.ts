import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoSourceRuns } from '../../../src/aws/dynamo-source-runs.js';
import { SqsSender } from '../../../src/aws/sqs-sender.js';
import { settlePublishBatch } from '../../../src/publish/publish-batch.js';
import type { PublishRequest } from '../../../src/publish/request.js';
import { completeRunIfDone, RUN_STALE_SECONDS, type RunCompletionDeps } from '../../../src/runs/run-completion.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

describe('the end of a source run on DynamoDB and SQS', () => {
  let shared: SharedAws;
  beforeAll(async () => {
    shared = await useSharedAws();
  });

  it('is in flight until the last of its messages is normalized, which completes it once and asks for the releases', async () => {
    const runs = new DynamoSourceRuns(shared.clients.doc, shared.config.resources.table('state'));
    const sourceId = `settled-publish-${uniqueSuffix()}`;
    const sent: string[] = [];
    const deps: RunCompletionDeps = {
      runs,
      publishQueue: { send: async (bodies) => void sent.push(...bodies) },
      datasetsOf: () => ['decisions'],
      clock: { now: () => new Date() },
    };
    const now = () => new Date();
    await runs.open(sourceId, 'r1', now());
    expect(await runs.inFlight(sourceId, now(), RUN_STALE_SECONDS)).toBe(true);
    expect(await completeRunIfDone(sourceId, 'r1', await runs.seal(sourceId, 'r1', 3, now()), deps)).toBe(false);
    // Three messages normalized at once, one of them twice: exactly one completes the run.
    const states = await Promise.all([1, 2, 2, 3].map((seq) => runs.done(sourceId, 'r1', seq, now())));
    const completed = await Promise.all(states.map((state) => completeRunIfDone(sourceId, 'r1', state, deps)));
    expect(completed.filter(Boolean)).toHaveLength(1);
    expect(sent.map((b) => JSON.parse(b) as PublishRequest)).toMatchObject([{ datasetId: 'decisions', trigger: 'run-complete', runId: 'r1' }]);
    expect(await runs.inFlight(sourceId, now(), RUN_STALE_SECONDS)).toBe(false);
    // An abandoned run (untouched past the stale time) holds nothing back.
    await runs.open(sourceId, 'r2', new Date(Date.now() - (RUN_STALE_SECONDS + 5) * 1000));
    expect(await runs.inFlight(sourceId, now(), RUN_STALE_SECONDS)).toBe(false);
    // A run interrupted mid-sync (never sealed) is superseded by the source's next run: once that completes, nothing waits.
    await runs.open(sourceId, 'r3', now());
    await runs.open(sourceId, 'r4', now());
    expect(await runs.inFlight(sourceId, now(), RUN_STALE_SECONDS)).toBe(true);
    expect(await runs.claimCompletion(sourceId, 'r4', now())).toBe(true);
    expect(await runs.inFlight(sourceId, now(), RUN_STALE_SECONDS)).toBe(false);
  });

  it('sends a failed publish request back on its queue delayed by less than a minute, with its attempt, and acknowledges it', async () => {
    const { QueueUrl } = await shared.clients.sqs.send(new CreateQueueCommand({ QueueName: `settled-publish-retry-${uniqueSuffix()}` }));
    const queue = new SqsSender(shared.clients.sqs, QueueUrl!);
    const dataset = { id: 'decisions', ...DATASET_DEFAULTS, recordType: 'enforcement-decision', license: 'CC-BY-4.0' };
    const body = JSON.stringify({ kind: 'publish-dataset', datasetId: 'decisions', requestedAt: new Date().toISOString(), trigger: 'run-complete' });
    const failed = await settlePublishBatch([{ messageId: 'm1', body }], {
      datasets: [dataset],
      settle: async () => {
        throw new Error('the open bucket refused the PutObject');
      },
      retry: (request, delaySeconds) => queue.send([JSON.stringify(request)], { delaySeconds }),
    });
    expect(failed).toEqual([]);
    const attributes = await shared.clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessagesDelayed', 'ApproximateNumberOfMessages'] }),
    );
    expect(attributes.Attributes).toMatchObject({ ApproximateNumberOfMessagesDelayed: '1', ApproximateNumberOfMessages: '0' });
    // Back within the first retry's delay (10 s), well inside a minute.
    const started = Date.now();
    const out = await shared.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 15 }));
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(JSON.parse(out.Messages![0]!.Body!)).toMatchObject({ datasetId: 'decisions', trigger: 'run-complete', attempt: 1 });
  }, 30_000);
});
