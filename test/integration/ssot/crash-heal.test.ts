import { PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoRecordStore } from '../../../src/aws/dynamo-record-store.js';
import { systemClock } from '../../../src/ports/index.js';
import type { CandidateRecord } from '../../../src/ssot/model.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

/**
 * A record is written by conditional puts, no transaction: its version item(s), then its
 * current item. A writer that dies between the two leaves an orphan version; the record's
 * next writer (a redelivery of the same row, or any other row) adopts it.
 */
let shared: SharedAws;
let table: string;

/** A document client that dies (throws) before the current item's put, once armed; and counts what is sent. */
function faultyClient(doc: DynamoDBDocumentClient) {
  const state = { armed: false, sent: [] as string[] };
  const client = new Proxy(doc, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver) as unknown;
      return async (command: { input: unknown }) => {
        if (command instanceof PutCommand) {
          const sk = String(command.input.Item?.sk);
          if (state.armed && sk === 'current') {
            state.armed = false;
            throw new Error('process killed between the version put and the current put');
          }
          state.sent.push(`Put ${sk.replace(/\d+$/, '')}`);
        } else if (command instanceof TransactWriteCommand) state.sent.push('TransactWrite');
        return target.send(command as never);
      };
    },
  });
  return { client, state };
}

const row = (type: string, id: string, sourceId: string, record: Record<string, unknown>, extractedAt: string): CandidateRecord => ({
  recordType: type,
  recordId: id,
  record,
  provenance: { sourceId, rawKey: `raw/${sourceId}/x`, index: 0, sourceKey: id, extractedAt },
});

async function itemsOf(type: string, id: string): Promise<Record<string, unknown>[]> {
  const out = await shared.clients.doc.send(
    new QueryCommand({ TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `${type}#${id}` }, ConsistentRead: true }),
  );
  return out.Items ?? [];
}

describe('SSOT writes without transactions', () => {
  let type: string;
  let healthy: DynamoRecordStore;
  let crashing: DynamoRecordStore;
  let fault: ReturnType<typeof faultyClient>['state'];
  beforeAll(async () => {
    shared = await useSharedAws();
    table = shared.config.resources.table('records');
    const faulty = faultyClient(shared.clients.doc);
    fault = faulty.state;
    healthy = new DynamoRecordStore(shared.clients.doc, table, systemClock);
    crashing = new DynamoRecordStore(faulty.client, table, systemClock);
    type = `crash-${uniqueSuffix()}`;
  });

  it('writes a new single-source record as exactly two items: its version and its current item', async () => {
    fault.sent.length = 0;
    expect(await crashing.upsert([row(type, 'two', 'dept', { a: 1 }, '2025-05-01T00:00:00.000Z')])).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(fault.sent).toEqual(['Put v#', 'Put current']);
    expect((await itemsOf(type, 'two')).map((i) => i.sk)).toEqual(['current', 'v#0000000001']);
    expect(await healthy.findBySourceKey('dept', 'two')).toEqual([{ recordType: type, recordId: 'two' }]);
  });

  it('heals a crash on the redelivery of the same row: the orphan version is taken as its own', async () => {
    const first = row(type, 'redeliver', 'dept', { a: 1 }, '2025-05-01T00:00:00.000Z');
    fault.armed = true;
    await expect(crashing.upsert([first])).rejects.toThrow('process killed');
    expect((await itemsOf(type, 'redeliver')).map((i) => i.sk)).toEqual(['v#0000000001']);
    expect(await healthy.read(type, 'redeliver')).toBeUndefined();

    expect(await healthy.upsert([first])).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await healthy.versions(type, 'redeliver')).map((v) => [v.version, v.record.a])).toEqual([[1, 1]]);
    expect(await healthy.read(type, 'redeliver')).toMatchObject({ version: 1, record: { a: 1 } });
    expect(await healthy.upsert([first])).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('heals a crashed update on the next write of another row: the orphan is adopted, the new row applied on top', async () => {
    await healthy.upsert([row(type, 'adopt', 'dept', { a: 1 }, '2025-05-01T00:00:00.000Z')]);
    const crashed = row(type, 'adopt', 'dept', { a: 2 }, '2025-05-02T00:00:00.000Z');
    fault.armed = true;
    await expect(crashing.upsert([crashed])).rejects.toThrow('process killed');
    expect((await healthy.read(type, 'adopt'))?.version).toBe(1);

    expect(await healthy.upsert([row(type, 'adopt', 'dept', { a: 3 }, '2025-05-03T00:00:00.000Z')])).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect((await healthy.versions(type, 'adopt')).map((v) => [v.version, v.record.a])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect(await healthy.read(type, 'adopt')).toMatchObject({ version: 3, record: { a: 3 } });
    // The crashed row's late redelivery is older than what the record holds now: nothing to write.
    expect(await healthy.upsert([crashed])).toEqual({ created: 0, updated: 0, unchanged: 1 });
  });

  it('catches the current item up to an orphan when the next row changes nothing of it', async () => {
    await healthy.upsert([row(type, 'catch-up', 'dept', { a: 1 }, '2025-05-01T00:00:00.000Z')]);
    fault.armed = true;
    await expect(crashing.upsert([row(type, 'catch-up', 'dept', { a: 2 }, '2025-05-03T00:00:00.000Z')])).rejects.toThrow('process killed');
    // A row extracted before the crashed one: it adds nothing, yet the record must catch up to version 2.
    expect(await healthy.upsert([row(type, 'catch-up', 'dept', { a: 9 }, '2025-05-02T00:00:00.000Z')])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await healthy.read(type, 'catch-up')).toMatchObject({ version: 2, record: { a: 2 } });
    expect((await healthy.versions(type, 'catch-up')).map((v) => v.version)).toEqual([1, 2]);
  });

  it('heals a crash of a record with two sources, keeping both sources in the golden record', async () => {
    const from = (sourceId: string, record: Record<string, unknown>, extractedAt: string): CandidateRecord => ({
      ...row(type, 'golden', sourceId, record, extractedAt),
      provenance: { sourceId, rawKey: `raw/${sourceId}/x`, index: 0, sourceKey: 'k', extractedAt },
    });
    await healthy.upsert([from('dept-a', { a: 1 }, '2025-05-01T00:00:00.000Z')]);
    await healthy.upsert([from('dept-b', { b: 1 }, '2025-05-01T00:00:00.000Z')]);
    fault.armed = true;
    await expect(crashing.upsert([from('dept-a', { a: 2 }, '2025-05-02T00:00:00.000Z')])).rejects.toThrow('process killed');

    await healthy.upsert([from('dept-b', { b: 2 }, '2025-05-02T00:00:00.000Z')]);
    const golden = await healthy.read(type, 'golden');
    expect(golden?.record).toEqual({ a: 2, b: 2 });
    expect((await healthy.versions(type, 'golden')).map((v) => v.record)).toEqual([{ a: 1 }, { a: 1, b: 1 }, { a: 2, b: 1 }, { a: 2, b: 2 }]);
    // The crashed row's redelivery changes nothing it had not already said.
    expect(await healthy.upsert([from('dept-a', { a: 2 }, '2025-05-02T00:00:00.000Z')])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await healthy.read(type, 'golden'))?.version).toBe(4);
  });

  it('heals a crashed tombstone on its redelivery, with one tombstone version', async () => {
    await healthy.upsert([row(type, 'gone', 'dept', { a: 1 }, '2025-05-01T00:00:00.000Z')]);
    const deletion = { sourceId: 'dept', sourceKeys: ['gone'], observedAt: '2025-05-02T00:00:00.000Z', reason: 'snapshot' };
    fault.armed = true;
    await expect(crashing.tombstone(deletion)).rejects.toThrow('process killed');
    expect(await healthy.tombstone(deletion)).toEqual({ withdrawn: 1, deleted: 1, notFound: 0 });
    expect((await healthy.versions(type, 'gone')).map((v) => [v.version, v.deleted === true])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(await healthy.read(type, 'gone')).toMatchObject({ version: 2, deleted: true });
    expect(await healthy.tombstone(deletion)).toEqual({ withdrawn: 0, deleted: 0, notFound: 1 });
  });
});
