import { createHash } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { insertedItems } from '../../../src/aws/ssot-stream.js';
import type { ObjectStore } from '../../../src/ports/index.js';
import { RecordOverflow } from '../../../src/ssot/overflow.js';
import { isVersionItem, storedVersionsOf } from '../../../src/ssot/stream-versions.js';

const record = (eventName: DynamoDBRecord['eventName'], item: Record<string, unknown> | undefined): DynamoDBRecord => ({
  eventName,
  dynamodb: item ? { NewImage: marshall(item, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'] } : {},
});

const version = (recordId: string, v: number, extra: Record<string, unknown> = {}) => ({
  pk: `doc#${recordId}`,
  sk: `v#${String(v).padStart(10, '0')}`,
  of: { recordType: 'doc', recordId },
  version: v,
  contentHash: `h${v}`,
  storedAt: '2025-03-01T00:00:00.000Z',
  provenance: { sourceId: 's', rawKey: 'raw/s/k.json.gz', index: 0, sourceKey: recordId, extractedAt: '2025-03-01T00:00:00.000Z' },
  ...extra,
});

describe('decoding the SSOT stream', () => {
  it('keeps the new images of inserts only, in order, as plain objects', () => {
    const event: DynamoDBStreamEvent = {
      Records: [
        record('INSERT', { pk: 'a', sk: 'v#1', n: 1, nested: { list: ['x'] } }),
        record('MODIFY', { pk: 'a', sk: 'current' }),
        record('INSERT', undefined),
        record('REMOVE', { pk: 'b', sk: 'v#1' }),
        record('INSERT', { pk: 'c', sk: 'current' }),
      ],
    };
    expect(insertedItems(event)).toEqual([
      { pk: 'a', sk: 'v#1', n: 1, nested: { list: ['x'] } },
      { pk: 'c', sk: 'current' },
    ]);
  });

  it('knows a version item by its sort key', () => {
    expect([{ sk: 'v#0000000001' }, { sk: 'current' }, { sk: 'src#s#1' }, {}].map(isVersionItem)).toEqual([true, false, false, false]);
  });

  it('turns the version items among them into whole stored versions, fetching content kept in S3', async () => {
    const content = JSON.stringify({ title: 'big' });
    const stored = new Map([['ssot-overflow/abc.json', new TextEncoder().encode(content)]]);
    const bucket: ObjectStore = { put: async () => undefined, get: async (key) => stored.get(key), exists: async (key) => stored.has(key) };
    const items = [
      version('r1', 1, { record: { title: 'inline' } }),
      { pk: 'doc#r1', sk: 'current', recordType: 'doc', recordId: 'r1', record: { title: 'inline' } },
      version('r2', 2, { recordRef: { key: 'ssot-overflow/abc.json', bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') } }),
    ];
    const versions = await storedVersionsOf(items, new RecordOverflow(() => bucket));
    expect(versions.map((v) => [v.recordId, v.version, v.record])).toEqual([
      ['r1', 1, { title: 'inline' }],
      ['r2', 2, { title: 'big' }],
    ]);
  });
});
