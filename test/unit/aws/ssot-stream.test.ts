import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { insertedVersionItems, retryFromRecord } from '../../../src/aws/ssot-stream.js';

type Image = NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];

const record = (sequenceNumber: string | undefined, eventName: DynamoDBRecord['eventName'], item: Record<string, unknown>): DynamoDBRecord => ({
  eventName,
  dynamodb: { ...(sequenceNumber ? { SequenceNumber: sequenceNumber } : {}), NewImage: marshall(item) as Image },
});

describe('a stream batch, record by record, for the route', () => {
  const event = {
    Records: [
      record('100', 'INSERT', { pk: 'doc#a', sk: 'current' }),
      record('101', 'INSERT', { pk: 'doc#a', sk: 'v#0000000001', n: 1 }),
      record('102', 'MODIFY', { pk: 'doc#b', sk: 'v#0000000001' }),
      record('103', 'INSERT', { pk: 'doc#c', sk: 'v#0000000002', n: 2 }),
      record(undefined, 'INSERT', { pk: 'doc#d', sk: 'v#0000000001' }),
    ],
  };

  it('gives each inserted version item the place of the stream record that carried it', () => {
    expect(insertedVersionItems(event)).toEqual([
      { record: 1, item: { pk: 'doc#a', sk: 'v#0000000001', n: 1 } },
      { record: 3, item: { pk: 'doc#c', sk: 'v#0000000002', n: 2 } },
      { record: 4, item: { pk: 'doc#d', sk: 'v#0000000001' } },
    ]);
  });

  it('answers the event source mapping with the sequence number of the record to retry from', () => {
    expect(retryFromRecord(event, 3)).toEqual({ batchItemFailures: [{ itemIdentifier: '103' }] });
    expect(retryFromRecord(event, 0)).toEqual({ batchItemFailures: [{ itemIdentifier: '100' }] });
    expect(() => retryFromRecord(event, 4)).toThrow(/no sequence number/);
  });
});
