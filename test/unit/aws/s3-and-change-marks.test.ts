import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, S3Client } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoChangeMarks } from '../../../src/aws/dynamo-change-marks.js';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import { mockedDocumentClient } from './mock-clients.js';

describe('S3ObjectStore', () => {
  const s3 = new S3Client({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const mock = mockClient(s3);
  const store = new S3ObjectStore(s3, 'raw');
  beforeEach(() => mock.reset());

  it('answers undefined and false for an object that is not there', async () => {
    mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'no such key', $metadata: {} }));
    mock.on(HeadObjectCommand).rejects(new NotFound({ message: 'not found', $metadata: {} }));
    expect(await store.get('missing')).toBeUndefined();
    expect(await store.exists('missing')).toBe(false);
    expect(mock.commandCalls(GetObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'raw', Key: 'missing' });
  });

  it('passes other failures on', async () => {
    mock.on(HeadObjectCommand).rejects(new Error('AccessDenied'));
    await expect(store.exists('secret')).rejects.toThrow('AccessDenied');
  });
});

describe('DynamoChangeMarks', () => {
  const { doc, mock } = mockedDocumentClient();
  const marks = new DynamoChangeMarks(doc, 'state');
  beforeEach(() => mock.reset());

  it('never moves a mark backwards: an older change is dropped, the others are marked', async () => {
    mock
      .on(UpdateCommand, { Key: { pk: 'dataset#old', sk: 'changes' } })
      .rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }))
      .on(UpdateCommand, { Key: { pk: 'dataset#new', sk: 'changes' } })
      .resolves({});
    await marks.markChanged(['old', 'new'], new Date('2026-01-02T00:00:00.000Z'));
    const updates = mock.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(updates).toHaveLength(2);
    expect(updates[1]).toMatchObject({
      ConditionExpression: 'attribute_not_exists(lastChangedAt) OR lastChangedAt < :at',
      ExpressionAttributeValues: { ':at': '2026-01-02T00:00:00.000Z' },
    });
  });

  it('reads the last change', async () => {
    mock.on(GetCommand).resolves({ Item: { lastChangedAt: '2026-01-02T00:00:00.000Z' } });
    expect(await marks.lastChanged('new')).toEqual(new Date('2026-01-02T00:00:00.000Z'));
  });
});
