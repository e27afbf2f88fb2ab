import { describe, expect, it } from 'vitest';
import { releasePieces } from '../../../src/app/release-pieces.js';
import { freeTextColumns } from '../../../src/app/record-type-rules.js';
import { loadDatasets } from '../../../src/config/catalog.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import { example, type ExampleTypeName } from '../../support/record-examples.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';

/** Every dataset of the repository, through the wired release pieces, from one valid record of its type. */
describe('the wired release pieces publish every dataset of the repository', async () => {
  const { valid } = await loadDatasets('datasets');
  it.each(valid.map((d) => [d.id, d] as const))('%s', async (_id, dataset) => {
    const record = { ...example(dataset.recordType as ExampleTypeName), ...(dataset.filter ?? {}) };
    const stored = storedVersion(dataset.recordType, 'r1', record, '2026-11-27T00:00:00Z');
    const { deps } = memoryPublish([stored], { ...releasePieces, freeTextColumns, startsAt: '2026-11-28T08:00:00Z' });
    const outcome = await publishDataset(dataset, deps);
    expect(outcome.released ? 'released' : outcome.reason === 'refused' ? outcome.error : outcome.reason).toBe('released');
  });
});
