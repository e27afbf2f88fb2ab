import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoQuarantineStore } from '../../../src/aws/dynamo-quarantine-store.js';
import { QuarantineKeyIndex } from '../../../src/aws/quarantine-key-index.js';
import type { QuarantineEntry } from '../../../src/quarantine/entry.js';
import { sha256Hex } from '../../../src/util/hash.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

let shared: SharedAws;
let store: DynamoQuarantineStore;
let table: string;

const entry = (sourceId: string, sourceKey: string, extractedAt = '2025-03-06T00:00:00.000Z'): QuarantineEntry => ({
  sourceId,
  recordType: 'service-item',
  sourceKey,
  rawKey: 'raw/x.json.gz',
  index: 0,
  errors: [{ path: '/name', keyword: 'required', message: 'must have name', messageZh: '缺少名称' }],
  raw: '{}',
  quarantinedAt: extractedAt,
  extractedAt,
});
const valid = (keys: readonly string[], extractedAt = '2025-03-07T00:00:00.000Z') => keys.map((sourceKey) => ({ sourceKey, extractedAt }));

describe('quarantine release by the keys-only index', () => {
  beforeAll(async () => {
    shared = await useSharedAws();
    table = shared.config.resources.table('quarantine');
    store = new DynamoQuarantineStore(shared.clients.doc, table);
  });

  it('releases only quarantined rows, and keeps a newer defect', async () => {
    const sourceId = `qindex-${uniqueSuffix()}`;
    await store.put([entry(sourceId, 'a'), entry(sourceId, 'b', '2025-03-09T00:00:00.000Z'), entry(sourceId, 'c')]);
    expect(await store.count(sourceId)).toBe(3);
    expect(await store.release(sourceId, valid(['a', 'b', 'x', 'y']))).toBe(1);
    expect((await store.list(sourceId)).map((e) => e.sourceKey).sort()).toEqual(['b', 'c']);
    expect(await store.release(sourceId, valid(['c']))).toBe(1);
    expect(await store.count(sourceId)).toBe(1);
    expect(await store.hasEntries(sourceId)).toBe(true);
  });

  it('indexes entries written before the index once, then releases them', async () => {
    const sourceId = `qindex-legacy-${uniqueSuffix()}`;
    for (const key of ['old-1', 'old-2'])
      await shared.clients.doc.send(new PutCommand({ TableName: table, Item: { pk: `source#${sourceId}`, sk: `item#${key}`, ...entry(sourceId, key) } }));
    expect(await store.release(sourceId, valid(['old-1', 'new']))).toBe(1);
    // Indexed now: a later put and release go by the index alone.
    await store.put([entry(sourceId, 'new-defect')]);
    expect(await store.release(sourceId, valid(['old-2', 'new-defect']))).toBe(2);
    expect(await store.count(sourceId)).toBe(0);
    expect(await store.hasEntries(sourceId)).toBe(false);
  });

  it('drops an indexed key whose entry is gone, and releases nothing for it', async () => {
    const sourceId = `qindex-stale-${uniqueSuffix()}`;
    await store.put([entry(sourceId, 'kept')]);
    // The first release of a source indexes what is there and marks the index complete.
    expect(await store.release(sourceId, valid(['other']))).toBe(0);
    const ghosts = ['ghost-0', 'ghost-1', 'ghost-2', 'ghost-3'];
    // As a crash between indexing a key and writing its entry leaves it: in its shard, without entry.
    for (const ghost of ghosts)
      await shared.clients.doc.send(
        new UpdateCommand({
          TableName: table,
          Key: { pk: `source#${sourceId}`, sk: `index#${sha256Hex(ghost).slice(0, 1)}` },
          UpdateExpression: 'ADD #keys :keys',
          ExpressionAttributeNames: { '#keys': 'keys' },
          ExpressionAttributeValues: { ':keys': new Set([ghost]) },
        }),
      );
    const index = new QuarantineKeyIndex(shared.clients.doc, table);
    expect(await index.read(sourceId)).toEqual({ state: 'indexed', keys: new Set(['kept', ...ghosts]) });
    expect(await store.release(sourceId, valid(ghosts))).toBe(0);
    expect(await index.read(sourceId)).toEqual({ state: 'indexed', keys: new Set(['kept']) });
    expect(await store.release(sourceId, valid(['kept']))).toBe(1);
    expect(await store.list(sourceId)).toEqual([]);
  });
});
