import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import { DeadlineError } from '../../../src/util/deadline.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { MemoryDisclosureLedger } from '../../support/memory-disclosure-ledger.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const dataset: DatasetConfig = { id: 'decisions', ...DATASET_DEFAULTS, recordType: 't', license: 'CC-BY-4.0' };

const version = (recordId: string, record: Record<string, unknown>): StoredVersion => storedVersion('t', recordId, record, '2025-01-24T00:00:00Z');

/** A publisher over memory whose records and clock the test moves between releases. */
function world() {
  const records: StoredVersion[] = [];
  const ledger = new MemoryDisclosureLedger();
  const { deps, at } = memoryPublish(records, {
    startsAt: '2025-02-10T02:00:00.000Z',
    openColumns: () => ['decisionNumber', 'decisionDate'],
    disclosures: ledger,
  });
  return { deps, records, ledger, at };
}

describe('the first-publication step of a release', () => {
  it('gives every record of a release its time and id, with the decision date', async () => {
    const w = world();
    w.records.push(version('a', { decisionNumber: '甲', decisionDate: '2025-01-24' }), version('b', { decisionNumber: '乙' }));
    const outcome = await publishDataset(dataset, w.deps);
    const releaseId = outcome.release!.releaseId;
    expect(await w.ledger.list('t')).toEqual([
      { recordType: 't', recordId: 'a', decisionDate: '2025-01-24', firstPublishedAt: '2025-02-10T02:00:00.000Z', releaseId },
      { recordType: 't', recordId: 'b', firstPublishedAt: '2025-02-10T02:00:00.000Z', releaseId },
    ]);
  });

  it('keeps the first time when a later release carries the record again, and times only what is new', async () => {
    const w = world();
    w.records.push(version('a', { decisionNumber: '甲', decisionDate: '2025-01-24' }));
    const first = await publishDataset(dataset, w.deps);
    w.at('2025-02-12T02:00:00.000Z');
    w.records[0] = version('a', { decisionNumber: '甲（变更）', decisionDate: '2025-01-24' });
    w.records.push(version('c', { decisionNumber: '丙', decisionDate: '2025-02-11' }));
    const second = await publishDataset(dataset, w.deps);
    expect(second.released).toBe(true);
    const byId = new Map((await w.ledger.list('t')).map((e) => [e.recordId, e]));
    expect(byId.get('a')).toMatchObject({ firstPublishedAt: '2025-02-10T02:00:00.000Z', releaseId: first.release!.releaseId });
    expect(byId.get('c')).toMatchObject({ firstPublishedAt: '2025-02-12T02:00:00.000Z', releaseId: second.release!.releaseId });
  });

  it('on an unchanged release, times a record left untimed at the release that first carried it', async () => {
    const w = world();
    w.records.push(version('a', { decisionNumber: '甲', decisionDate: '2025-01-24' }));
    const first = await publishDataset(dataset, w.deps);
    w.ledger.entries.clear(); // the ledger write after the first release was lost
    w.at('2025-02-20T02:00:00.000Z');
    expect((await publishDataset(dataset, w.deps)).released).toBe(false);
    expect(await w.ledger.list('t')).toEqual([expect.objectContaining({ recordId: 'a', firstPublishedAt: first.release!.createdAt })]);
  });

  it('a release whose clock the deadline cut short is out, says so, and the next build times the rest', async () => {
    const w = world();
    w.records.push(version('a', { decisionNumber: '甲' }), version('b', { decisionNumber: '乙' }));
    const deadline = new AbortController();
    // The deadline comes just as the release is committed: its own clock is not kept.
    const releases = {
      ...w.deps.releases,
      commit: async (...args: Parameters<typeof w.deps.releases.commit>) => {
        await w.deps.releases.commit(...args);
        deadline.abort(new DeadlineError("stopped 30 s before the function's deadline"));
      },
    };
    const cut = await publishDataset(dataset, { ...w.deps, releases }, { signal: deadline.signal });
    expect(cut).toMatchObject({ released: true, clockPending: true });
    expect(await w.ledger.list('t')).toEqual([]);
    w.at('2025-02-10T02:01:00.000Z');
    expect(await publishDataset(dataset, w.deps)).toMatchObject({ released: false, reason: 'unchanged' });
    expect((await w.ledger.list('t')).map((e) => [e.recordId, e.firstPublishedAt])).toEqual([
      ['a', cut.release!.createdAt],
      ['b', cut.release!.createdAt],
    ]);
  });
});
