import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { RecordChange } from '../../../src/ports/index.js';
import { planRead, type ReadPlanInput } from '../../../src/publish/release-plan.js';
import type { ReleaseState, StateLine } from '../../../src/publish/release-state.js';
import type { SourceItem } from '../../../src/publish/release-source.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { storedVersion } from '../../support/publish-memory.js';

const at = (id: string, version: number): StoredVersion => ({ ...storedVersion('t', id, { name: id }), version });

/** A store of current versions that counts what a plan asks of it. */
function store(current: readonly StoredVersion[]) {
  const asked = { listed: 0, read: [] as string[], since: [] as number[] };
  const records: ReadPlanInput['records'] = {
    async *listCurrent() {
      asked.listed += 1;
      yield [...current];
    },
    async *changedSince(_type: string, since: Date): AsyncGenerator<RecordChange[]> {
      asked.since.push(since.getTime());
      yield current.filter((v) => Date.parse(v.storedAt) >= since.getTime()).map((v) => ({ id: v.recordId, version: v.version }));
    },
    readCurrent: async (_type, ids) => {
      asked.read.push(...ids);
      return current.filter((v) => ids.includes(v.recordId));
    },
  };
  return { records, asked };
}

function previousState(lines: readonly StateLine[]): { state: ReleaseState; readState: (key: string) => Promise<Uint8Array | undefined> } {
  const part = { key: 'state/d/r1/part-00000.jsonl.gz', lines: lines.length, waiting: lines.filter((l) => 'waiting' in l).length };
  const body = gzipSync(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
  const state: ReleaseState = { format: 1, datasetId: 'd', releaseId: 'r1', definitionHash: 'def', watermark: '2026-11-27T00:10:00Z', parts: [part] };
  return { state, readState: async (key) => (key === part.key ? body : undefined) };
}

const input = (records: ReadPlanInput['records'], extra: Partial<ReadPlanInput> = {}): ReadPlanInput => ({
  datasetId: 'd',
  recordType: 't',
  records,
  definitionHash: 'def',
  today: '2026-11-27',
  marginMs: 15 * 60_000,
  changeLimit: 100,
  readState: async () => undefined,
  ...extra,
});

async function ids(items: AsyncIterable<SourceItem>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of items) out.push(item.id);
  return out;
}

describe('what a release reads of the SSOT', () => {
  it('reads a first release through the change index from the beginning, then by id in id order', async () => {
    const { records, asked } = store([at('b', 1), at('a', 1), at('c', 2)]);
    const plan = await planRead(input(records));
    expect(plan.mode).toBe('full');
    expect(await ids(plan.items)).toEqual(['a', 'b', 'c']);
    expect(asked).toMatchObject({ listed: 0, since: [0] });
    expect(asked.read.sort()).toEqual(['a', 'b', 'c']);
  });

  it('streams the listing instead when more records are there than a change read holds', async () => {
    const { records, asked } = store([at('a', 1), at('b', 1), at('c', 1)]);
    const plan = await planRead(input(records, { changeLimit: 2 }));
    expect(plan.mode).toBe('full');
    expect(await ids(plan.items)).toEqual(['a', 'b', 'c']);
    expect(asked).toMatchObject({ listed: 1, read: [] });
  });

  it('does not read again a record the margin lists at the version the previous release holds', async () => {
    // Every record was stored within the margin before the previous read: all of them are listed again.
    const { records, asked } = store([at('same', 3), at('newer', 2), at('fresh', 1), at('dropped', 4), at('outside', 5)]);
    const { state, readState } = previousState([
      { id: 'dropped', v: 4, h: 'h', waiting: true },
      { id: 'gone', removed: true },
      { id: 'newer', v: 1, h: 'h', row: { name: 'newer' } },
      // Outside the dataset (its filter, a deletion): passed over at this version, not read again until it moves.
      { id: 'outside', v: 5, passed: true },
      { id: 'same', v: 3, h: 'h', row: { name: 'same' } },
    ]);
    const plan = await planRead(input(records, { previous: state, readState }));
    expect(plan).toMatchObject({ mode: 'incremental', reads: 3 });
    // newer moved on, fresh is new; dropped is at its version but still waiting, so it is due again.
    expect(await ids(plan.items)).toEqual(['dropped', 'fresh', 'newer']);
    expect(asked.since).toEqual([Date.parse('2026-11-27T00:10:00Z') - 15 * 60_000]);
  });
});
