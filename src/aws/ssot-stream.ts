import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { isVersionItem } from '../ssot/stream-versions.js';

/** The new images of the items a DynamoDB stream batch inserted, as plain objects, in stream order. */
export function insertedItems(event: DynamoDBStreamEvent): Record<string, unknown>[] {
  return insertedWithIndex(event).map(({ item }) => item);
}

/** A version item a stream batch inserted, and the index of the stream record that carried it. */
export interface InsertedVersion {
  readonly record: number;
  readonly item: Record<string, unknown>;
}

/** The version items a stream batch inserted, in stream order, each with its record's place in the batch. */
export function insertedVersionItems(event: DynamoDBStreamEvent): InsertedVersion[] {
  return insertedWithIndex(event).filter(({ item }) => isVersionItem(item));
}

function insertedWithIndex(event: DynamoDBStreamEvent): InsertedVersion[] {
  const items: InsertedVersion[] = [];
  for (const [record, streamRecord] of event.Records.entries()) {
    const image = streamRecord.dynamodb?.NewImage;
    if (streamRecord.eventName !== 'INSERT' || !image) continue;
    // The event's AttributeValue type is aws-lambda's twin of the SDK's; the wire shape is the same.
    items.push({ record, item: unmarshall(image as Record<string, AttributeValue>) });
  }
  return items;
}

/**
 * The partial batch response that has the event source mapping retry from the batch's record at
 * `index` (its sequence number is the item identifier of a stream record): the records before it
 * are finished and do not come again.
 */
export function retryFromRecord(event: DynamoDBStreamEvent, index: number): DynamoDBBatchResponse {
  const record = event.Records[index];
  const sequenceNumber = record?.dynamodb?.SequenceNumber;
  if (!sequenceNumber) throw new Error(`stream record ${record?.eventID ?? index} has no sequence number: the batch cannot be retried from it`);
  return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
}
