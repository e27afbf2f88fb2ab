import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { freeTextColumns } from '../../../src/app/record-type-rules.js';
import { releasePieces } from '../../../src/app/release-pieces.js';
import { loadDatasets } from '../../../src/config/catalog.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import { releaseFolder } from '../../../src/publish/release-commit.js';
import { SEARCH_INDEX_FILE } from '../../../src/search/index.js';
import { example } from '../../support/record-examples.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';

const { valid } = await loadDatasets('datasets');
const dataset = (id: string) => valid.find((d) => d.id === id)!;

/** Each release of an open dataset carries its own search segment; a restricted dataset's never does. */
describe('the search segment of a release', { timeout: 30_000 }, () => {
  it('is written per release of an open dataset, holding that release’s rows, outside the datapackage', async () => {
    const penalties = dataset('enforcement-decisions');
    const records = [storedVersion('enforcement-decision', 'r1', { ...example('enforcement-decision'), caseName: '恒达纺织案' })];
    const { deps, objects, latest } = memoryPublish(records, { ...releasePieces, freeTextColumns, startsAt: '2026-11-28T08:00:00Z' });
    await publishDataset(penalties, deps);
    const first = latest()!;
    const file = first.files.find((f) => f.name === SEARCH_INDEX_FILE)!;
    expect(file).toMatchObject({
      format: 'search-index',
      mediaType: 'application/gzip',
      key: `${releaseFolder('open', penalties.id, first.releaseId)}/${SEARCH_INDEX_FILE}`,
    });
    const segment = JSON.parse(gunzipSync(objects.get(file.key)!).toString('utf8')) as { docs: { title: string }[] };
    expect(segment.docs.map((d) => d.title)).toEqual(['恒达纺织案']);
    const datapackage = JSON.parse(Buffer.from(objects.get(first.files.find((f) => f.format === 'datapackage')!.key)!).toString('utf8')) as {
      resources: { path: string }[];
    };
    expect(datapackage.resources.map((r) => r.path)).not.toContain(SEARCH_INDEX_FILE);

    records.push(storedVersion('enforcement-decision', 'r2', { ...example('enforcement-decision'), caseName: '明远化工案' }));
    await publishDataset(penalties, { ...deps, clock: { now: () => new Date('2026-11-29T08:00:00Z') } });
    const second = latest()!;
    const next = second.files.find((f) => f.name === SEARCH_INDEX_FILE)!;
    expect(next.key).not.toBe(file.key);
    const again = JSON.parse(gunzipSync(objects.get(next.key)!).toString('utf8')) as { docs: { title: string }[] };
    expect(again.docs.map((d) => d.title)).toEqual(['恒达纺织案', '明远化工案']);
  });

  it('is not written for a restricted dataset', async () => {
    const restricted = dataset('property-rights-transactions-restricted');
    const { deps, objects, latest } = memoryPublish([storedVersion('property-rights-transaction', 'p1', example('property-rights-transaction'))], {
      ...releasePieces,
      freeTextColumns,
      startsAt: '2026-11-28T08:00:00Z',
    });
    expect((await publishDataset(restricted, deps)).released).toBe(true);
    expect(latest()!.files.map((f) => f.name)).not.toContain(SEARCH_INDEX_FILE);
    expect([...objects.keys()].filter((k) => k.includes('search-index'))).toEqual([]);
  });
});
