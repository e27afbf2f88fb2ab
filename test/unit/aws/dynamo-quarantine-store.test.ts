import { BatchGetCommand, BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoQuarantineStore } from '../../../src/aws/dynamo-quarantine-store.js';
import type { QuarantineEntry } from '../../../src/quarantine/entry.js';
import { mockedDocumentClient, noBackoff } from './mock-clients.js';

const entry = (sourceKey: string, over: Partial<QuarantineEntry> = {}): QuarantineEntry => ({
  sourceId: 'dept',
  recordType: 'penalty',
  sourceKey,
  rawKey: 'raw/1',
  index: 0,
  errors: [{ path: '/amount', keyword: 'type', message: 'must be number', messageZh: '应为数字' }],
  raw: '{}',
  quarantinedAt: '2026-01-02T00:00:00.000Z',
  extractedAt: '2026-01-02T00:00:00.000Z',
  ...over,
});

describe('DynamoQuarantineStore', () => {
  const { doc, mock } = mockedDocumentClient();
  const store = new DynamoQuarantineStore(doc, 'quarantine');
  beforeEach(() => {
    mock.reset();
    noBackoff();
  });
  afterEach(() => vi.restoreAllMocks());

  it('keeps one bounded entry per source key', async () => {
    mock.on(BatchWriteCommand).resolves({});
    const many = Array.from({ length: 150 }, () => ({ path: '/x', keyword: 'type', message: 'bad', messageZh: '错误' }));
    await store.put([entry('a'), entry('a', { errors: many, raw: 'x'.repeat(70_000) })]);
    const [request] = mock.commandCalls(BatchWriteCommand)[0]!.args[0].input.RequestItems!.quarantine!;
    expect(request!.PutRequest!.Item).toMatchObject({ pk: 'source#dept', sk: 'item#a', errorCount: 150, raw: '', rawTruncated: true });
    expect((request!.PutRequest!.Item!.errors as unknown[]).length).toBe(100);
  });

  it('releases the rows now valid unless their entry is from a later extraction', async () => {
    mock.on(QueryCommand).resolves({ Items: [{ sk: 'item#a' }] });
    mock
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { quarantine: [{ sourceKey: 'a', extractedAt: '2026-01-02T00:00:00.000Z' }] },
        UnprocessedKeys: { quarantine: { Keys: [{ pk: 'source#dept', sk: 'item#b' }] } },
      })
      .resolvesOnce({ Responses: { quarantine: [{ sourceKey: 'b', extractedAt: '2026-01-05T00:00:00.000Z' }] } });
    mock.on(BatchWriteCommand).resolves({});
    const released = await store.release('dept', [
      { sourceKey: 'a', extractedAt: '2026-01-03T00:00:00.000Z' },
      { sourceKey: 'b', extractedAt: '2026-01-03T00:00:00.000Z' },
    ]);
    expect(released).toBe(1);
    expect(mock.commandCalls(BatchWriteCommand)[0]!.args[0].input.RequestItems).toEqual({
      quarantine: [{ DeleteRequest: { Key: { pk: 'source#dept', sk: 'item#a' } } }],
    });
  });

  it('costs one query for a source with nothing in quarantine', async () => {
    mock.on(QueryCommand).resolves({ Items: [] });
    expect(await store.release('dept', [{ sourceKey: 'a', extractedAt: '2026-01-03T00:00:00.000Z' }])).toBe(0);
    expect(mock.calls()).toHaveLength(1);
  });

  it('lists and counts every page of a source', async () => {
    const pages = [
      { Items: [entry('a')], LastEvaluatedKey: { pk: 'source#dept', sk: 'item#a' } },
      { Items: [entry('b')] },
      { Count: 7, LastEvaluatedKey: { pk: 'source#dept', sk: 'item#g' } },
      { Count: 2 },
    ];
    // The paginator reuses one input object across pages: note what each call asked for as it was sent.
    const asked: { start?: unknown; select?: unknown }[] = [];
    mock.on(QueryCommand).callsFake((input: { ExclusiveStartKey?: unknown; Select?: unknown }) => {
      asked.push({ start: input.ExclusiveStartKey, select: input.Select });
      return pages[asked.length - 1];
    });
    expect((await store.list('dept')).map((e) => e.sourceKey)).toEqual(['a', 'b']);
    expect(await store.count('dept')).toBe(9);
    expect(asked).toEqual([
      { start: undefined, select: undefined },
      { start: { pk: 'source#dept', sk: 'item#a' }, select: undefined },
      { start: undefined, select: 'COUNT' },
      { start: { pk: 'source#dept', sk: 'item#g' }, select: 'COUNT' },
    ]);
  });
});
