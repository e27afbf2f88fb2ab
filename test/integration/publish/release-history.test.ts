import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoReleaseCatalog } from '../../../src/aws/dynamo-release-catalog.js';
import { ReleaseConflictError } from '../../../src/ports/index.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';

const release = (datasetId: string, n: number): ReleasePointer => {
  const createdAt = new Date(Date.UTC(2026, 10, 1 + n, 8)).toISOString();
  const releaseId = `${createdAt.replace(/[-:]/g, '').replace('.000Z', '000Z')}-${String(n).padStart(8, '0')}`;
  return {
    datasetId,
    releaseId,
    createdAt,
    rowCount: 100 + n,
    snapshotHash: `h${n}`,
    manifestKey: `open/${datasetId}/${releaseId}/manifest.json`,
    files: [
      {
        name: `${datasetId}.csv`,
        key: `open/${datasetId}/${releaseId}/${datasetId}.csv`,
        format: 'csv',
        mediaType: 'text/csv; charset=utf-8',
        bytes: n,
        sha256: 'x',
      },
    ],
  };
};

describe('release history on DynamoDB Local', () => {
  let catalog: DynamoReleaseCatalog;
  beforeAll(async () => {
    const { clients, config } = await useSharedAws();
    catalog = new DynamoReleaseCatalog(clients.doc, config.resources.table('state'));
  });

  it('lists a dataset’s releases newest first, page by page, while latest stays the last committed one', async () => {
    const dataset = `history-${uniqueSuffix()}`;
    const releases = Array.from({ length: 7 }, (_, i) => release(dataset, i));
    let previous: string | undefined;
    for (const r of releases) {
      await catalog.commit(r, previous);
      previous = r.releaseId;
    }
    // Another dataset's releases do not show.
    await catalog.commit(release(`${dataset}-other`, 0), undefined);

    const first = await catalog.history(dataset, { limit: 3 });
    expect(first.releases.map((r) => r.rowCount)).toEqual([106, 105, 104]);
    expect(first.next).toBe(releases[4]!.releaseId);
    const second = await catalog.history(dataset, { limit: 3, after: first.next });
    expect(second.releases.map((r) => r.rowCount)).toEqual([103, 102, 101]);
    const third = await catalog.history(dataset, { limit: 3, after: second.next });
    expect(third.releases.map((r) => r.rowCount)).toEqual([100]);
    expect(third.next).toBeUndefined();
    // Each entry is the release as committed: id, creation, rows, files.
    expect(first.releases[0]).toEqual(releases[6]);

    expect((await catalog.history(dataset)).releases).toHaveLength(7);
    expect((await catalog.latest(dataset))?.releaseId).toBe(releases[6]!.releaseId);
    expect(await catalog.countReleases(dataset)).toBe(7);
  });

  it('a commit that loses the race adds nothing to the history', async () => {
    const dataset = `history-${uniqueSuffix()}`;
    await catalog.commit(release(dataset, 0), undefined);
    await catalog.commit(release(dataset, 1), release(dataset, 0).releaseId);
    await expect(catalog.commit(release(dataset, 2), release(dataset, 0).releaseId)).rejects.toThrow(ReleaseConflictError);
    expect((await catalog.history(dataset)).releases.map((r) => r.rowCount)).toEqual([101, 100]);
  });

  it('an unknown dataset has an empty history; a bad limit is refused', async () => {
    expect(await catalog.history(`none-${uniqueSuffix()}`)).toEqual({ releases: [] });
    await expect(catalog.history('x', { limit: 0 })).rejects.toThrow('limit must be a positive integer');
  });
});
