import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { GateFile } from '../../../src/publish/gate/report.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import { DeadlineError } from '../../../src/util/deadline.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';

const dataset: DatasetConfig = { id: 'decisions', ...DATASET_DEFAULTS, recordType: 't' };
const version = (recordId: string, name: string): StoredVersion => storedVersion('t', recordId, { name });

/** A release of two records, then a change whose publishing the test breaks. */
async function afterFirstRelease() {
  const records = [version('a', '甲'), version('b', '乙')];
  const memory = memoryPublish(records, { openColumns: () => ['name'] });
  const first = await publishDataset(dataset, memory.deps);
  records[1] = version('b', '乙（变更）');
  memory.at('2026-11-28T08:00:00Z');
  return { ...memory, first: first.release!, records };
}

describe('atomic visibility of a release', () => {
  it('puts files under open/<dataset>/<release>/, the manifest after every file and the state, the pointer last', async () => {
    const w = await afterFirstRelease();
    expect(w.first.manifestKey).toBe(`open/decisions/${w.first.releaseId}/manifest.json`);
    expect(w.first.files.map((f) => f.key)).toEqual(
      ['decisions.csv', 'decisions.jsonl', 'changes.jsonl'].map((n) => `open/decisions/${w.first.releaseId}/${n}`),
    );
    const own = w.writes.slice(0, w.writes.indexOf(`pointer:${w.first.releaseId}`) + 1);
    expect(own.at(-2)).toBe(w.first.manifestKey);
    expect(own.filter((key) => key.startsWith('state/')).length).toBeGreaterThan(0);
    // The private state is in no public file list.
    expect(w.first.files.some((f) => f.key.startsWith('state/'))).toBe(false);
  });

  for (const [what, breakAt] of [
    ['the third file upload', { putFile: 3 }],
    ['the manifest', { put: 'manifest.json' }],
  ] as const) {
    it(`a crash at ${what} leaves the previous release latest and nothing of the new one referenced`, async () => {
      const w = await afterFirstRelease();
      const before = new Set(w.objects.keys());
      let uploads = 0;
      const open = w.deps.open;
      const broken = {
        ...w.deps,
        open: {
          ...open,
          putFile: async (key: string, path: string) => {
            uploads += 1;
            if ('putFile' in breakAt && uploads === breakAt.putFile) throw new Error('connection reset');
            return open.putFile(key, path);
          },
          put: async (key: string, body: Uint8Array | string) => {
            if ('put' in breakAt && key.endsWith(breakAt.put)) throw new Error('connection reset');
            return open.put(key, body);
          },
        },
      };
      await expect(publishDataset(dataset, broken)).rejects.toThrow('connection reset');
      expect(w.latest()).toEqual(w.first);
      // What was uploaded before the crash lies under the new release's folders, named by no pointer or manifest.
      const added = [...w.objects.keys()].filter((key) => !before.has(key));
      expect(added.every((key) => !key.includes(w.first.releaseId))).toBe(true);
      expect(added.some((key) => key.endsWith('manifest.json'))).toBe(false);
      // The next attempt publishes the change in full, built from the previous release still.
      const retry = await publishDataset(dataset, w.deps);
      expect(retry).toMatchObject({ released: true });
      const manifest = JSON.parse(Buffer.from(w.objects.get(retry.release!.manifestKey)!).toString('utf8')) as { previousRelease: string };
      expect(manifest.previousRelease).toBe(w.first.releaseId);
    });
  }

  it('a release the gate refuses uploads nothing, leaves the previous latest, and names file, row and column', async () => {
    const w = await afterFirstRelease();
    const before = [...w.writes];
    const scanned: string[] = [];
    const gate = async (files: readonly GateFile[]) => {
      // The gate reads the finished local files, before anything of the release is uploaded.
      for (const file of files) scanned.push(`${file.format}:${(await readFile(file.path, 'utf8')).includes('乙（变更）')}`);
      return { passed: false, findings: [{ file: 'decisions.csv', row: 2, column: 'name', kind: 'mobile', detail: '138****' }] };
    };
    const outcome = await publishDataset(dataset, { ...w.deps, gate });
    expect(scanned).toEqual(['csv:true', 'jsonl:true']);
    expect(outcome).toMatchObject({ released: false, reason: 'refused', release: w.first, findings: [expect.objectContaining({ row: 2 })] });
    expect(outcome.released === false && outcome.reason === 'refused' && outcome.error).toContain('decisions.csv row 2 column name: mobile');
    expect(w.writes).toEqual(before);
    expect(w.latest()).toEqual(w.first);
  });

  it('a release the gate passes is published', async () => {
    const w = await afterFirstRelease();
    const outcome = await publishDataset(dataset, { ...w.deps, gate: async () => ({ passed: true, findings: [] }) });
    expect(outcome.released).toBe(true);
    expect(w.latest()!.releaseId).toBe(outcome.release!.releaseId);
  });

  it('a build stopped at the deadline uploads nothing and leaves the previous release latest', async () => {
    const w = await afterFirstRelease();
    const before = [...w.writes];
    const deadline = new AbortController();
    // The deadline comes while the build reads: the first row's judging aborts it.
    const project = (d: DatasetConfig) => {
      const rows = w.deps.project(d);
      return (record: Readonly<Record<string, unknown>>) => {
        deadline.abort(new DeadlineError("stopped 30 s before the function's deadline"));
        return rows(record);
      };
    };
    await expect(publishDataset(dataset, { ...w.deps, project }, { signal: deadline.signal })).rejects.toThrow(DeadlineError);
    expect(w.writes).toEqual(before);
    expect(w.latest()).toEqual(w.first);
  });
});
