import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/ports/index.js';
import { DynamoRecordStore } from '../../../src/aws/dynamo-record-store.js';
import type { CandidateRecord } from '../../../src/ssot/model.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

describe('tombstones and lookup by source key', () => {
  let store: DynamoRecordStore;
  let type: string;
  let sourceId: string;
  beforeAll(async () => {
    const { config, clients } = await useSharedAws();
    store = new DynamoRecordStore(clients.doc, config.resources.table('records'), systemClock);
  });

  const row = (sourceKey: string, recordId: string, record: Record<string, unknown>, extractedAt: string, from = sourceId): CandidateRecord => ({
    recordType: type,
    recordId,
    record,
    provenance: { sourceId: from, rawKey: `raw/${from}/b.json.gz`, index: 0, sourceKey, extractedAt },
  });

  it('finds the record a source row feeds, and withdraws it as a new version marked deleted', async () => {
    type = `tomb-${uniqueSuffix()}`;
    sourceId = `src-${uniqueSuffix()}`;
    await store.upsert([
      row('1001', '绍市监罚〔2025〕1号', { n: 1 }, '2025-03-01T00:00:00.000Z'),
      row('1002', '绍市监罚〔2025〕2号', { n: 2 }, '2025-03-01T00:00:00.000Z'),
    ]);
    expect(await store.findBySourceKey(sourceId, '1001')).toEqual([{ recordType: type, recordId: '绍市监罚〔2025〕1号' }]);
    expect(await store.findBySourceKey(sourceId, 'nope')).toEqual([]);

    const outcome = await store.tombstone({ sourceId, sourceKeys: ['1001', 'nope'], observedAt: '2025-03-05T00:00:00.000Z', reason: 'vanished' });
    expect(outcome).toEqual({ withdrawn: 1, deleted: 1, notFound: 1 });
    const versions = await store.versions(type, '绍市监罚〔2025〕1号');
    expect(versions.map((v) => [v.version, v.deleted === true, v.record])).toEqual([
      [1, false, { n: 1 }],
      [2, true, { n: 1 }],
    ]);
    expect(versions[1]?.provenance).toMatchObject({ sourceId, sourceKey: '1001', extractedAt: '2025-03-05T00:00:00.000Z' });
    expect((await store.read(type, '绍市监罚〔2025〕1号'))?.deleted).toBe(true);
    // Publish reads live records only.
    expect(await store.countCurrent(type)).toBe(1);
    const listed = [];
    for await (const page of store.listCurrent(type)) listed.push(...page.map((v) => v.recordId));
    expect(listed).toEqual(['绍市监罚〔2025〕2号']);
  });

  it('is idempotent, and a row extracted before the deletion cannot revive the record; a later one does', async () => {
    const again = await store.tombstone({ sourceId, sourceKeys: ['1001'], observedAt: '2025-03-05T00:00:00.000Z', reason: 'vanished' });
    expect(again).toEqual({ withdrawn: 0, deleted: 0, notFound: 1 });
    expect(await store.upsert([row('1001', '绍市监罚〔2025〕1号', { n: 1 }, '2025-03-04T00:00:00.000Z')])).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(await store.upsert([row('1001', '绍市监罚〔2025〕1号', { n: 1 }, '2025-03-06T00:00:00.000Z')])).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const revived = await store.read(type, '绍市监罚〔2025〕1号');
    expect([revived?.version, revived?.deleted]).toEqual([3, undefined]);
  });

  it('withdraws one department of a golden record and keeps what the others say', async () => {
    type = `tomb-${uniqueSuffix()}`;
    sourceId = `src-${uniqueSuffix()}`;
    const other = `other-${uniqueSuffix()}`;
    await store.upsert([row('A', 'doc', { title: 't', validity: 'in-force' }, '2025-03-01T00:00:00.000Z')]);
    await store.upsert([row('B', 'doc', { title: 't', fullTextUrl: 'https://x' }, '2025-03-01T00:00:00.000Z', other)]);
    const outcome = await store.tombstone({ sourceId, sourceKeys: ['A'], observedAt: '2025-03-02T00:00:00.000Z', reason: 'flagged' });
    expect(outcome).toEqual({ withdrawn: 1, deleted: 0, notFound: 0 });
    const now = await store.read(type, 'doc');
    expect([now?.deleted, now?.record]).toEqual([undefined, { title: 't', fullTextUrl: 'https://x' }]);
  });

  it('lets an operator withdraw a record whole', async () => {
    expect(await store.tombstoneRecord(type, 'doc', { sourceId: 'operator', rawKey: '', index: -1, sourceKey: 'duplicate of doc-2' })).toBe(true);
    expect((await store.read(type, 'doc'))?.deleted).toBe(true);
    expect(await store.tombstoneRecord(type, 'doc', { sourceId: 'operator', rawKey: '', index: -1, sourceKey: 'again' })).toBe(false);
  });
});
