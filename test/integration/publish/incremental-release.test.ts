import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { publishDataset, type PublishDeps } from '../../../src/publish/publish-dataset.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { memoryObjects } from '../../support/publish-memory.js';
import { validExamples } from '../../support/record-examples.js';

const TYPE = 'enforcement-decision';
let shared: SharedAws;

beforeAll(async () => {
  shared = await useSharedAws();
});

describe('incremental releases on the emulators', () => {
  it('lists the change through the byTypeChanged index (deletions included), equals a full rebuild, and survives a crash mid-publish', async () => {
    const suffix = uniqueSuffix();
    const authority = `绍兴市测试局${suffix}`;
    // Other tests write the same record type into the shared table: this dataset holds only this test's authority.
    const dataset: DatasetConfig = {
      id: `incremental-${suffix}`,
      ...DATASET_DEFAULTS,
      recordType: TYPE,
      filter: { authority },
      fields: ['decisionNumber', 'partyName', 'authority', 'decisionDate'],
    };
    const store = shared.app.recordStore();
    const numberOf = (n: number) => `绍柯市监罚〔2026〕${suffix}${n}号`;
    const candidate = (n: number, fields: Record<string, unknown> = {}) => ({
      recordType: TYPE,
      recordId: numberOf(n),
      record: { ...validExamples[TYPE], decisionNumber: numberOf(n), authority, ...fields },
      provenance: { sourceId: `incremental-${suffix}`, rawKey: `raw/${suffix}`, index: n, sourceKey: String(n), extractedAt: new Date().toISOString() },
    });
    const counts = { listed: 0, since: [] as number[] };
    const base = shared.app.publishDeps();
    const deps: PublishDeps = {
      ...base,
      records: {
        listCurrent: (type) => {
          counts.listed += 1;
          return store.listCurrent(type);
        },
        changedSince: (type, since) => {
          counts.since.push(since.getTime());
          return store.changedSince(type, since);
        },
        readCurrent: (type, ids) => store.readCurrent(type, ids),
      },
      disclosures: undefined,
    };
    const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes!).toString('utf8');
    const read = async (release: ReleasePointer, format: string) => text(await base.open.get(release.files.find((f) => f.format === format)!.key));

    await store.upsert([candidate(1), candidate(2), candidate(3)]);
    const first = await publishDataset(dataset, deps);
    expect(first).toMatchObject({ released: true, release: { rowCount: 3 } });
    // The first release reads the change index from the beginning (in windows), not the type's listing.
    expect(counts).toEqual({ listed: 0, since: [0] });

    await store.upsert([candidate(2, { partyName: `更名${suffix}有限公司` }), candidate(4)]);
    await store.tombstoneRecord(TYPE, numberOf(3), { sourceId: `incremental-${suffix}`, rawKey: `raw/${suffix}`, index: 3, sourceKey: '3' });
    const second = await publishDataset(dataset, deps);
    expect(second).toMatchObject({ released: true, release: { rowCount: 3 } });
    // Built from the first release plus the change since its read.
    expect(counts.listed).toBe(0);
    expect(counts.since).toHaveLength(2);
    const changes = (await read(second.release!, 'changes'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as object);
    expect(changes).toEqual([
      { change: 'changed', recordId: numberOf(2) },
      { change: 'removed', recordId: numberOf(3), reason: 'removed' },
      { change: 'added', recordId: numberOf(4) },
    ]);

    // A full rebuild from nothing, at the same moment, writes the very same files.
    const fresh = memoryObjects();
    let pointer: ReleasePointer | undefined;
    const rebuilt = await publishDataset(dataset, {
      ...deps,
      records: { listCurrent: (type) => store.listCurrent(type) },
      open: fresh.store,
      releases: { latest: async () => undefined, commit: async (release) => void (pointer = release) },
      clock: { now: () => new Date(second.release!.createdAt) },
    });
    expect(rebuilt.release!.snapshotHash).toBe(second.release!.snapshotHash);
    for (const format of ['csv', 'jsonl'])
      expect(text(fresh.objects.get(pointer!.files.find((f) => f.format === format)!.key))).toBe(await read(second.release!, format));

    // A crash at the third upload of the next release leaves the second one latest.
    await store.upsert([candidate(5)]);
    let uploads = 0;
    const crashing: PublishDeps = {
      ...deps,
      open: {
        ...base.open,
        put: (key, body, options) => base.open.put(key, body, options),
        get: (key) => base.open.get(key),
        exists: (key) => base.open.exists(key),
        putFile: async (key, path, options) => {
          if (++uploads === 3) throw new Error('connection reset');
          return base.open.putFile(key, path, options);
        },
      },
    };
    await expect(publishDataset(dataset, crashing)).rejects.toThrow('connection reset');
    expect((await base.releases.latest(dataset.id))!.releaseId).toBe(second.release!.releaseId);
    const third = await publishDataset(dataset, deps);
    expect(third).toMatchObject({ released: true, release: { rowCount: 4 } });
    expect((await base.releases.latest(dataset.id))!.releaseId).toBe(third.release!.releaseId);
  });
});
