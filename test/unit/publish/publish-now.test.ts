import { describe, expect, it } from 'vitest';
import { datasetOverview } from '../../../src/publish/dataset-overview.js';
import { requestPublish, waitForReleases } from '../../../src/publish/publish-now.js';
import { releaseQualityObserver } from '../../../src/publish/release-quality.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const pointer = (datasetId: string, releaseId: string, extra: Partial<ReleasePointer> = {}): ReleasePointer => ({
  datasetId,
  releaseId,
  createdAt: '2026-12-01T00:00:00.000Z',
  rowCount: 3,
  snapshotHash: releaseId,
  manifestKey: 'm',
  files: [],
  ...extra,
});

describe('publish now', () => {
  it('sends the route stage’s request, one per dataset, stamped now', async () => {
    const sent: string[] = [];
    await requestPublish({ send: async (bodies) => void sent.push(...bodies) }, ['a', 'b'], new Date('2026-12-01T10:00:00.000Z'));
    expect(sent.map((b) => JSON.parse(b) as unknown)).toEqual([
      { kind: 'publish-dataset', datasetId: 'a', requestedAt: '2026-12-01T10:00:00.000Z' },
      { kind: 'publish-dataset', datasetId: 'b', requestedAt: '2026-12-01T10:00:00.000Z' },
    ]);
  });

  it('waits until each latest pointer moves; one that never moves is reported with the release it stayed at', async () => {
    let polls = 0;
    const latest = async (id: string) =>
      id === 'moves' && polls >= 2 ? pointer(id, 'r2') : id === 'new' && polls >= 1 ? pointer(id, 'n1') : id === 'new' ? undefined : pointer(id, 'r1');
    let elapsed = 0;
    const outcomes = await waitForReleases(
      latest,
      new Map([
        ['moves', 'r1'],
        ['new', undefined],
        ['stays', 'r1'],
      ]),
      {
        timeoutMs: 5000,
        pollMs: 1000,
        elapsedMs: () => elapsed,
        sleep: async (ms) => {
          polls += 1;
          elapsed += ms;
        },
      },
    );
    expect(outcomes).toEqual([
      { datasetId: 'moves', outcome: 'released', release: pointer('moves', 'r2') },
      { datasetId: 'new', outcome: 'released', release: pointer('new', 'n1') },
      { datasetId: 'stays', outcome: 'no-new-release', latest: 'r1' },
    ]);
    expect(elapsed).toBe(5000);
  });

  it('stops polling as soon as every pointer moved', async () => {
    let sleeps = 0;
    const outcomes = await waitForReleases(async (id) => pointer(id, 'r2'), new Map([['a', 'r1']]), {
      timeoutMs: 60_000,
      pollMs: 1000,
      elapsedMs: () => 0,
      sleep: async () => void (sleeps += 1),
    });
    expect(outcomes[0]?.outcome).toBe('released');
    expect(sleeps).toBe(0);
  });
});

describe('a dataset’s overview line', () => {
  const dataset = { ...DATASET_DEFAULTS, id: 'penalties', recordType: 'enforcement-decision', fields: ['decisionNumber'], updateFrequency: 'daily' as const };
  const now = new Date('2026-12-10T00:00:00.000Z');

  it('shows category, latest release, rows, validity and overdue as of now', () => {
    const observer = releaseQualityObserver(dataset);
    observer.observe({ decisionNumber: 'A' }, '2026-12-01T00:00:00.000Z');
    const quality = observer.result({ now: new Date('2026-12-01T01:00:00.000Z'), validity: { valid: 3, quarantined: 1 } });
    expect(datasetOverview(dataset, pointer('penalties', 'r9', { quality }), () => 'open', now)).toEqual({
      id: 'penalties',
      title: '测试数据集',
      recordType: 'enforcement-decision',
      category: 'open',
      categoryLabel: '无条件开放',
      latestRelease: 'r9',
      createdAt: '2026-12-01T00:00:00.000Z',
      rowCount: 3,
      validityRate: 0.75,
      overdue: true,
    });
  });

  it('a dataset without releases or with a grading problem still gets its line', () => {
    const overview = datasetOverview(
      dataset,
      undefined,
      () => {
        throw new Error('dataset penalties: field x is graded L4');
      },
      now,
    );
    expect(overview).toMatchObject({
      category: 'invalid',
      latestRelease: null,
      rowCount: null,
      overdue: false,
      problem: 'dataset penalties: field x is graded L4',
    });
    expect(datasetOverview(dataset, undefined, () => 'restricted', now).categoryLabel).toBe('受限开放');
  });
});
