import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
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

const cancelled = (code: string) =>
  new TransactionCanceledException({ message: `Transaction cancelled [${code}]`, $metadata: {}, CancellationReasons: [{ Code: 'None' }, { Code: code }] });

/** The revision the transaction's current-item put was conditional on. */
const readRevision = (input: { TransactItems?: { Put?: { Item?: Record<string, unknown>; ExpressionAttributeValues?: Record<string, unknown> } }[] }) =>
  input.TransactItems!.map((t) => t.Put!).find((p) => p.Item!.sk === 'current')!.ExpressionAttributeValues![':read'];

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
    mock.on(TransactWriteCommand).rejectsOnce(cancelled('ConditionalCheckFailed')).resolves({});

    expect(await store.upsert([arriving])).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const writes = mock.commandCalls(TransactWriteCommand).map((c) => c.args[0].input);
    expect(writes.map(readRevision)).toEqual([1, 2]);
    const retried = writes[1]!.TransactItems!.map((t) => t.Put!.Item!);
    expect(decodedItem(retried.find((i) => i.sk === 'current')!)).toMatchObject({ version: 3, revision: 3, record: { id: 'r1', amount: 3 } });
    expect(retried.map((i) => String(i.sk))).toContain('v#0000000003');
  });

  it('gives up after the retry limit when it keeps losing', async () => {
    mock.on(BatchGetCommand).resolves({ Responses: { records: [storedAt(1, { id: 'r1', amount: 1 }, '2026-01-01T00:00:00.000Z')] } });
    mock.on(TransactWriteCommand).rejects(cancelled('TransactionConflict'));

    await expect(store.upsert([arriving])).rejects.toThrow(`record penalty#r1: gave up after ${MAX_CONFLICT_RETRIES + 1} conflicting writes`);
    // The batch's transaction, then the record alone on every retry.
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1 + MAX_CONFLICT_RETRIES + 1);
  });

  it('does not retry a transaction cancelled for another reason', async () => {
    mock.on(BatchGetCommand).resolves({ Responses: { records: [] } });
    const invalid = cancelled('ValidationError');
    mock.on(TransactWriteCommand).rejects(invalid);

    await expect(store.upsert([arriving])).rejects.toBe(invalid);
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('writes nothing for a row it already holds', async () => {
    mock.on(BatchGetCommand).resolves({ Responses: { records: [storedAt(1, arriving.record, arriving.provenance.extractedAt)] } });
    expect(await store.upsert([arriving])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
