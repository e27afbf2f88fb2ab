import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { vi } from 'vitest';

/** A document client that never leaves the process: every command goes to the returned mock. */
export function mockedDocumentClient() {
  const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
  return { doc, mock: mockClient(doc) };
}

/** Backoff waits of zero (full jitter draws 0), so retry tests take no time. */
export function noBackoff(): void {
  vi.spyOn(Math, 'random').mockReturnValue(0);
}
