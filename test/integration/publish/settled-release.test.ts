import { CreateTableCommand, DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteMessageCommand, DeleteQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoReleaseCatalog } from '../../../src/aws/dynamo-release-catalog.js';
import { SqsQueueBacklog } from '../../../src/aws/sqs-queue-backlog.js';
import { SqsSender } from '../../../src/aws/sqs-sender.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { settlePublishBatch } from '../../../src/publish/publish-batch.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { settlePublishRequest, type SettleDeps, type SettleOutcome } from '../../../src/publish/settle-request.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { plainReleasePieces, storedVersion } from '../../support/publish-memory.js';

const TYPE = 'enforcement-decision';
const suffix = uniqueSuffix();
/** This test's own state table and queues: the release catalog, a normalize queue, a publish queue. */
const names = { table: `settled-release-state-${suffix}`, normalize: `settled-release-normalize-${suffix}`, publish: `settled-release-publish-${suffix}` };
let shared: SharedAws;
let urls: { normalize: string; publish: string };

beforeAll(async () => {
  shared = await useSharedAws();
  await shared.clients.dynamo.send(
    new CreateTableCommand({
      TableName: names.table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  const queueUrl = async (QueueName: string) => (await shared.clients.sqs.send(new CreateQueueCommand({ QueueName }))).QueueUrl!;
  urls = { normalize: await queueUrl(names.normalize), publish: await queueUrl(names.publish) };
});

afterAll(async () => {
  await shared.clients.dynamo.send(new DeleteTableCommand({ TableName: names.table }));
  for (const QueueUrl of Object.values(urls)) await shared.clients.sqs.send(new DeleteQueueCommand({ QueueUrl }));
});

describe('a release while a normalize message is in flight (DynamoDB Local, fauxqs)', () => {
  it('is not final: deferred, then provisional past the longest wait for a first release; once the message is done the follow-up cuts the final release, with no new change', async () => {
    const { sqs, doc } = shared.clients;
    const dataset: DatasetConfig = { id: `settled-${suffix}`, ...DATASET_DEFAULTS, recordType: TYPE };
    const records = ['a', 'b', 'c'].map((id) => storedVersion(TYPE, `${suffix}-${id}`, { id }));
    const catalog = new DynamoReleaseCatalog(doc, names.table);
    // The test moves time past the longest wait without waiting for it.
    let skewMs = 0;
    const deps: SettleDeps = {
      ...shared.app.publishDeps(),
      records: {
        async *listCurrent() {
          yield records;
        },
      },
      releases: catalog,
      ...plainReleasePieces(() => ['id']),
      validity: undefined,
      disclosures: undefined,
      clock: { now: () => new Date(Date.now() + skewMs) },
      changes: { lastChanged: async () => new Date(Date.now() - 3_600_000) },
      publishQueue: new SqsSender(sqs, urls.publish),
      quietSeconds: 0,
      maxWaitSeconds: 300,
      pipeline: { normalizeQueue: new SqsQueueBacklog(sqs, urls.normalize), runsInFlight: async () => [] },
    };

    // A raw batch taken by a normalize that then failed (its store was down): invisible for the visibility timeout.
    await sqs.send(new SendMessageCommand({ QueueUrl: urls.normalize, MessageBody: JSON.stringify({ kind: 'raw-batch', sourceId: 's' }) }));
    const taken = await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls.normalize, VisibilityTimeout: 600, WaitTimeSeconds: 1 }));
    expect(taken.Messages).toHaveLength(1);

    // The run ended half a minute ago: its release is due, and would now wait the longest pause between looks.
    const requestedAt = new Date(Date.now() - 30_000);
    expect(await settlePublishRequest(dataset, requestedAt, deps, { trigger: 'run-complete' })).toEqual({ action: 'deferred', delaySeconds: 10 });
    expect(await catalog.latest(dataset.id)).toBeUndefined();

    // Past the longest wait for a dataset's first release (an hour).
    skewMs = 3_601_000;
    const provisional = await settlePublishRequest(dataset, requestedAt, deps, { trigger: 'run-complete' });
    expect(provisional).toMatchObject({ action: 'published', rows: 3, provisional: '1 normalize message in flight' });
    const first = (await catalog.latest(dataset.id))!;
    expect(first).toMatchObject({ provisional: true, provisionalReason: '1 normalize message in flight', rowCount: 3 });

    // The message is done with; the follow-up the provisional release queued arrives (after its delay) with no change in between.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: urls.normalize, ReceiptHandle: taken.Messages![0]!.ReceiptHandle! }));
    const followUps = await receiveFollowUp(dataset.id, first.releaseId);
    const outcomes: SettleOutcome[] = [];
    const failed = await settlePublishBatch(followUps, {
      datasets: [dataset],
      settle: (d, at, request) => settlePublishRequest(d, at, deps, request),
      settled: (_, outcome) => void outcomes.push(outcome),
    });
    expect(failed).toEqual([]);
    expect(outcomes).toMatchObject([{ action: 'published', rows: 3 }]);
    expect(outcomes[0]).not.toHaveProperty('provisional');

    const final = (await catalog.latest(dataset.id))!;
    expect(final.releaseId).not.toBe(first.releaseId);
    expect(final.provisional).toBeUndefined();
    expect(final).toMatchObject({ supersedes: first.releaseId, snapshotHash: first.snapshotHash });
    // The provisional release's own entry says which release superseded it; the history lists both.
    const entry = await doc.send(new GetCommand({ TableName: names.table, Key: { pk: `dataset#${dataset.id}`, sk: `release#${first.releaseId}` } }));
    expect(entry.Item?.release).toMatchObject({ provisional: true, supersededBy: final.releaseId });
    const history = await catalog.history(dataset.id);
    expect(history.releases.map((r: ReleasePointer) => [r.releaseId, r.provisional ?? false, r.supersededBy])).toEqual([
      [final.releaseId, false, undefined],
      [first.releaseId, true, final.releaseId],
    ]);
  }, 60_000);
});

/** The follow-up request on the publish queue (sent delayed), received and deleted as the function's trigger would. */
async function receiveFollowUp(datasetId: string, provisionalId: string) {
  const { sqs } = shared.clients;
  for (let polls = 0; polls < 5; polls++) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: urls.publish, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }));
    const messages = out.Messages ?? [];
    for (const m of messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: urls.publish, ReceiptHandle: m.ReceiptHandle! }));
    const followUps = messages.filter((m) => (JSON.parse(m.Body!) as { supersedes?: string }).supersedes === provisionalId);
    if (followUps.length > 0) {
      expect(followUps.map((m) => JSON.parse(m.Body!) as object)).toMatchObject([{ datasetId, supersedes: provisionalId }]);
      return followUps.map((m) => ({ messageId: m.MessageId!, body: m.Body! }));
    }
  }
  throw new Error('no follow-up request for the provisional release on the publish queue');
}
