import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { ObjectStore } from '../../../src/ports/index.js';
import { publishDataset, type PublishDeps } from '../../../src/publish/publish-dataset.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import type { StoredVersion } from '../../../src/ssot/model.js';

const dataset: DatasetConfig = { id: 'decisions', title: '决定', description: 'd', publisher: 'p', recordType: 't', license: 'CC-BY-4.0' };

const version = (recordId: string, record: Record<string, unknown>): StoredVersion => ({
  recordType: 't',
  recordId,
  record,
  version: 1,
  contentHash: 'h',
  storedAt: '2026-11-27T00:00:00Z',
  provenance: { sourceId: 's', rawKey: 'raw/s/x', index: 0, sourceKey: recordId, extractedAt: '2026-11-27T00:00:00Z' },
});

function memoryDeps(records: StoredVersion[]) {
  const objects = new Map<string, Uint8Array>();
  const writes: string[] = [];
  let latest: ReleasePointer | undefined;
  const open: ObjectStore = {
    put: async (key, body) => {
      writes.push(key);
      objects.set(key, typeof body === 'string' ? Buffer.from(body) : body);
    },
    get: async (key) => objects.get(key),
    exists: async (key) => objects.has(key),
  };
  const deps: PublishDeps = {
    records: {
      async *listCurrent() {
        yield records;
      },
    },
    open,
    releases: {
      latest: async () => latest,
      commit: async (release) => {
        writes.push(`pointer:${release.releaseId}`);
        latest = release;
      },
    },
    openColumns: () => ['name', 'tags', 'amount'],
    freeTextColumns: () => ['name'],
    clock: { now: () => new Date('2026-11-27T08:00:00.123Z') },
  };
  return { deps, objects, writes, latest: () => latest };
}

describe('publishing a dataset release', () => {
  it('writes CSV with a BOM and JSONL of the open columns only, sorted by record id, with their hashes in the manifest', async () => {
    const { deps, objects } = memoryDeps([
      version('b', { name: '乙, "有限"公司', tags: ['罚款', '警告'], amount: 10, secret: 'L4 value' }),
      version('a', { name: '甲', amount: 0 }),
    ]);
    const outcome = await publishDataset(dataset, deps);
    expect(outcome.released).toBe(true);
    const release = outcome.release;
    expect(release.rowCount).toBe(2);
    const csv = objects.get(release.files.find((f) => f.format === 'csv')!.key)!;
    expect(Buffer.from(csv).toString('utf8')).toBe('\uFEFFname,tags,amount\r\n甲,,0\r\n"乙, ""有限""公司",罚款；警告,10\r\n');
    const jsonl = Buffer.from(objects.get(release.files.find((f) => f.format === 'jsonl')!.key)!).toString('utf8');
    expect(jsonl).toBe('{"name":"甲","amount":0}\n{"name":"乙, \\"有限\\"公司","tags":["罚款","警告"],"amount":10}\n');
    expect(jsonl).not.toContain('L4 value');
    const manifest = JSON.parse(Buffer.from(objects.get(release.manifestKey)!).toString('utf8')) as {
      rowCount: number;
      files: { name: string; sha256: string; bytes: number }[];
    };
    expect(manifest.rowCount).toBe(2);
    for (const file of manifest.files) {
      const bytes = objects.get(`${release.manifestKey.replace(/manifest\.json$/, '')}${file.name}`)!;
      expect({ sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length }).toEqual({ sha256: file.sha256, bytes: file.bytes });
    }
  });

  it('moves the latest pointer only after every file and the manifest are written', async () => {
    const { deps, writes } = memoryDeps([version('a', { name: '甲' })]);
    await publishDataset(dataset, deps);
    expect(writes.at(-1)).toMatch(/^pointer:/);
    expect(writes.at(-2)).toMatch(/manifest\.json$/);
  });

  it('makes no release when the content is unchanged, whatever order the SSOT lists it in', async () => {
    const first = memoryDeps([version('a', { name: '甲' }), version('b', { name: '乙' })]);
    await publishDataset(dataset, first.deps);
    const again = await publishDataset(dataset, {
      ...first.deps,
      records: {
        async *listCurrent() {
          yield [version('b', { name: '乙' }), version('a', { name: '甲' })];
        },
      },
    });
    expect(again.released).toBe(false);
  });
});
