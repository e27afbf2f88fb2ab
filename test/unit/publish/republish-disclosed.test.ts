import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { PublishOutcome } from '../../../src/publish/publish-dataset.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { republishDisclosed } from '../../../src/publish/republish-disclosed.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const dataset = (id: string, disclosed: boolean): DatasetConfig => ({
  id,
  ...DATASET_DEFAULTS,
  recordType: 't',
  license: 'CC-BY-4.0',
  ...(disclosed ? { disclosure: { periods: [{ decisionKind: 'penalty' as const, months: 36, rule: 'r', source: 's' }] } } : {}),
});

const release = (datasetId: string, rowCount: number): ReleasePointer => ({
  datasetId,
  releaseId: `${datasetId}-r`,
  createdAt: '2026-12-01T16:05:00.000Z',
  rowCount,
  snapshotHash: 'h',
  manifestKey: 'm',
  files: [],
});

describe('the daily re-evaluation of disclosed datasets', () => {
  it('releases only datasets with disclosure rules, reports unchanged ones, and goes on after a failure', async () => {
    const asked: string[] = [];
    const results = await republishDisclosed(
      [dataset('expiring', true), dataset('plain', false), dataset('broken', true), dataset('same', true)],
      async (d) => {
        asked.push(d.id);
        if (d.id === 'broken') throw new Error('store down');
        const outcome: PublishOutcome =
          d.id === 'same' ? { released: false, reason: 'unchanged', release: release(d.id, 5) } : { released: true, release: release(d.id, 4) };
        return outcome;
      },
    );
    expect(asked).toEqual(['expiring', 'broken', 'same']);
    expect(results).toEqual([
      { datasetId: 'expiring', action: 'published', releaseId: 'expiring-r', rows: 4 },
      { datasetId: 'broken', action: 'failed', error: 'store down' },
      { datasetId: 'same', action: 'unchanged' },
    ]);
  });
});
