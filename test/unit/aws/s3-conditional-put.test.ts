import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import { putContentAddressed, type ObjectStore } from '../../../src/ports/index.js';

const refusal = (name: string, status: number) => new S3ServiceException({ name, $fault: 'client', message: name, $metadata: { httpStatusCode: status } });

describe('S3ObjectStore.putIfAbsent', () => {
  const s3 = new S3Client({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const mock = mockClient(s3);
  const store = new S3ObjectStore(s3, 'raw');
  beforeEach(() => mock.reset());

  it('puts with If-None-Match and never looks the key up first', async () => {
    mock.on(PutObjectCommand).resolves({});
    await putContentAddressed(store, 'raw/s/abc.json.gz', async () => 'bytes', { contentType: 'application/json', contentEncoding: 'gzip' });
    expect(mock.commandCalls(HeadObjectCommand)).toHaveLength(0);
    expect(mock.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
      Bucket: 'raw',
      Key: 'raw/s/abc.json.gz',
      IfNoneMatch: '*',
      ContentEncoding: 'gzip',
    });
  });

  it('takes a key already there (412) or being written (409) as written', async () => {
    mock.on(PutObjectCommand).rejectsOnce(refusal('PreconditionFailed', 412)).rejectsOnce(refusal('ConditionalRequestConflict', 409));
    await expect(store.putIfAbsent('k', 'bytes')).resolves.toBeUndefined();
    await expect(store.putIfAbsent('k', 'bytes')).resolves.toBeUndefined();
  });

  it('passes other failures on', async () => {
    mock.on(PutObjectCommand).rejects(refusal('AccessDenied', 403));
    await expect(store.putIfAbsent('k', 'bytes')).rejects.toThrow('AccessDenied');
  });
});

describe('putContentAddressed on a store without conditional puts', () => {
  it('looks the key up and writes only what is missing', async () => {
    const objects = new Map<string, Uint8Array | string>([['there', 'old']]);
    const store: ObjectStore = {
      put: async (key, body) => void objects.set(key, body),
      get: async () => undefined,
      exists: async (key) => objects.has(key),
    };
    await putContentAddressed(store, 'there', async () => 'new');
    await putContentAddressed(store, 'missing', async () => 'new');
    expect([...objects]).toEqual([
      ['there', 'old'],
      ['missing', 'new'],
    ]);
  });
});
