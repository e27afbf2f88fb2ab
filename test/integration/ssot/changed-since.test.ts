import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/ports/index.js';
import type { ChangeWindows } from '../../../src/aws/change-windows.js';
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

async function changed(store: DynamoRecordStore, type: string, since: Date, windows?: ChangeWindows): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of store.changedSince(type, since, windows)) ids.push(...page.map((change) => change.id));
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

  it("lists from the beginning at each record's version, splitting a window whose first page does not end it", async () => {
    const type = `t-${uniqueSuffix()}`;
    await store.upsert(['a', 'b', 'c'].map((id) => candidate(type, id)));
    // Over a second apart: the open-ended window from the first change is wide enough to be split.
    await pause(1200);
    await store.upsert(['d', 'e'].map((id) => candidate(type, id)));
    await store.upsert([{ ...candidate(type, 'b'), record: { id: 'b', edited: true } }]);
    const changes: { id: string; version: number }[] = [];
    // Two items a page: a window that holds more is halved down to a second, then read to its end.
    for await (const page of store.changedSince(type, new Date(0), { firstMs: 60_000, targetItems: 2, pageItems: 2 })) changes.push(...page);
    expect(changes.sort((x, y) => x.id.localeCompare(y.id))).toEqual([
      { id: 'a', version: 1 },
      { id: 'b', version: 2 },
      { id: 'c', version: 1 },
      { id: 'd', version: 1 },
      { id: 'e', version: 1 },
    ]);
  });
});
