import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { CountedChange } from '../ports/index.js';
import { LIVE_DELTA_ATTRIBUTE, liveDeltaOfItem } from '../ssot/live-count.js';
import { nameOfItem } from '../ssot/record-items.js';
import { isVersionItem } from '../ssot/stream-versions.js';

/** What a version's delta is read or derived from: its content stays packed and unread. */
const COUNTED_ATTRIBUTES = ['sk', 'of', 'recordType', 'recordId', 'version', 'deleted', 'conflict', LIVE_DELTA_ATTRIBUTE];

/** Every record of an SSOT stream batch, in stream order, with the live-count delta of the version it inserted (0 for others). */
export function countedChanges(event: DynamoDBStreamEvent): CountedChange[] {
  return event.Records.map((record) => {
    const sequenceNumber = record.dynamodb?.SequenceNumber;
    if (!sequenceNumber) throw new Error(`stream record ${record.eventID ?? '?'} has no sequence number: its batch cannot be counted once`);
    const image = record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
    if (record.eventName !== 'INSERT' || !image) return { sequenceNumber, delta: 0 };
    const picked = Object.fromEntries(COUNTED_ATTRIBUTES.filter((name) => image[name] !== undefined).map((name) => [name, image[name]!]));
    const item = unmarshall(picked);
    if (!isVersionItem(item)) return { sequenceNumber, delta: 0 };
    return { sequenceNumber, recordType: nameOfItem(item).recordType, delta: liveDeltaOfItem(item) };
  });
}
