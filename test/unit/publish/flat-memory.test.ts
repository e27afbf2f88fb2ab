import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import type { ReleaseFileWriter } from '../../../src/publish/release-columns.js';
import type { StoredVersion } from '../../../src/ssot/model.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapAfterGc = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const ROWS = 200_000;
const MB = 1024 * 1024;
const dataset: DatasetConfig = { id: 'big', ...DATASET_DEFAULTS, recordType: 't' };
const idOf = (i: number) => `r${String(i).padStart(7, '0')}`;
// Some 500 bytes a row with its objects: 200,000 rows held at once would be some 100 MB more heap.
const filler = '行政处罚决定书内容'.repeat(15);
const versionOf = (i: number, edit = ''): StoredVersion => storedVersion('t', idOf(i), { name: `${idOf(i)}${edit}`, text: `${filler}${i}` });

/** A type of ROWS records, generated page by page in id order: the source itself holds none of them. */
async function* generated(): AsyncGenerator<StoredVersion[]> {
  for (let start = 0; start < ROWS; start += 1000) yield Array.from({ length: Math.min(1000, ROWS - start) }, (_, k) => versionOf(start + k));
}

/** A writer that keeps nothing, and measures the heap (after a collection) every 20,000 rows. */
function measuringWriter(peaks: number[]): ReleaseFileWriter {
  let rows = 0;
  return {
    format: 'jsonl',
    name: 'big.jsonl',
    mediaType: 'application/x-ndjson',
    write: async () => {
      rows += 1;
      if (rows % 20_000 === 0) peaks.push(heapAfterGc());
    },
    close: async () => ({ path: '/dev/null', bytes: rows, sha256: String(rows) }),
  };
}

describe('memory of a release build', () => {
  it('stays flat with the number of rows, in a full build and in an incremental one over its state', { timeout: 300_000 }, async () => {
    const peaks: number[] = [];
    const changed = [5, ROWS - 10].map((i) => ({ ...versionOf(i, '（变更）'), version: 2 }));
    const memory = memoryPublish([], {
      openColumns: () => ['name', 'text'],
      records: {
        listCurrent: generated,
        // Listed from the beginning, the whole type: more than a change read holds, so the full build streams the listing.
        async *changedSince(_type, since) {
          if (since.getTime() === 0) for await (const page of generated()) yield page.map((v) => ({ id: v.recordId, version: v.version }));
          else yield changed.map((v) => ({ id: v.recordId, version: v.version }));
        },
        readCurrent: async (_type, ids) => changed.filter((v) => ids.includes(v.recordId)),
      },
      writers: () => [measuringWriter(peaks)],
    });
    const baseline = heapAfterGc();
    const full = await publishDataset(dataset, memory.deps);
    expect(full.release!.rowCount).toBe(ROWS);
    memory.at('2026-11-27T09:00:00Z');
    const incremental = await publishDataset(dataset, memory.deps);
    expect(incremental.release!.rowCount).toBe(ROWS);
    const changes = Buffer.from(memory.objects.get(incremental.release!.files.find((f) => f.format === 'changes')!.key)!).toString('utf8');
    expect(changes.trim().split('\n')).toHaveLength(2);
    expect(peaks).toHaveLength(2 * (ROWS / 20_000));
    // Loose on purpose (one state part and the sort buffer are held): a build that held its rows would grow by some 100 MB.
    expect(Math.max(...peaks) - baseline).toBeLessThan(32 * MB);
  });
});
