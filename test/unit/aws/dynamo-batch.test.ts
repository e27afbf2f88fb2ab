import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { batchGetItems, batchWriteItems, UnprocessedItemsError, type WriteRequest } from '../../../src/aws/dynamo-batch.js';
import { MAX_BATCH_ATTEMPTS } from '../../../src/aws/retry.js';
import { mockedDocumentClient, noBackoff } from './mock-clients.js';

const put = (id: number): WriteRequest => ({ PutRequest: { Item: { pk: `p${id}`, sk: 's' } } });
const key = (id: number) => ({ pk: `p${id}`, sk: 's' });

describe('DynamoDB batch helper', () => {
  const { doc, mock } = mockedDocumentClient();
  beforeEach(() => {
    mock.reset();
    noBackoff();
  });
  afterEach(() => vi.restoreAllMocks());

  it('writes 25 requests per call', async () => {
    mock.on(BatchWriteCommand).resolves({});
    await batchWriteItems(
      doc,
      'table-a',
      Array.from({ length: 30 }, (_, i) => put(i)),
    );
    const sizes = mock.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems!['table-a']!.length);
    expect(sizes).toEqual([25, 5]);
  });

  it('sends again only the items DynamoDB left unprocessed', async () => {
    mock
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { 'table-a': [put(2)] } })
      .resolvesOnce({});
    await batchWriteItems(doc, 'table-a', [put(1), put(2), put(3)]);
    const calls = mock.commandCalls(BatchWriteCommand);
    expect(calls).toHaveLength(2);
    expect(calls[1]!.args[0].input.RequestItems).toEqual({ 'table-a': [put(2)] });
  });

  it('gives up after the attempt limit, naming the table and what is left', async () => {
    mock.on(BatchWriteCommand).resolves({ UnprocessedItems: { 'table-a': [put(1), put(2)] } });
    const failure = batchWriteItems(doc, 'table-a', [put(1), put(2), put(3)]);
    await expect(failure).rejects.toThrow(UnprocessedItemsError);
    await expect(failure).rejects.toThrow(`DynamoDB table table-a: 2 write request(s) still unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`);
    expect(mock.commandCalls(BatchWriteCommand)).toHaveLength(MAX_BATCH_ATTEMPTS);
  });

  it('reads 100 keys per call and gathers the items of every retry', async () => {
    const keys = Array.from({ length: 101 }, (_, i) => key(i));
    mock
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { 'table-b': [{ ...key(0), n: 0 }] }, UnprocessedKeys: { 'table-b': { Keys: [key(1)] } } })
      .resolvesOnce({ Responses: { 'table-b': [{ ...key(1), n: 1 }] } })
      .resolvesOnce({ Responses: { 'table-b': [{ ...key(100), n: 100 }] } });
    const items = await batchGetItems(doc, 'table-b', keys, { consistentRead: true, projection: 'pk, n' });
    expect(items.map((i) => i.n)).toEqual([0, 1, 100]);
    const inputs = mock.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems!['table-b']!);
    expect(inputs.map((i) => i.Keys!.length)).toEqual([100, 1, 1]);
    expect(inputs[1]).toMatchObject({ Keys: [key(1)], ConsistentRead: true, ProjectionExpression: 'pk, n' });
  });

  it('gives up reading after the attempt limit', async () => {
    mock.on(BatchGetCommand).resolves({ Responses: { 'table-b': [] }, UnprocessedKeys: { 'table-b': { Keys: [key(7)] } } });
    await expect(batchGetItems(doc, 'table-b', [key(7)])).rejects.toThrow(
      `DynamoDB table table-b: 1 key(s) read still unprocessed after ${MAX_BATCH_ATTEMPTS} attempts`,
    );
    expect(mock.commandCalls(BatchGetCommand)).toHaveLength(MAX_BATCH_ATTEMPTS);
  });

  it('waits longer after each failed attempt, within the cap', async () => {
    const { backoffDelayMs } = await import('../../../src/aws/retry.js');
    const ceilings = [1, 2, 3, 4, 10].map((attempt) => backoffDelayMs(attempt, () => 1));
    expect(ceilings).toEqual([100, 200, 400, 800, 2000]);
    expect(backoffDelayMs(3, () => 0.5)).toBe(200);
  });
});
