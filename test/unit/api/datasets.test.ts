import { describe, expect, it } from 'vitest';
import { createApi, type ApiDeps } from '../../../src/api/app.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { ReleaseHistoryQuery } from '../../../src/ports/release-catalog.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { testApiDeps } from '../../support/api-deps.js';

const dataset = (id: string, extra: Partial<DatasetConfig> = {}): DatasetConfig => ({
  ...DATASET_DEFAULTS,
  id,
  recordType: 'enforcement-decision',
  fields: ['decisionNumber'],
  ...extra,
});

const CATALOG: readonly DatasetConfig[] = [
  dataset('penalties', { title: { zh: '行政处罚决定公示', en: 'Administrative penalty decisions' }, theme: 'JUST', keywords: ['双公示'] }),
  dataset('licences', { title: { zh: '行政许可决定', en: 'Administrative licences' }, theme: 'GOVE', publisher: '市市场监督管理局' }),
  dataset('transactions', { title: { zh: '产权交易结果', en: 'Property-rights results' }, theme: 'ECON', grades: { decisionNumber: 'L2' } }),
  ...Array.from({ length: 22 }, (_, i) => dataset(`bulk-${String(i).padStart(2, '0')}`, { title: { zh: `批量数据 ${i}`, en: `Bulk ${i}` } })),
];

const releaseOf = (datasetId: string, n: number): ReleasePointer => ({
  datasetId,
  releaseId: `2026120${n}T000000000Z-abcdef1${n}`,
  createdAt: `2026-12-0${n}T00:00:00.000Z`,
  rowCount: n,
  snapshotHash: 'h',
  manifestKey: `open/${datasetId}/${n}/manifest.json`,
  files: [{ name: `${datasetId}.csv`, key: `open/${datasetId}/${n}/x.csv`, format: 'csv', mediaType: 'text/csv', bytes: 1, sha256: `s${n}` }],
});
/** Three releases of every dataset, newest first. */
const HISTORY = [3, 2, 1];

function api(overrides: Partial<ApiDeps> = {}) {
  const historyAsked: ReleaseHistoryQuery[] = [];
  const app = createApi(
    testApiDeps({
      datasets: async () => CATALOG,
      latestRelease: async (id) => releaseOf(id, 3),
      releaseHistory: async (id, page = {}) => {
        historyAsked.push(page);
        const all = HISTORY.map((n) => releaseOf(id, n));
        const start = page.after ? all.findIndex((r) => r.releaseId === page.after) + 1 : 0;
        const releases = all.slice(start, start + (page.limit ?? 20));
        const last = releases.at(-1);
        return { releases, ...(last && last !== all.at(-1) ? { next: last.releaseId } : {}) };
      },
      ...overrides,
    }),
  );
  return { app, historyAsked };
}

interface Page {
  count: number;
  datasets: { id: string; grade: string; category: string; latestRelease: { id: string } | null }[];
  next?: string;
}
const get = async (path: string, init: RequestInit = {}) => {
  const response = await api().app.request(path, init);
  return { response, body: (await response.json()) as Page & Record<string, unknown> };
};

describe('GET /v1/datasets', () => {
  it('pages 20 by default with an absolute next link, and the count of every match', async () => {
    const { response, body } = await get('/v1/datasets');
    expect(response.status).toBe(200);
    expect(body.count).toBe(25);
    expect(body.datasets).toHaveLength(20);
    expect(body.next).toMatch(/^https:\/\/data\.example\/v1\/datasets\?cursor=[A-Za-z0-9_-]+$/);
    const rest = (await (await api().app.request(body.next!)).json()) as Page;
    expect(rest.count).toBe(25);
    expect(rest.datasets).toHaveLength(5);
    expect(rest.next).toBeUndefined();
    const ids = [...body.datasets, ...rest.datasets].map((d) => d.id);
    expect(new Set(ids).size).toBe(25);
  });

  it('keeps the filters in the next link', async () => {
    const { body } = await get('/v1/datasets?q=bulk&limit=10');
    expect(body.count).toBe(22);
    const next = new URL(body.next!);
    expect(next.searchParams.get('q')).toBe('bulk');
    expect(next.searchParams.get('limit')).toBe('10');
  });

  it.each([
    ['q=处罚', ['penalties']],
    ['q=双公示', ['penalties']],
    ['q=ADMINISTRATIVE', ['licences', 'penalties']],
    ['q=市场监督', ['licences']],
    ['q=行政 许可', ['licences']],
    ['q=transactions', ['transactions']],
    ['theme=JUST', ['penalties']],
    ['category=restricted', ['transactions']],
    ['category=open&theme=ECON', []],
  ])('filters by %s', async (query, ids) => {
    const { body } = await get(`/v1/datasets?${query}`);
    expect(body.datasets.map((d) => d.id)).toEqual(ids);
    expect(body.count).toBe(ids.length);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=abc', 'limit'],
    ['cursor=nonsense', 'cursor'],
    ['theme=SPORT', 'theme'],
    ['category=secret', 'category'],
    ['sort=title', 'sort'],
  ])('refuses %s with a 400 naming %s', async (query, name) => {
    const { response, body } = await get(`/v1/datasets?${query}`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(body.invalidParams).toEqual([{ name, reason: expect.any(String) }]);
    expect(body.detail).toContain(`“${name}”`);
    expect(body.detail).toContain(`"${name}"`);
  });

  it('shows each dataset’s grade: the highest of its released fields', async () => {
    const { body } = await get('/v1/datasets?q=产权');
    expect(body.datasets[0]).toMatchObject({ id: 'transactions', grade: 'L2', category: 'restricted' });
    const open = await get('/v1/datasets?q=penalties');
    expect(open.body.datasets[0]).toMatchObject({ grade: 'L1', category: 'open' });
  });
});

describe('GET /v1/datasets/{id}', () => {
  it('answers the dataset with its grade, Last-Modified from the latest release and the metadata cache policy', async () => {
    const { response, body } = await get('/v1/datasets/penalties');
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ id: 'penalties', grade: 'L1', latestRelease: { id: releaseOf('penalties', 3).releaseId } });
    expect(response.headers.get('last-modified')).toBe('Thu, 03 Dec 2026 00:00:00 GMT');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    expect(response.headers.get('etag')).toMatch(/^W\//);
  });

  it('404s an unknown dataset in both languages, and 400s a parameter it does not take', async () => {
    const missing = await get('/v1/datasets/nope');
    expect(missing.response.status).toBe(404);
    expect(missing.body.detail).toBe('没有数据集“nope” / no dataset "nope"');
    expect((await get('/v1/datasets/penalties?format=csv')).response.status).toBe(400);
  });
});

describe('GET /v1/datasets/{id}/releases', () => {
  it('pages the release history newest first, each release with its pinned download links', async () => {
    const { app, historyAsked } = api();
    const first = await app.request('/v1/datasets/penalties/releases?limit=2');
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
    expect(first.headers.get('etag')).toMatch(/^W\//);
    expect(first.headers.get('last-modified')).toBe('Thu, 03 Dec 2026 00:00:00 GMT');
    const body = (await first.json()) as { releases: { id: string; category: string; files: { url: string }[] }[]; next: string };
    expect(body.releases.map((r) => r.id)).toEqual([releaseOf('x', 3).releaseId, releaseOf('x', 2).releaseId]);
    expect(body.releases[0]).toMatchObject({ createdAt: '2026-12-03T00:00:00.000Z', rowCount: 3, category: 'open' });
    expect(body.releases[1]!.files[0]!.url).toBe(`https://data.example/v1/datasets/penalties/download?format=csv&release=${releaseOf('x', 2).releaseId}`);
    expect(body.next).toMatch(/^https:\/\/data\.example\/v1\/datasets\/penalties\/releases\?limit=2&cursor=/);
    const second = (await (await app.request(body.next)).json()) as { releases: { id: string }[]; next?: string };
    expect(second.releases.map((r) => r.id)).toEqual([releaseOf('x', 1).releaseId]);
    expect(second.next).toBeUndefined();
    expect(historyAsked).toEqual([{ limit: 2 }, { limit: 2, after: releaseOf('x', 2).releaseId }]);
  });

  it('404s an unknown dataset and 400s a bad limit', async () => {
    expect((await api().app.request('/v1/datasets/nope/releases')).status).toBe(404);
    expect((await api().app.request('/v1/datasets/penalties/releases?limit=1000')).status).toBe(400);
  });
});

describe('URLs come from the configured public base URL', () => {
  it('never from the request’s Host or forwarding headers', async () => {
    const { app } = api();
    const headers = { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'http', forwarded: 'host=evil.example' };
    for (const path of [
      '/v1/datasets',
      '/v1/datasets?limit=1',
      '/v1/datasets/penalties',
      '/v1/datasets/penalties/releases?limit=1',
      '/openapi.json',
      '/v1/datasets/nope',
    ]) {
      const response = await app.request(`http://evil.example${path}`, { headers });
      const text = await response.text();
      expect(text, path).not.toContain('evil.example');
      for (const [, value] of response.headers) expect(value, path).not.toContain('evil.example');
    }
    const listed = (await (await app.request('http://evil.example/v1/datasets?limit=1', { headers })).json()) as Page;
    expect(listed.next).toMatch(/^https:\/\/data\.example\//);
  });
});
