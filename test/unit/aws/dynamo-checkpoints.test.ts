import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoCheckpointStore } from '../../../src/aws/dynamo-checkpoints.js';
import { CheckpointConflictError, type Checkpoint } from '../../../src/ports/index.js';
import { mockedDocumentClient } from './mock-clients.js';

const at = (revision: number): Checkpoint => ({ cursor: `c${revision}`, committedAt: '2026-01-01T00:00:00.000Z', pulledTotal: revision * 10, revision });

describe('DynamoCheckpointStore', () => {
  const { doc, mock } = mockedDocumentClient();
  const store = new DynamoCheckpointStore(doc, 'state');
  beforeEach(() => mock.reset());

  it('reads a checkpoint consistently', async () => {
    mock.on(GetCommand).resolves({ Item: { pk: 'source#s', sk: 'checkpoint#main', ...at(3) } });
    expect(await store.get('s', 'main')).toEqual(at(3));
    expect(mock.commandCalls(GetCommand)[0]!.args[0].input).toMatchObject({
      TableName: 'state',
      Key: { pk: 'source#s', sk: 'checkpoint#main' },
      ConsistentRead: true,
    });
  });

  it('moves a checkpoint only from the revision it read', async () => {
    mock.on(PutCommand).resolves({});
    await store.commit('s', 'main', at(4), at(3));
    await store.commit('s', 'other', at(1), undefined);
    const [moved, first] = mock.commandCalls(PutCommand).map((c) => c.args[0].input);
    expect(moved).toMatchObject({
      ConditionExpression: 'revision = :prev',
      ExpressionAttributeValues: { ':prev': 3 },
      Item: { pk: 'source#s', sk: 'checkpoint#main', revision: 4 },
    });
    expect(first).toMatchObject({ ConditionExpression: 'attribute_not_exists(pk)' });
  });

  it('fails with a conflict when another sync moved the checkpoint first', async () => {
    mock.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    const commit = store.commit('s', 'main', at(4), at(3));
    await expect(commit).rejects.toThrow(CheckpointConflictError);
    await expect(commit).rejects.toThrow('checkpoint of source s/main was moved by another sync');
  });

  it('passes other failures on as they are', async () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
    mock.on(PutCommand).rejects(throttled);
    await expect(store.commit('s', 'main', at(4), at(3))).rejects.toBe(throttled);
  });
});
