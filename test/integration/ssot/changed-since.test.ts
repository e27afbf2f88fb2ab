import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/ports/index.js';
import { DynamoRecordStore } from '../../../src/aws/dynamo-record-store.js';
import type { CandidateRecord } from '../../../src/ssot/model.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

const candidate = (type: string, id: string): CandidateRecord => ({
  recordType: type,
  recordId: id,
  record: { id },
  provenance: { sourceId: 'test', rawKey: 'raw/test/x', index: 0, sourceKey: id, extractedAt: new Date().toISOString() },
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function changed(store: DynamoRecordStore, type: string, since: Date, windows?: { firstMs: number; targetItems: number }): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of store.changedSince(type, since, windows)) ids.push(...page);
  return ids.sort();
}

describe('changes since a moment, read in windows of storedAt', () => {
  let store: DynamoRecordStore;
  beforeAll(async () => {
    const { config, clients } = await useSharedAws();
    store = new DynamoRecordStore(clients.doc, config.resources.table('records'), systemClock);
  });

  it('finds every record stored at or after the moment, once, however narrow the windows', async () => {
    const type = `t-${uniqueSuffix()}`;
    await store.upsert(['a', 'b'].map((id) => candidate(type, id)));
    await pause(30);
    const since = new Date();
    await store.upsert(['c', 'd', 'e'].map((id) => candidate(type, id)));
    await pause(30);
    await store.upsert(['f'].map((id) => candidate(type, id)));
    // Windows of a few milliseconds that narrow and widen: every boundary between them is crossed.
    expect(await changed(store, type, since, { firstMs: 3, targetItems: 1 })).toEqual(['c', 'd', 'e', 'f']);
    expect(await changed(store, type, since)).toEqual(['c', 'd', 'e', 'f']);
    // A moment long before: the windows widen until they reach the changes.
    expect(await changed(store, type, new Date(Date.now() - 86_400_000), { firstMs: 3, targetItems: 1 })).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(await changed(store, type, new Date(Date.now() + 60_000))).toEqual([]);
  });
});
