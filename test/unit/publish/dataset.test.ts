import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const dataset: DatasetConfig = { id: 'decisions', ...DATASET_DEFAULTS, recordType: 't', license: 'CC-BY-4.0' };

const version = (recordId: string, record: Record<string, unknown>): StoredVersion => storedVersion('t', recordId, record);

function memoryDeps(records: StoredVersion[]) {
  return memoryPublish(records, { startsAt: '2026-11-27T08:00:00.123Z', openColumns: () => ['name', 'tags', 'amount'], freeTextColumns: () => ['name'] });
}

describe('publishing a dataset release', () => {
  it('writes CSV with a BOM and JSONL of the open columns only, sorted by record id, with their hashes in the manifest', async () => {
    const { deps, objects } = memoryDeps([
      version('b', { name: '乙, "有限"公司', tags: ['罚款', '警告'], amount: 10, secret: 'L4 value' }),
      version('a', { name: '甲', amount: 0 }),
    ]);
    const outcome = await publishDataset(dataset, deps);
    expect(outcome.released).toBe(true);
    const release = outcome.release!;
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
