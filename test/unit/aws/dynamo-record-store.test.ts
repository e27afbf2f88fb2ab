import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoRecordStore, MAX_CONFLICT_RETRIES } from '../../../src/aws/dynamo-record-store.js';
import { systemClock } from '../../../src/ports/index.js';
import type { CandidateRecord, Provenance } from '../../../src/ssot/model.js';
import { decodedItem } from '../../../src/ssot/item-codec.js';
import { currentItem } from '../../../src/ssot/record-items.js';
import { contentHash } from '../../../src/util/hash.js';
import { mockedDocumentClient } from './mock-clients.js';

const name = { recordType: 'penalty', recordId: 'r1' };
const ref = 'dept#k1';
const provenance = (extractedAt: string): Provenance => ({ sourceId: 'dept', rawKey: 'raw/1', index: 0, sourceKey: 'k1', extractedAt });

/** The current item of a record with one contributor (the row `ref`), at `revision`. */
function storedAt(revision: number, record: Record<string, unknown>, extractedAt: string) {
  const hash = contentHash(record);
  const from = provenance(extractedAt);
  const head = {
    version: revision,
    revision,
    contentHash: hash,
    record,
    provenance: from,
    fieldSources: Object.fromEntries(Object.keys(record).map((field) => [field, ref])),
    sources: { [ref]: { hash, extractedAt, provenance: from } },
    deleted: false,
  };
  return currentItem(name, head, { record }, extractedAt);
}

const arriving: CandidateRecord = { ...name, record: { id: 'r1', amount: 3 }, provenance: provenance('2026-01-03T00:00:00.000Z') };

const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

type PutInput = { Item?: Record<string, unknown>; ExpressionAttributeValues?: Record<string, unknown> };
const puts = (mock: ReturnType<typeof mockedDocumentClient>['mock']) => mock.commandCalls(PutCommand).map((c) => c.args[0].input as PutInput);
/** The revision each current-item put was conditional on. */
const readRevisions = (inputs: PutInput[]) => inputs.filter((p) => p.Item!.sk === 'current').map((p) => p.ExpressionAttributeValues![':read']);

describe('DynamoRecordStore, two writers of one record', () => {
  const { doc, mock } = mockedDocumentClient();
  const store = new DynamoRecordStore(doc, 'records', systemClock);
  beforeEach(() => mock.reset());

  it('re-reads and writes again when another writer moved the record first', async () => {
    mock
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { records: [storedAt(1, { id: 'r1', amount: 1 }, '2026-01-01T00:00:00.000Z')] } })
      // The other writer's version, read after the conflict.
      .resolves({ Responses: { records: [storedAt(2, { id: 'r1', amount: 2 }, '2026-01-02T00:00:00.000Z')] } });
    let currentPuts = 0;
    mock.on(PutCommand).callsFake((input: PutInput) => {
      if (input.Item!.sk === 'current' && currentPuts++ === 0) throw conditionFailed();
      return {};
    });

    expect(await store.upsert([arriving])).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(readRevisions(puts(mock))).toEqual([1, 2]);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(0);
    const retried = puts(mock)
      .slice(2)
      .map((p) => p.Item!);
    expect(decodedItem(retried.find((i) => i.sk === 'current')!)).toMatchObject({ version: 3, revision: 3, record: { id: 'r1', amount: 3 } });
    expect(retried.map((i) => String(i.sk))).toContain('v#0000000003');
  });

  it('gives up after the retry limit when it keeps losing', async () => {
    mock.on(BatchGetCommand).resolves({ Responses: { records: [storedAt(1, { id: 'r1', amount: 1 }, '2026-01-01T00:00:00.000Z')] } });
    mock.on(PutCommand).callsFake((input: PutInput) => {
      if (input.Item!.sk === 'current') throw conditionFailed();
      return {};
    });

    await expect(store.upsert([arriving])).rejects.toThrow(`record penalty#r1: gave up after ${MAX_CONFLICT_RETRIES + 1} conflicting writes`);
    // The first attempt, then one per retry.
    expect(readRevisions(puts(mock))).toHaveLength(MAX_CONFLICT_RETRIES + 1);
  });

  it('does not retry a put that failed for another reason', async () => {
    mock.on(BatchGetCommand).resolves({ Responses: { records: [] } });
    const invalid = new Error('ValidationException: item too large');
    mock.on(PutCommand).rejects(invalid);

    await expect(store.upsert([arriving])).rejects.toBe(invalid);
    expect(mock.commandCalls(PutCommand)).toHaveLength(1);
  });

  it('writes nothing for a row it already holds', async () => {
    mock.on(BatchGetCommand).resolves({ Responses: { records: [storedAt(1, arriving.record, arriving.provenance.extractedAt)] } });
    expect(await store.upsert([arriving])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(mock.commandCalls(PutCommand)).toHaveLength(0);
  });
});
