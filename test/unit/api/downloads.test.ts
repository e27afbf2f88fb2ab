import { testApiDeps } from '../../support/api-deps.js';
import { describe, expect, it } from 'vitest';
import { createApi, type ApiDeps } from '../../../src/api/app.js';
import type { describeDataset } from '../../../src/api/describe-dataset.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { ObjectStream } from '../../../src/ports/index.js';
import { releaseQualityObserver } from '../../../src/publish/release-quality.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import type { DownloadFormat } from '../../../src/api/release-formats.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';

const open = {
  ...DATASET_DEFAULTS,
  id: 'penalties',
  recordType: 'enforcement-decision',
  fields: ['decisionNumber', 'partyName'],
  title: { zh: '行政处罚决定公示', en: 'Administrative penalty decisions' },
  updateFrequency: 'weekly',
  theme: 'JUST',
} satisfies DatasetConfig;
const restricted = {
  ...open,
  id: 'transactions',
  title: { zh: '产权交易结果', en: 'Property-rights results' },
  grades: { partyName: 'L2' },
} satisfies DatasetConfig;

/** A catalog entry as the API answers it. */
type Described = ReturnType<typeof describeDataset> & { latestRelease: { quality: { overdueNow: boolean } } };

const FORMATS: readonly DownloadFormat[] = ['csv', 'csv-en', 'jsonl', 'parquet', 'xlsx'];
const NAMES: Record<DownloadFormat, string> = { csv: 'x.csv', 'csv-en': 'x.en.csv', jsonl: 'x.jsonl', parquet: 'x.parquet', xlsx: 'x.xlsx' };

const quality = (() => {
  const observer = releaseQualityObserver(open);
  observer.observe({ decisionNumber: 'A' }, '2026-11-30T00:00:00.000Z');
  return observer.result({ now: new Date('2026-12-01T00:00:00.000Z'), validity: { valid: 9, quarantined: 1 } });
})();

const release = (datasetId: string, overrides: Partial<ReleasePointer> = {}): ReleasePointer => ({
  datasetId,
  releaseId: '20261201T000000000Z-abcdef12',
  createdAt: '2026-12-01T00:00:00.000Z',
  rowCount: 1,
  snapshotHash: 'h',
  manifestKey: `open/${datasetId}/r/manifest.json`,
  files: FORMATS.map((format) => ({
    name: NAMES[format].replace('x', datasetId),
    key: `open/${datasetId}/r/${NAMES[format]}`,
    format,
    mediaType: 'application/octet-stream',
    bytes: 6,
    sha256: `sha-${format}`,
  })),
  quality,
  ...overrides,
});

/** An object store whose bodies are streams; `reads` counts what was opened. */
function streamingStore(objects: Record<string, string>) {
  const reads: string[] = [];
  const store: ApiDeps['open'] = {
    getStream: async (key): Promise<ObjectStream | undefined> => {
      if (!(key in objects)) return undefined;
      reads.push(key);
      return { body: new Blob([objects[key]!]).stream(), contentLength: Buffer.byteLength(objects[key]!) };
    },
  };
  return { store, reads };
}

function api(overrides: Partial<ApiDeps> = {}) {
  const objects = Object.fromEntries(FORMATS.map((f) => [`open/penalties/r/${NAMES[f]}`, `${f}-body`.padEnd(6, '.')]));
  const { store, reads } = streamingStore(objects);
  const app = createApi(
    testApiDeps({
      datasets: async () => [open, restricted],
      latestRelease: async (id) => release(id),
      open: store,
      now: () => new Date('2026-12-20T00:00:00.000Z'),
      ...overrides,
    }),
  );
  return { app, reads };
}

describe('the catalog', () => {
  it('lists every format of the latest release with its media type and shows title, category, 更新频率, theme, contact', async () => {
    const body = (await (await api().app.request('https://data.example/v1/datasets/penalties')).json()) as Described;
    expect(body).toMatchObject({
      id: 'penalties',
      title: { zh: '行政处罚决定公示', en: 'Administrative penalty decisions' },
      category: 'open',
      categoryLabel: '无条件开放',
      updateFrequency: 'weekly',
      theme: 'JUST',
      contactPoint: { name: '开放数据窗口', email: 'opendata@sx.gov.cn' },
    });
    expect(body.latestRelease.files.map((f) => [f.format, f.mediaType])).toEqual([
      ['csv', 'text/csv; charset=utf-8'],
      ['csv-en', 'text/csv; charset=utf-8'],
      ['jsonl', 'application/x-ndjson'],
      ['parquet', 'application/vnd.apache.parquet'],
      ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    expect(body.latestRelease.files[3]?.url).toBe('https://data.example/v1/datasets/penalties/download?format=parquet');
  });

  it('exposes the release quality and whether the dataset is overdue now', async () => {
    const body = (await (await api().app.request('/v1/datasets/penalties')).json()) as Described;
    expect(body.latestRelease.quality).toMatchObject({ validity: { rate: 0.9 }, completeness: { decisionNumber: 1, partyName: 0 } });
    // Fresh when built (a day old), overdue by 2026-12-20 for a weekly dataset.
    expect(body.latestRelease.quality.freshness.overdue).toBe(false);
    expect(body.latestRelease.quality.overdueNow).toBe(true);
  });

  it('marks a restricted dataset’s files as needing a grant', async () => {
    const list = (await (await api().app.request('/v1/datasets')).json()) as { datasets: Described[] };
    const shown = list.datasets.find((d) => d.id === 'transactions')!;
    expect(shown).toMatchObject({ category: 'restricted', categoryLabel: '受限开放' });
    expect(shown.latestRelease.files.every((f) => 'access' in f && f.access === 'grant-required')).toBe(true);
    expect((list.datasets.find((d) => d.id === 'penalties')!.latestRelease.files[0] as { access?: string }).access).toBeUndefined();
  });
});

describe('downloads', () => {
  it.each(FORMATS.map((f) => [f] as const))('serves %s as a stream with its media type', async (format) => {
    const { app, reads } = api();
    const response = await app.request(`/v1/datasets/penalties/download?format=${format}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      {
        csv: 'text/csv; charset=utf-8',
        'csv-en': 'text/csv; charset=utf-8',
        jsonl: 'application/x-ndjson',
        parquet: 'application/vnd.apache.parquet',
        xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      }[format],
    );
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${NAMES[format].replace('x', 'penalties')}"`);
    expect(response.headers.get('etag')).toBe(`"sha-${format}"`);
    expect(response.body).toBeInstanceOf(ReadableStream);
    expect(await response.text()).toBe(`${format}-body`.padEnd(6, '.'));
    expect(reads).toEqual([`open/penalties/r/${NAMES[format]}`]);
  });

  it('answers 304 to a matching If-None-Match without opening the object', async () => {
    const { app, reads } = api();
    const response = await app.request('/v1/datasets/penalties/download?format=jsonl', { headers: { 'if-none-match': '"sha-jsonl"' } });
    expect(response.status).toBe(304);
    expect(reads).toEqual([]);
  });

  it('refuses a restricted dataset’s files with a bilingual 403 that says a grant is required', async () => {
    const { app, reads } = api();
    const response = await app.request('/v1/datasets/transactions/download?format=csv');
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: '/problems/grant-required',
      title: '需经授权 / Grant Required',
      status: 403,
      detail:
        '数据集“产权交易结果”为受限开放数据，须经审批授权方可访问 / dataset "transactions" is restricted (受限开放): its rows are served only under an approved grant',
      instance: '/v1/datasets/transactions/download',
    });
    expect(reads).toEqual([]);
  });

  it('refuses a release built as restricted even if the dataset is open now', async () => {
    const { app } = api({ latestRelease: async (id) => release(id, { category: 'restricted' }) });
    expect((await app.request('/v1/datasets/penalties/download?format=csv')).status).toBe(403);
  });

  it('names the parameter for an unknown format, 404s a format the release lacks, 503s a missing object', async () => {
    const bad = await api().app.request('/v1/datasets/penalties/download?format=pdf');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { invalidParams: unknown }).invalidParams).toEqual([
      { name: 'format', reason: 'must be one of csv, csv-en, jsonl, parquet, xlsx; got "pdf"' },
    ]);
    const onlyCsv = api({ latestRelease: async (id) => ({ ...release(id), files: release(id).files.slice(0, 1) }) });
    expect((await onlyCsv.app.request('/v1/datasets/penalties/download?format=xlsx')).status).toBe(404);
    const gone = api({ open: { getStream: async () => undefined } });
    const unavailable = await gone.app.request('/v1/datasets/penalties/download?format=csv');
    expect(unavailable.status).toBe(503);
    expect(await unavailable.text()).not.toContain('open/penalties');
  });
});
