import { BatchGetCommand, BatchWriteCommand, type BatchGetCommandInput, type BatchWriteCommandInput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backoffDelayMs, MAX_BATCH_ATTEMPTS, pause } from './retry.js';

export type DynamoKey = Record<string, unknown>;
export type DynamoItem = Record<string, unknown>;
/** A PutRequest or DeleteRequest of BatchWriteItem. */
export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** BatchGetItem reads at most 100 keys; BatchWriteItem takes at most 25 requests. */
const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;

/** DynamoDB left part of a batch unprocessed through every attempt (throttling, a hot partition). */
export class UnprocessedItemsError extends Error {
  override readonly name = 'UnprocessedItemsError';
}

export interface BatchGetOptions {
  readonly consistentRead?: boolean;
  readonly projection?: string;
  readonly names?: Readonly<Record<string, string>>;
}

/** The items found for `keys` (in no particular order; keys without an item are left out). */
export async function batchGetItems(
  doc: DynamoDBDocumentClient,
  table: string,
  keys: readonly DynamoKey[],
  options: BatchGetOptions = {},
): Promise<DynamoItem[]> {
  const found: DynamoItem[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
    await untilProcessed(table, 'key(s) read', keys.slice(start, start + BATCH_GET_LIMIT), async (pending) => {
      const request: NonNullable<BatchGetCommandInput['RequestItems']>[string] = {
        Keys: pending,
        ConsistentRead: options.consistentRead,
        ProjectionExpression: options.projection,
        ExpressionAttributeNames: options.names ? { ...options.names } : undefined,
      };
      const out = await doc.send(new BatchGetCommand({ RequestItems: { [table]: request } }));
      found.push(...(out.Responses?.[table] ?? []));
      return out.UnprocessedKeys?.[table]?.Keys ?? [];
    });
  }
  return found;
}

/** Writes every put and delete request, 25 per call. */
export async function batchWriteItems(doc: DynamoDBDocumentClient, table: string, requests: readonly WriteRequest[]): Promise<void> {
  for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
    await untilProcessed(table, 'write request(s)', requests.slice(start, start + BATCH_WRITE_LIMIT), async (pending) => {
      const out = await doc.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      return out.UnprocessedItems?.[table] ?? [];
    });
  }
}

/** Calls `call` with what is still pending (what the previous call returned) until nothing is, or the attempts run out. */
async function untilProcessed<T>(table: string, what: string, first: T[], call: (pending: T[]) => Promise<T[]>): Promise<void> {
  let pending = first;
  for (let attempt = 1; pending.length > 0; attempt++) {
    pending = await call(pending);
    if (pending.length === 0) return;
    if (attempt >= MAX_BATCH_ATTEMPTS) {
      throw new UnprocessedItemsError(`DynamoDB table ${table}: ${pending.length} ${what} still unprocessed after ${attempt} attempts`);
    }
    await pause(backoffDelayMs(attempt));
  }
}
