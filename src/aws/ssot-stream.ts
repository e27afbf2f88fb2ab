import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';

/** The new images of the items a DynamoDB stream batch inserted, as plain objects, in stream order. */
export function insertedItems(event: DynamoDBStreamEvent): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (record.eventName !== 'INSERT' || !image) continue;
    // The event's AttributeValue type is aws-lambda's twin of the SDK's; the wire shape is the same.
    items.push(unmarshall(image as Record<string, AttributeValue>));
  }
  return items;
}
