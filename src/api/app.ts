import { Hono } from 'hono';
import type { DatasetConfig } from '../config/catalog.js';
import type { ObjectStore } from '../ports/index.js';
import type { ReleasePointer } from '../publish/release.js';
import { logger } from '../util/logger.js';
import { internalFailure, problemResponse, type ErrorLogger } from './problem.js';

export interface ApiDeps {
  readonly datasets: () => Promise<readonly DatasetConfig[]>;
  readonly latestRelease: (datasetId: string) => Promise<ReleasePointer | undefined>;
  readonly open: ObjectStore;
  /** Where internal failures are logged with their correlation id; the process logger by default. */
  readonly logger?: ErrorLogger;
}

const FORMATS = ['csv', 'jsonl'] as const;

function describeDataset(dataset: DatasetConfig, release: ReleasePointer | undefined, base: string) {
  return {
    id: dataset.id,
    title: dataset.title,
    description: dataset.description,
    publisher: dataset.publisher,
    license: dataset.license,
    keywords: dataset.keywords ?? [],
    recordType: dataset.recordType,
    latestRelease: release
      ? {
          id: release.releaseId,
          createdAt: release.createdAt,
          rowCount: release.rowCount,
          files: release.files.map((f) => ({
            format: f.format,
            mediaType: f.mediaType,
            bytes: f.bytes,
            sha256: f.sha256,
            url: `${base}/v1/datasets/${dataset.id}/download?format=${f.format}`,
          })),
        }
      : null,
  };
}

/** The open-data HTTP API. One app, served by API Gateway + Lambda or by the embedded runtime. */
export function createApi(deps: ApiDeps): Hono {
  const app = new Hono();
  const baseOf = (url: string) => new URL(url).origin;
  const findDataset = async (id: string) => (await deps.datasets()).find((d) => d.id === id);

  app.get('/v1/datasets', async (c) => {
    const datasets = await deps.datasets();
    const base = baseOf(c.req.url);
    const items = await Promise.all(datasets.map(async (d) => describeDataset(d, await deps.latestRelease(d.id), base)));
    return c.json({ count: items.length, datasets: items });
  });

  app.get('/v1/datasets/:id', async (c) => {
    const dataset = await findDataset(c.req.param('id'));
    if (!dataset) return problemResponse(c, 404, `no dataset "${c.req.param('id')}"`);
    return c.json(describeDataset(dataset, await deps.latestRelease(dataset.id), baseOf(c.req.url)));
  });

  app.get('/v1/datasets/:id/download', async (c) => {
    const id = c.req.param('id');
    const format = c.req.query('format') ?? 'csv';
    if (!(FORMATS as readonly string[]).includes(format)) {
      return problemResponse(c, 400, `format must be one of ${FORMATS.join(', ')}; got "${format}"`);
    }
    const dataset = await findDataset(id);
    if (!dataset) return problemResponse(c, 404, `no dataset "${id}"`);
    const release = await deps.latestRelease(id);
    const file = release?.files.find((f) => f.format === format);
    if (!release || !file) return problemResponse(c, 404, `dataset "${id}" has no ${format} release yet`);
    const etag = `"${file.sha256}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    const bytes = await deps.open.get(file.key);
    // The caller learns the release is unavailable, not where our files live.
    if (!bytes) return problemResponse(c, 503, `dataset "${id}" has a ${format} release whose file cannot be served now`);
    return c.body(new Uint8Array(bytes), 200, {
      'content-type': file.mediaType,
      'content-disposition': `attachment; filename="${file.name}"`,
      etag,
      'x-tongyuan-release': release.releaseId,
    });
  });

  app.notFound((c) => problemResponse(c, 404, `no route ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => internalFailure(c, error, deps.logger ?? logger));
  return app;
}
