import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type BatchGetCommandInput,
  type PutCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoDisclosureLedger } from '../../../src/aws/dynamo-disclosure-ledger.js';
import type { DisclosureEntry } from '../../../src/ports/index.js';
import { mockedDocumentClient } from './mock-clients.js';

const entry = (recordId: string, firstPublishedAt = '2025-02-10T02:00:00.000Z'): DisclosureEntry => ({
  recordType: 'enforcement-decision',
  recordId,
  decisionDate: '2025-01-24',
  firstPublishedAt,
  releaseId: `r-${firstPublishedAt}`,
});

describe('DynamoDisclosureLedger', () => {
  const { doc, mock } = mockedDocumentClient();
  const ledger = new DynamoDisclosureLedger(doc, 'state');
  /** The table's items by pk and sk; the fake enforces attribute_not_exists as DynamoDB would. */
  let items: Map<string, Record<string, unknown>>;
  /** Items another writer puts between our batch read and our put. */
  let racing: Record<string, unknown>[];

  beforeEach(() => {
    mock.reset();
    items = new Map();
    racing = [];
    const key = (pk: unknown, sk: unknown) => `${String(pk)}|${String(sk)}`;
    mock.on(BatchGetCommand).callsFake((input: BatchGetCommandInput) => {
      const keys = input.RequestItems!.state!.Keys!;
      const found = keys.flatMap((k) => items.get(key(k.pk, k.sk)) ?? []);
      for (const item of racing) items.set(key(item.pk, item.sk), item);
      return { Responses: { state: found } };
    });
    mock.on(PutCommand).callsFake((input: PutCommandInput) => {
      expect(input.ConditionExpression).toBe('attribute_not_exists(pk)');
      const k = key(input.Item!.pk, input.Item!.sk);
      if (items.has(k)) throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
      items.set(k, input.Item!);
      return {};
    });
    mock.on(UpdateCommand).callsFake((input: UpdateCommandInput) => {
      expect(input.ConditionExpression).toBe('attribute_exists(pk) AND attribute_not_exists(withdrawal)');
      const item = items.get(key(input.Key!.pk, input.Key!.sk));
      if (!item || item.withdrawal !== undefined) throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
      item.withdrawal = input.ExpressionAttributeValues![':withdrawal'];
      return {};
    });
    mock.on(QueryCommand).callsFake(() => ({ Items: [...items.values()] }));
  });

  it('keys each record under its record type with a prefix of its own, and reads the entries back', async () => {
    expect(await ledger.recordFirstPublications([entry('a'), entry('b')])).toBe(2);
    expect(mock.commandCalls(PutCommand)).toHaveLength(2);
    expect([...items.keys()]).toEqual(['disclosure#enforcement-decision|a', 'disclosure#enforcement-decision|b']);
    expect(await ledger.list('enforcement-decision')).toEqual([entry('a'), entry('b')]);
    expect(mock.commandCalls(QueryCommand)[0]!.args[0].input.ExpressionAttributeValues).toEqual({ ':pk': 'disclosure#enforcement-decision' });
  });

  it('finds the entries of given records by key, consistently, without a query of the whole ledger', async () => {
    await ledger.recordFirstPublications([entry('a'), entry('b'), entry('c')]);
    mock.resetHistory();
    expect(await ledger.find('enforcement-decision', ['c', 'a', 'unknown'])).toEqual([entry('c'), entry('a')]);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(0);
    const read = mock.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems!.state!;
    expect(read.Keys).toEqual(['c', 'a', 'unknown'].map((sk) => ({ pk: 'disclosure#enforcement-decision', sk })));
    expect(read.ConsistentRead).toBe(true);
  });

  it('never overwrites a first time: known records are not written again', async () => {
    await ledger.recordFirstPublications([entry('a')]);
    mock.resetHistory();
    expect(await ledger.recordFirstPublications([entry('a', '2025-03-01T00:00:00.000Z'), entry('c', '2025-03-01T00:00:00.000Z')])).toBe(1);
    expect(mock.commandCalls(PutCommand).map((c) => c.args[0].input.Item!.sk as string)).toEqual(['c']);
    expect(items.get('disclosure#enforcement-decision|a')!.firstPublishedAt).toBe('2025-02-10T02:00:00.000Z');
  });

  it('loses a race to a concurrent publisher quietly: the conditional check keeps the other first time', async () => {
    racing = [{ pk: 'disclosure#enforcement-decision', sk: 'a', ...entry('a', '2025-02-09T00:00:00.000Z') }];
    expect(await ledger.recordFirstPublications([entry('a'), entry('b')])).toBe(1);
    expect(items.get('disclosure#enforcement-decision|a')!.firstPublishedAt).toBe('2025-02-09T00:00:00.000Z');
    // Each put stands alone: the record nobody else wrote still gets its time.
    expect(items.get('disclosure#enforcement-decision|b')!.firstPublishedAt).toBe('2025-02-10T02:00:00.000Z');
  });

  it('writes each new record with a conditional put of its own, never in a transaction (billed twice)', async () => {
    expect(await ledger.recordFirstPublications(Array.from({ length: 250 }, (_, i) => entry(`r${i}`)))).toBe(250);
    expect(mock.commandCalls(PutCommand)).toHaveLength(250);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('withdraws a published record once, each with a conditional update of its own; unknown records are skipped', async () => {
    await ledger.recordFirstPublications([entry('a'), entry('b')]);
    const mark = (recordId: string) => ({
      recordType: 'enforcement-decision',
      recordId,
      reason: 'revoked' as const,
      observedAt: '2025-03-01T00:00:00.000Z',
      withdrawnAt: '2025-03-01T01:00:00.000Z',
      releaseId: 'r-2',
    });
    // b is withdrawn by another writer between our batch read and our update.
    racing = [{ ...items.get('disclosure#enforcement-decision|b')!, withdrawal: { reason: 'expired' } }];
    expect((await ledger.recordWithdrawals([mark('a'), mark('b'), mark('unknown')])).map((m) => m.recordId)).toEqual(['a']);
    expect(mock.commandCalls(UpdateCommand)).toHaveLength(2);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(items.get('disclosure#enforcement-decision|b')!.withdrawal).toEqual({ reason: 'expired' });
    expect(await ledger.recordWithdrawals([mark('a')])).toEqual([]);
  });

  it('lets any other write failure through', async () => {
    mock.on(PutCommand).rejects(Object.assign(new Error('throughput exceeded'), { name: 'ProvisionedThroughputExceededException' }));
    await expect(ledger.recordFirstPublications([entry('a')])).rejects.toThrow('throughput exceeded');
  });
});
