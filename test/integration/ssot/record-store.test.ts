import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/ports/index.js';
import { DynamoRecordStore } from '../../../src/aws/dynamo-record-store.js';
import type { CandidateRecord } from '../../../src/ssot/model.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

const candidate = (type: string, id: string, record: Record<string, unknown>, extractedAt = new Date().toISOString()): CandidateRecord => ({
  recordType: type,
  recordId: id,
  record,
  provenance: { sourceId: 'test', rawKey: 'raw/test/x', index: 0, sourceKey: id, extractedAt },
});

describe('SSOT record store on DynamoDB Local', () => {
  let store: DynamoRecordStore;
  let type: string;
  beforeAll(async () => {
    const { config, clients } = await useSharedAws();
    store = new DynamoRecordStore(clients.doc, config.resources.table('records'), systemClock);
  });

  it('writes a version only when the content hash changes, and a redelivery writes nothing', async () => {
    type = `t-${uniqueSuffix()}`;
    expect(await store.upsert([candidate(type, 'a', { x: 1, y: [1, 2] })])).toEqual({ created: 1, updated: 0, unchanged: 0 });
    // The same content with keys in another order is the same content.
    expect(await store.upsert([candidate(type, 'a', { y: [1, 2], x: 1 })])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await store.upsert([candidate(type, 'a', { x: 2, y: [1, 2] })])).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const versions = await store.versions(type, 'a');
    expect(versions.map((v) => [v.version, v.record.x])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(await store.countCurrent(type)).toBe(1);
  });

  it('two concurrent writers on one record both land, as consecutive versions', async () => {
    type = `t-${uniqueSuffix()}`;
    // One extraction time: the writers are equals (a replay racing a redelivery), none is stale.
    const extractedAt = new Date().toISOString();
    await store.upsert([candidate(type, 'r', { v: 0 }, extractedAt)]);
    const writers = Array.from({ length: 6 }, (_, i) => store.upsert([candidate(type, 'r', { v: i + 1 }, extractedAt)]));
    const outcomes = await Promise.all(writers);
    expect(outcomes.reduce((n, o) => n + o.updated, 0)).toBe(6);
    const versions = await store.versions(type, 'r');
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(versions.map((v) => v.record.v)).size).toBe(7);
  });

  it('two concurrent writers from different departments both keep their fields in the golden record', async () => {
    type = `t-${uniqueSuffix()}`;
    const from = (sourceId: string, record: Record<string, unknown>): CandidateRecord => ({
      recordType: type,
      recordId: 'g',
      record,
      provenance: { sourceId, rawKey: `raw/${sourceId}/x`, index: 0, sourceKey: 'k', extractedAt: new Date().toISOString() },
    });
    const writers = Array.from({ length: 5 }, (_, i) => store.upsert([from(`dept-${i}`, { [`field${i}`]: i })]));
    await Promise.all(writers);
    const golden = await store.read(type, 'g');
    expect(golden?.record).toEqual({ field0: 0, field1: 1, field2: 2, field3: 3, field4: 4 });
    expect(Object.keys(golden?.contributors ?? {}).sort()).toEqual(['dept-0#k', 'dept-1#k', 'dept-2#k', 'dept-3#k', 'dept-4#k']);
  });

  it('never rolls a record back to a row extracted before the stored one (late redelivery)', async () => {
    type = `t-${uniqueSuffix()}`;
    await store.upsert([candidate(type, 'late', { v: 'new' }, '2025-03-02T00:00:00.000Z')]);
    expect(await store.upsert([candidate(type, 'late', { v: 'old' }, '2025-03-01T00:00:00.000Z')])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect((await store.read(type, 'late'))?.record).toEqual({ v: 'new' });
  });

  it('handles more records than one transaction and one BatchGetItem hold', async () => {
    type = `t-${uniqueSuffix()}`;
    const many = Array.from({ length: 260 }, (_, i) => candidate(type, `id-${i}`, { i }));
    expect(await store.upsert(many)).toEqual({ created: 260, updated: 0, unchanged: 0 });
    expect(await store.upsert(many)).toEqual({ created: 0, updated: 0, unchanged: 260 });
    expect(await store.countCurrent(type)).toBe(260);
  });
});
