import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { countedChanges } from '../../../src/aws/ssot-stream-counts.js';

type Image = NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];

const record = (sequenceNumber: string | undefined, eventName: DynamoDBRecord['eventName'], item: Record<string, unknown>): DynamoDBRecord => ({
  eventName,
  dynamodb: { ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}), NewImage: marshall(item) as Image },
});

const version = (type: string, id: string, v: number, extra: Record<string, unknown> = {}) => ({
  pk: `${type}#${id}`,
  sk: `v#${String(v).padStart(10, '0')}`,
  of: { recordType: type, recordId: id },
  version: v,
  body: new Uint8Array([1, 2, 3]),
  ...extra,
});

describe('a stream batch read for the live-record counters', () => {
  it('gives every record its sequence number, and version inserts their type and delta', () => {
    const changes = countedChanges({
      Records: [
        record('11', 'INSERT', version('doc', 'a', 1, { liveDelta: 1 })),
        record('12', 'INSERT', { pk: 'doc#a', sk: 'current', recordType: 'doc', recordId: 'a', version: 1 }),
        record('13', 'INSERT', version('doc', 'b', 2, { deleted: true, liveDelta: -1 })),
        record('14', 'MODIFY', version('doc', 'c', 1, { liveDelta: 1 })),
        record('15', 'INSERT', version('law', 'd', 3, { liveDelta: 1 })),
        // Written before the attribute: derived.
        record('16', 'INSERT', version('law', 'e', 1)),
      ],
    });
    expect(changes).toEqual([
      { sequenceNumber: '11', recordType: 'doc', delta: 1 },
      { sequenceNumber: '12', delta: 0 },
      { sequenceNumber: '13', recordType: 'doc', delta: -1 },
      { sequenceNumber: '14', delta: 0 },
      { sequenceNumber: '15', recordType: 'law', delta: 1 },
      { sequenceNumber: '16', recordType: 'law', delta: 1 },
    ]);
  });

  it('refuses a record without a sequence number: its batch could not be counted once', () => {
    expect(() => countedChanges({ Records: [record(undefined, 'INSERT', version('doc', 'a', 1))] })).toThrow(/no sequence number/);
  });
});
