import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { publishDataset, type PublishOutcome } from '../../../src/publish/publish-dataset.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { MemoryDisclosureLedger } from '../../support/memory-disclosure-ledger.js';
import { MemorySsot } from '../../support/memory-ssot.js';
import { memoryPublish } from '../../support/publish-memory.js';

const TYPE = 'enforcement-decision';
const dataset: DatasetConfig = {
  id: 'decisions',
  ...DATASET_DEFAULTS,
  recordType: TYPE,
  disclosure: { periods: [{ decisionKind: 'penalty', months: 36, rule: '最长公示期三年', source: '国家发展和改革委员会令2023年第58号' }] },
};
const openColumns = () => ['decisionNumber', 'partyName', 'status', 'decisionDate'];

const decision = (number: string, fields: Record<string, unknown> = {}) => ({
  decisionNumber: number,
  partyName: `${number}有限公司`,
  decisionDate: '2026-03-02',
  publicityEndDate: '2027-03-02',
  status: 'in-force',
  ...fields,
});

/** One SSOT, released incrementally release after release, and rebuilt in full from nothing at the same moments. */
function world() {
  let now = new Date('2026-03-03T02:00:00.000Z');
  const clock = { now: () => now };
  const ssot = new MemorySsot(TYPE, () => now);
  const ledger = new MemoryDisclosureLedger();
  const incremental = memoryPublish([], { openColumns, records: ssot, clock, disclosures: ledger });
  const text = (objects: ReadonlyMap<string, Uint8Array>, key: string) => Buffer.from(objects.get(key)!).toString('utf8');
  const dataFiles = (objects: ReadonlyMap<string, Uint8Array>, release: ReleasePointer) =>
    Object.fromEntries(release.files.filter((f) => f.format !== 'changes').map((f) => [f.name, text(objects, f.key)]));
  const manifestOf = (objects: ReadonlyMap<string, Uint8Array>, release: ReleasePointer) =>
    JSON.parse(text(objects, release.manifestKey)) as { source: { merkleRoot: string }; rowCount: number; changes: object; previousRelease: string | null };

  /** Publishes incrementally, and checks a full rebuild from nothing at the same moment makes the very same release. */
  async function publish(): Promise<PublishOutcome> {
    const outcome = await publishDataset(dataset, incremental.deps);
    const fresh = memoryPublish([], { openColumns, records: { listCurrent: () => ssot.listCurrent() }, clock });
    const listed = ssot.counts.listed;
    const rebuilt = await publishDataset(dataset, fresh.deps);
    ssot.counts.listed = listed; // the rebuild's listing is the test's, not the release's
    const latest = incremental.latest()!;
    expect(rebuilt.release!.releaseId).toBe(latest.releaseId);
    expect(rebuilt.release!.snapshotHash).toBe(latest.snapshotHash);
    expect(dataFiles(fresh.objects, rebuilt.release!)).toEqual(dataFiles(incremental.objects, latest));
    expect(manifestOf(fresh.objects, rebuilt.release!).source.merkleRoot).toBe(manifestOf(incremental.objects, latest).source.merkleRoot);
    return outcome;
  }
  const changes = (release: ReleasePointer) =>
    text(incremental.objects, release.files.find((f) => f.format === 'changes')!.key)
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, string>);
  const numbers = (release: ReleasePointer) =>
    text(incremental.objects, release.files.find((f) => f.format === 'jsonl')!.key)
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { decisionNumber: string }).decisionNumber);
  const publishOnly = () => publishDataset(dataset, incremental.deps);
  return {
    ssot,
    ledger,
    publish,
    publishOnly,
    deps: incremental.deps,
    changes,
    numbers,
    manifestOf: (r: ReleasePointer) => manifestOf(incremental.objects, r),
    at: (i: string) => void (now = new Date(i)),
  };
}

describe('a release built from the previous one plus the change', () => {
  it('equals a full rebuild across adds, changes, deletions, identity conflicts, expiries and revocations, and reads only the change', async () => {
    const w = world();
    for (const id of ['a', 'b', 'c', 'd']) w.ssot.put(id, decision(id));
    w.ssot.put('c', decision('c', { publicityEndDate: '2026-03-05' }));
    w.ssot.put('d', decision('d', { decisionDate: '2026-03-06' })); // not public until 03-06
    const first = await w.publish();
    expect(w.numbers(first.release!)).toEqual(['a', 'b', 'c']);
    expect(w.manifestOf(first.release!).previousRelease).toBeNull();
    const listedOnce = w.ssot.counts.listed;

    w.at('2026-03-04T02:00:00.000Z');
    w.ssot.put('b', decision('b', { partyName: '乙（更名）有限公司' }));
    w.ssot.put('e', decision('e'));
    const update = await w.publish();
    expect(w.numbers(update.release!)).toEqual(['a', 'b', 'c', 'e']);
    expect(w.changes(update.release!)).toEqual([
      { change: 'changed', recordId: 'b' },
      { change: 'added', recordId: 'e' },
    ]);
    expect(w.manifestOf(update.release!)).toMatchObject({ previousRelease: first.release!.releaseId, changes: { added: 1, changed: 1, removed: 0 } });

    w.at('2026-03-04T05:00:00.000Z');
    w.ssot.delete('a');
    const deletion = await w.publish();
    expect(w.changes(deletion.release!)).toEqual([{ change: 'removed', recordId: 'a', reason: 'removed' }]);
    expect(deletion.withdrawn).toEqual([expect.objectContaining({ recordId: 'a', reason: 'removed' })]);

    w.at('2026-03-04T08:00:00.000Z');
    w.ssot.conflict('e');
    const conflict = await w.publish();
    expect(w.numbers(conflict.release!)).toEqual(['b', 'c']);

    // 03-06 00:30 in China: c's period ended yesterday and d's decision date has come, with no source change.
    w.at('2026-03-05T16:30:00.000Z');
    const readBefore = w.ssot.counts.read;
    const daily = await w.publish();
    expect(w.numbers(daily.release!)).toEqual(['b', 'd']);
    expect(w.changes(daily.release!)).toEqual([
      { change: 'removed', recordId: 'c', reason: 'expired' },
      { change: 'added', recordId: 'd' },
    ]);
    expect(daily.withdrawn).toEqual([expect.objectContaining({ recordId: 'c', reason: 'expired', publicUntil: '2026-03-05' })]);
    // Only the due records were read (the expired one, the one waiting for its date). The change
    // listing's safety margin names e again, but the previous state holds it, passed over, at that version.
    expect(w.ssot.counts.read - readBefore).toBe(2);

    w.at('2026-03-06T02:00:00.000Z');
    w.ssot.put('b', decision('b', { partyName: '乙（更名）有限公司', status: 'revoked' }));
    const revoked = await w.publish();
    expect(w.numbers(revoked.release!)).toEqual(['d']);
    expect(w.changes(revoked.release!)).toEqual([{ change: 'removed', recordId: 'b', reason: 'revoked' }]);

    // Every incremental release read the change by id; the type was listed once, by the first.
    expect(w.ssot.counts.listed).toBe(listedOnce);
    // The disclosure clock followed the deltas: first publications of every record carried, each withdrawal once.
    const entries = new Map((await w.ledger.list(TYPE)).map((e) => [e.recordId, e]));
    expect([...entries.keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(entries.get('e')!.withdrawal?.reason).toBe('removed');
    expect(entries.get('b')!.withdrawal?.reason).toBe('revoked');
  });

  it('makes no release when nothing changed, nor when a change leaves the published rows equal', async () => {
    const w = world();
    w.ssot.put('a', decision('a', { facts: '事实一' }));
    const first = await w.publish();
    w.at('2026-03-03T05:00:00.000Z');
    expect(await w.publishOnly()).toMatchObject({ released: false, reason: 'unchanged', release: first.release });
    // An unpublished field changed: a new version, the same rows.
    w.ssot.put('a', decision('a', { facts: '事实二' }));
    expect(await w.publishOnly()).toMatchObject({ released: false, reason: 'unchanged', release: first.release });
    // That read moved the latest release's state on: the next build does not read the change again.
    const read = w.ssot.counts.read;
    w.at('2026-03-03T05:01:00.000Z');
    expect(await w.publishOnly()).toMatchObject({ released: false, reason: 'unchanged', release: first.release });
    expect(w.ssot.counts.read).toBe(read);
  });

  it('rebuilds in full when the definition changes or the change is too large to hold, with the same rows', async () => {
    const w = world();
    for (const id of ['a', 'b', 'c']) w.ssot.put(id, decision(id));
    const first = await w.publish();
    const { listed, read } = w.ssot.counts;
    w.at('2026-03-03T05:00:00.000Z');
    const retitled = await publishDataset({ ...dataset, title: { zh: '行政处罚决定（更名）', en: 'Penalty decisions' } }, w.deps);
    // A full read: every record, listed through the change index from the beginning and read by id.
    expect(w.ssot.counts).toMatchObject({ listed, read: read + 3 });
    expect(retitled.released).toBe(true);
    expect(w.numbers(retitled.release!)).toEqual(w.numbers(first.release!));
    // Nothing is added or removed by a new definition; the rows are the same.
    expect(w.changes(retitled.release!)).toEqual([]);
    w.at('2026-03-03T06:00:00.000Z');
    w.ssot.put('a', decision('a', { partyName: '甲（更名）有限公司' }));
    w.ssot.put('b', decision('b', { partyName: '乙（更名）有限公司' }));
    const large = await publishDataset({ ...dataset, title: { zh: '行政处罚决定（更名）', en: 'Penalty decisions' } }, { ...w.deps, changeLimit: 1 });
    // More than a change read holds: the type's listing is streamed.
    expect(w.ssot.counts.listed).toBe(listed + 3);
    expect(w.changes(large.release!)).toEqual([
      { change: 'changed', recordId: 'a' },
      { change: 'changed', recordId: 'b' },
    ]);
  });
});
