import { describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/app.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { testApiDeps } from '../../support/api-deps.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const penalties: DatasetConfig = { ...DATASET_DEFAULTS, id: 'penalties', recordType: 'enforcement-decision', fields: ['decisionNumber'] };

const releaseOf = (n: number, extra: Partial<ReleasePointer> = {}): ReleasePointer => ({
  datasetId: 'penalties',
  releaseId: `2026120${n}T000000000Z-abcdef1${n}`,
  createdAt: `2026-12-0${n}T00:00:00.000Z`,
  rowCount: 100 * n,
  snapshotHash: `h${n}`,
  manifestKey: `open/penalties/${n}/manifest.json`,
  files: [{ name: 'penalties.csv', key: `open/penalties/${n}/penalties.csv`, format: 'csv', mediaType: 'text/csv', bytes: n, sha256: 'a'.repeat(64) }],
  ...extra,
});

const REASON = '14 normalize messages in flight';
/** Release 1 final, release 2 provisional and superseded by release 3 (final), release 4 provisional and latest. */
const HISTORY = [
  releaseOf(4, { provisional: true, provisionalReason: REASON }),
  releaseOf(3, { supersedes: releaseOf(2).releaseId }),
  releaseOf(2, { provisional: true, provisionalReason: 'a run of sgs-penalties in flight', supersededBy: releaseOf(3).releaseId }),
  releaseOf(1),
];

function api(history: readonly ReleasePointer[] = HISTORY) {
  return createApi(
    testApiDeps({
      datasets: async () => [penalties],
      latestRelease: async () => history[0],
      releaseHistory: async () => ({ releases: history }),
      category: () => 'open',
      now: () => new Date('2026-12-05T00:00:00Z'),
    }),
  );
}

const json = async (path: string, history?: readonly ReleasePointer[]) => {
  const response = await api(history).request(path);
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
};

describe('a provisional latest release in the catalog', () => {
  it('is flagged provisional with its reason on the dataset, the newest final release beside it with pinned files', async () => {
    const body = await json('/v1/datasets/penalties');
    expect(body.latestRelease).toMatchObject({ id: HISTORY[0]!.releaseId, provisional: true, provisionalReason: REASON });
    expect(body.latestFinalRelease).toMatchObject({
      id: releaseOf(3).releaseId,
      rowCount: 300,
      files: [{ url: `https://data.example/v1/datasets/penalties/download?format=csv&release=${releaseOf(3).releaseId}` }],
    });
    const list = (await json('/v1/datasets')) as { datasets: { latestRelease: { provisional: boolean } }[] };
    expect(list.datasets[0]!.latestRelease.provisional).toBe(true);
  });

  it('says a final latest release is final, with no final release beside it', async () => {
    const body = await json('/v1/datasets/penalties', HISTORY.slice(1));
    expect(body.latestRelease).toMatchObject({ id: releaseOf(3).releaseId, provisional: false });
    expect(body).not.toHaveProperty('latestFinalRelease');
  });

  it('lists each release as final or provisional, a superseded one with what superseded it', async () => {
    const { releases } = (await json('/v1/datasets/penalties/releases')) as { releases: Record<string, unknown>[] };
    expect(releases.map((r) => r.provisional)).toEqual([true, false, true, false]);
    expect(releases[2]).toMatchObject({ supersededBy: releaseOf(3).releaseId });
  });

  it('shows CKAN the release status in the extras and on every resource, with the last final release', async () => {
    const show = async (history?: readonly ReleasePointer[]) =>
      (
        (await json('/api/3/action/package_show?id=penalties', history)) as {
          result: { extras: { key: string; value: string }[]; resources: { release_status: string }[] };
        }
      ).result;
    const result = await show();
    expect(result.extras).toEqual(
      expect.arrayContaining([
        { key: 'release_status', value: 'provisional' },
        { key: 'provisional_reason', value: REASON },
        { key: 'last_final_release', value: releaseOf(3).releaseId },
      ]),
    );
    expect(result.resources.map((r) => r.release_status)).toEqual(['provisional']);
    const final = await show(HISTORY.slice(1));
    expect(final.extras).toEqual(expect.arrayContaining([{ key: 'release_status', value: 'final' }]));
    expect(final.extras.map((e) => e.key)).not.toContain('last_final_release');
  });

  it('marks DCAT-AP distributions under development and says provisional in DCAT-AP and data.json', async () => {
    const graph = JSON.stringify(await json('/catalog.jsonld'));
    expect(graph).toContain('distribution-status/DEVELOP');
    expect(graph).toContain('provisional: cut while records were still being processed');
    const dataJson = JSON.stringify(await json('/data.json'));
    expect(dataJson).toContain('provisional');
    const finalGraph = JSON.stringify(await json('/catalog.jsonld', HISTORY.slice(1)));
    expect(finalGraph).not.toContain('distribution-status/DEVELOP');
  });
});
