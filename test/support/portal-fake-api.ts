/**
 * A stand-in for the open-data API the portal calls, for working on the pages alone: the real
 * portal routes and catalog over the repository's dataset definitions, with /v1/search, /records,
 * /changes, /releases and POST /v1/applications answering the documented shapes from made-up rows.
 * Run `PORT=8787 npx tsx test/support/portal-fake-api.ts` and open http://127.0.0.1:8787/.
 * The browser test itself runs against the real `tongyuan up` stack, never against this.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApi } from '../../src/api/app.js';
import { loadDatasets } from '../../src/config/catalog.js';
import { DEFAULT_CATALOG_DIRS } from '../../src/config/runtime-config.js';
import { releaseColumns } from '../../src/grading/index.js';
import type { ReleasePointer } from '../../src/publish/release.js';
import { testApiDeps } from './api-deps.js';

const CREATED = ['2026-01-02T00:00:00.000Z', '2026-01-01T00:00:00.000Z'];
const releaseId = (i: number) => `2026010${2 - i}T000000000Z-0000000${i}`;
const CSV = 'id,名称\r\n1,示例\r\n';

function pointer(datasetId: string, i: number): ReleasePointer {
  return {
    datasetId,
    releaseId: releaseId(i),
    createdAt: CREATED[i]!,
    rowCount: 3,
    snapshotHash: 'h',
    manifestKey: `open/${datasetId}/${releaseId(i)}/manifest.json`,
    files: [
      {
        name: `${datasetId}.csv`,
        key: `open/${datasetId}/${releaseId(i)}/${datasetId}.csv`,
        format: 'csv',
        mediaType: 'text/csv',
        bytes: CSV.length,
        sha256: 's',
      },
    ],
    quality: {
      rowCount: 3,
      completeness: { a: 1, b: 0.5 },
      validity: { valid: 9, quarantined: 1, rate: 0.9 },
      freshness: { updateFrequency: 'daily', lastSourceChange: CREATED[i]!, secondsSinceChange: 60, allowedSeconds: 86400, overdue: false },
      measuredAt: CREATED[i]!,
    },
  };
}

/** The fake API as a fetch handler. */
export async function portalFakeApi(base: string): Promise<Hono> {
  const datasets = (await loadDatasets(DEFAULT_CATALOG_DIRS.datasets)).valid;
  const inner = createApi(
    testApiDeps({
      datasets: async () => datasets,
      latestRelease: async (id) => pointer(id, 0),
      releaseHistory: async (id) => ({ releases: [pointer(id, 0), pointer(id, 1)] }),
      open: { getStream: async () => ({ body: new Blob([CSV]).stream(), contentLength: Buffer.byteLength(CSV) }) },
      publicBaseUrl: base,
    }),
  );
  const app = new Hono();
  app.get('/v1/search', (c) => {
    const q = c.req.query('q') ?? '';
    const hits = datasets
      .filter((d) => d.title.zh.includes(q) || d.keywords.some((k) => k.includes(q)))
      .map((d) => ({
        kind: 'record',
        datasetId: d.id,
        recordId: 'r1',
        title: `${d.title.zh} 一条记录`,
        snippet: `关于&lt;b&gt; <mark>${q}</mark> 的记录`,
        score: 1,
        url: `${base}/v1/datasets/${d.id}`,
      }));
    return c.json({ q, total: hits.length, tokens: [q], hits });
  });
  app.get('/v1/datasets/:id/releases', (c) =>
    c.json({ releases: [0, 1].map((i) => ({ id: releaseId(i), createdAt: CREATED[i], rowCount: 3, category: 'open', files: [] })) }),
  );
  app.get('/v1/datasets/:id/records', (c) => {
    const dataset = datasets.find((d) => d.id === c.req.param('id'))!;
    const fields = releaseColumns(dataset).map((col) => ({ id: col.field, type: col.type, title: { zh: col.title, en: col.titleEn } }));
    const records = Array.from({ length: Number(c.req.query('limit') ?? 100) }, (_, i) => Object.fromEntries(fields.map((f) => [f.id, `${f.title.zh}${i}`])));
    return c.json({ release: releaseId(0), fields, records });
  });
  app.get('/v1/datasets/:id/changes', (c) =>
    c.json({
      since: c.req.query('since'),
      latest: releaseId(0),
      changes: [
        { change: 'added', recordId: 'r-added', release: releaseId(0), record: {} },
        { change: 'removed', recordId: 'r-removed', release: releaseId(0), reason: '公示期满' },
      ],
    }),
  );
  app.post('/v1/applications', async (c) => {
    const body = await c.req.json<{ applicant?: { email?: string }; fields?: string[] }>();
    const invalid = [
      ...(body.applicant?.email?.includes('@') ? [] : [{ name: 'applicant.email', reason: '须为有效的电子邮箱 / must be an email address' }]),
      ...(body.fields?.length ? [] : [{ name: 'fields', reason: '至少选择一个字段 / choose at least one field' }]),
    ];
    if (invalid.length)
      return c.json({ type: '/problems/bad-request', title: '请求无效', status: 400, detail: 'invalid application', invalidParams: invalid }, 400);
    return c.json({ id: 'app-0001', status: 'pending', submittedAt: new Date().toISOString(), statusUrl: `${base}/v1/applications/app-0001` }, 201);
  });
  // The catalog with the contract's filters and grade, which the catalog route may not have yet.
  type Listed = { count: number; datasets: { id: string; category: string; theme: string; title: { zh: string }; keywords: string[]; grade?: string }[] };
  const catalog = async (request: Request) => (await (await inner.fetch(new Request(new URL('/v1/datasets', request.url)))).json()) as Listed;
  app.get('/v1/datasets', async (c) => {
    const { q = '', theme = '', category = '' } = c.req.query();
    const datasets = (await catalog(c.req.raw)).datasets
      .map((d) => ({ ...d, grade: d.category === 'restricted' ? 'L2' : 'L1' }))
      .filter(
        (d) =>
          (!q || d.title.zh.includes(q) || d.keywords.some((k) => k.includes(q))) && (!theme || d.theme === theme) && (!category || d.category === category),
      );
    return c.json({ count: datasets.length, datasets });
  });
  app.get('/v1/datasets/:id', async (c, next) => {
    const found = (await catalog(c.req.raw)).datasets.find((d) => d.id === c.req.param('id'));
    return found ? c.json({ ...found, grade: found.category === 'restricted' ? 'L2' : 'L1' }) : next();
  });
  app.all('*', (c) => inner.fetch(c.req.raw));
  return app;
}

if (process.argv[1]?.endsWith('portal-fake-api.ts')) {
  const port = Number(process.env.PORT ?? 8787);
  const app = await portalFakeApi(`http://127.0.0.1:${port}`);
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
}
