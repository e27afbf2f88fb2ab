import type { _Record as StreamRecord } from '@aws-sdk/client-dynamodb-streams';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoRecordCounts } from '../../../src/aws/dynamo-record-counts.js';
import { DynamoRecordStore } from '../../../src/aws/dynamo-record-store.js';
import { countedChanges } from '../../../src/aws/ssot-stream-counts.js';
import { resources, type ResourceModel } from '../../../src/infra/resources.js';
import { provision } from '../../../src/local/provision.js';
import { systemClock } from '../../../src/ports/index.js';
import type { CandidateRecord } from '../../../src/ssot/model.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';
import { streamEvent, TableStream } from './stream-batches.js';

const PLAIN = 'count-plain';
/** A type whose rows under one id must agree on `code`, else the record is in an identity conflict. */
const IDENTIFIED = 'count-identified';

const row = (type: string, id: string, sourceId: string, record: Record<string, unknown>, day: number): CandidateRecord => ({
  recordType: type,
  recordId: id,
  record,
  provenance: { sourceId, rawKey: `raw/${sourceId}/x`, index: 0, sourceKey: id, extractedAt: `2025-06-${String(day).padStart(2, '0')}T00:00:00.000Z` },
});
const withdrawal = (sourceId: string, keys: string[], day: number) => ({
  sourceId,
  sourceKeys: keys,
  observedAt: `2025-06-${String(day).padStart(2, '0')}T12:00:00.000Z`,
  reason: 'snapshot',
});

/** A document client that dies before its next current-item put, once armed: the write leaves an orphan version. */
function crashingBeforeCurrent(doc: DynamoDBDocumentClient) {
  const state = { armed: false };
  const client = new Proxy(doc, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver) as unknown;
      return async (command: { input: unknown }) => {
        if (state.armed && command instanceof PutCommand && command.input.Item?.sk === 'current') {
          state.armed = false;
          throw new Error('killed between the version put and the current put');
        }
        return target.send(command as never);
      };
    },
  });
  return { client, state };
}

/**
 * The route's live-record counters against the SSOT's own COUNT query, on a records and a
 * state table of this test's own: real writes, the table's real stream read shard by shard,
 * its version records delivered in batches as the event source mapping would.
 */
describe('live-record counters kept from the SSOT stream', () => {
  let shared: SharedAws;
  let store: DynamoRecordStore;
  let crashing: DynamoRecordStore;
  let crash: { armed: boolean };
  let counts: DynamoRecordCounts;
  let recordsTable: string;
  /** Stream records already read, by sequence number. */
  let stream: TableStream;

  beforeAll(async () => {
    shared = await useSharedAws();
    const suffix = uniqueSuffix();
    const table = (id: string) => ({ ...resources.tables.find((t) => t.id === id)!, id: `${id}-counts-${suffix}` });
    const model: ResourceModel = { tables: [table('records'), table('state')], buckets: [], queues: [], topics: [], subscriptions: [], functions: [] };
    const provisioned = await provision(model, shared.clients);
    recordsTable = provisioned.tableNames.get(`records-counts-${suffix}`)!;
    stream = new TableStream(shared, recordsTable);
    const options = { identityOf: (type: string) => (type === IDENTIFIED ? (r: Readonly<Record<string, unknown>>) => ({ code: String(r.code) }) : undefined) };
    store = new DynamoRecordStore(shared.clients.doc, recordsTable, systemClock, options);
    const faulty = crashingBeforeCurrent(shared.clients.doc);
    crash = faulty.state;
    crashing = new DynamoRecordStore(faulty.client, recordsTable, systemClock, options);
    counts = new DynamoRecordCounts(shared.clients.doc, provisioned.tableNames.get(`state-counts-${suffix}`)!);
  });

  /** Routes the records in batches of `size`, as the handler counts them. */
  async function route(records: readonly StreamRecord[], size = 4): Promise<void> {
    for (let i = 0; i < records.length; i += size) await counts.apply(countedChanges(streamEvent(records.slice(i, i + size))), new Date());
  }

  async function expectCountersToMatchQuery(expected: { plain: number; identified: number }): Promise<void> {
    const { live } = await counts.read();
    expect({ plain: live.get(PLAIN) ?? 0, identified: live.get(IDENTIFIED) ?? 0 }).toEqual(expected);
    expect(live.get(PLAIN) ?? 0).toBe(await store.countCurrent(PLAIN));
    expect(live.get(IDENTIFIED) ?? 0).toBe(await store.countCurrent(IDENTIFIED));
  }

  it('counts creates, updates, an unchanged re-sync, tombstones, a revival, conflicts and an adopted orphan as countCurrent does', async () => {
    await store.upsert(['p1', 'p2', 'p3', 'p4', 'p5'].map((id) => row(PLAIN, id, 'dept', { id, n: 1 }, 1)));
    await store.upsert(['i1', 'i2', 'i3'].map((id) => row(IDENTIFIED, id, 'dept', { id, code: `c-${id}` }, 1)));
    await store.upsert([row(PLAIN, 'p1', 'dept', { id: 'p1', n: 2 }, 2), row(PLAIN, 'p2', 'dept', { id: 'p2', n: 2 }, 2)]);
    // The same rows again: nothing written.
    expect(await store.upsert([row(PLAIN, 'p3', 'dept', { id: 'p3', n: 1 }, 1)])).toMatchObject({ unchanged: 1 });
    expect(await store.tombstone(withdrawal('dept', ['p4', 'p5'], 3))).toMatchObject({ deleted: 2 });
    // p4 comes back; p5 stays gone.
    expect(await store.upsert([row(PLAIN, 'p4', 'dept', { id: 'p4', n: 3 }, 4)])).toMatchObject({ updated: 1 });
    // A second department names i1, i2 and i3 as other cases: all three fall into conflict. The
    // other department withdraws i3 (its conflict ends), an operator tombstones i2 (a conflict ends in a tombstone).
    const others = ['i1', 'i2', 'i3'].map((id) => row(IDENTIFIED, id, 'other', { id, code: 'different' }, 2));
    expect(await store.upsert(others)).toMatchObject({ conflicted: 3 });
    expect(await store.tombstone(withdrawal('other', ['i3'], 3))).toMatchObject({ withdrawn: 1, deleted: 0 });
    expect(await store.tombstoneRecord(IDENTIFIED, 'i2', { sourceId: 'operator', rawKey: '', index: -1, sourceKey: 'i2' })).toBe(true);
    // A write killed before its current item: the orphan is history already, and the next write adopts it.
    crash.armed = true;
    await expect(crashing.upsert([row(PLAIN, 'p6', 'dept', { id: 'p6' }, 5)])).rejects.toThrow('killed');
    await store.upsert([row(PLAIN, 'p6', 'dept', { id: 'p6' }, 5)]);

    const records = await stream.newVersionRecords();
    expect(records.length).toBeGreaterThan(10);
    await route(records);
    // Plain: p1, p2, p3, p4 (revived), p6 (adopted). Identified: i3 (i1 in conflict, i2 a tombstone).
    await expectCountersToMatchQuery({ plain: 5, identified: 1 });
  });

  it('counts a batch delivered twice once', async () => {
    const before = await counts.read();
    await store.upsert([row(PLAIN, 'p7', 'dept', { id: 'p7' }, 6), row(PLAIN, 'p8', 'dept', { id: 'p8' }, 6)]);
    await store.tombstone(withdrawal('dept', ['p1'], 6));
    const records = await stream.newVersionRecords();
    expect(records).toHaveLength(3);
    await counts.apply(countedChanges(streamEvent(records)), new Date());
    await counts.apply(countedChanges(streamEvent(records)), new Date());
    expect((await counts.read()).live.get(PLAIN)).toBe(before.live.get(PLAIN)! + 1);
    await expectCountersToMatchQuery({ plain: 6, identified: 1 });
  });

  it('counts only the new records of a retry that starts at the same record and carries more', async () => {
    await store.upsert([row(PLAIN, 'p9', 'dept', { id: 'p9' }, 7), row(PLAIN, 'p10', 'dept', { id: 'p10' }, 7)]);
    await store.upsert([row(IDENTIFIED, 'i4', 'dept', { id: 'i4', code: 'c-i4' }, 7)]);
    await store.tombstone(withdrawal('dept', ['p2'], 7));
    const records = await stream.newVersionRecords();
    expect(records).toHaveLength(4);
    await counts.apply(countedChanges(streamEvent(records.slice(0, 2))), new Date());
    // After the first two records only: p9 and p10 are counted, i4 and p2's tombstone not yet.
    const partial = (await counts.read()).live;
    expect([partial.get(PLAIN), partial.get(IDENTIFIED)]).toEqual([8, 1]);
    await counts.apply(countedChanges(streamEvent(records)), new Date());
    // And once more, whole: the markers of both earlier deliveries cover it.
    await counts.apply(countedChanges(streamEvent(records)), new Date());
    await expectCountersToMatchQuery({ plain: 7, identified: 2 });
  });
});
