import { Hono } from 'hono';
import type { DatasetConfig } from '../config/catalog.js';
import type { ObjectStreamReader } from '../ports/index.js';
import { datasetCategory } from '../grading/index.js';
import type { DatasetCategory, ReleasePointer } from '../publish/release.js';
import { logger } from '../util/logger.js';
import { describeDataset } from './describe-dataset.js';
import { internalFailure, invalidParameter, problemResponse, type ErrorLogger } from './problem.js';
import { isReleaseFormat, RELEASE_FORMATS, RELEASE_MEDIA_TYPES } from './release-formats.js';

export interface ApiDeps {
  readonly datasets: () => Promise<readonly DatasetConfig[]>;
  readonly latestRelease: (datasetId: string) => Promise<ReleasePointer | undefined>;
  /** Where release files are read from, as a stream: a large file is never held whole. */
  readonly open: ObjectStreamReader;
  /** A dataset's category from its fields' grades; grading's datasetCategory unless a test gives another. */
  readonly category?: (dataset: DatasetConfig) => DatasetCategory;
  /** Freshness is judged as of now. */
  readonly now?: () => Date;
  /** Where internal failures are logged with their correlation id; the process logger by default. */
  readonly logger?: ErrorLogger;
}

/** The open-data HTTP API. One app, served by API Gateway + Lambda or by the embedded runtime. */
export function createApi(deps: ApiDeps): Hono {
  const app = new Hono();
  const baseOf = (url: string) => new URL(url).origin;
  const now = deps.now ?? (() => new Date());
  const categoryOf = deps.category ?? ((dataset: DatasetConfig) => datasetCategory(dataset));
  const findDataset = async (id: string) => (await deps.datasets()).find((d) => d.id === id);

  app.get('/v1/datasets', async (c) => {
    const datasets = await deps.datasets();
    const base = baseOf(c.req.url);
    const items = await Promise.all(datasets.map(async (d) => describeDataset(d, categoryOf(d), await deps.latestRelease(d.id), base, now())));
    return c.json({ count: items.length, datasets: items });
  });

  app.get('/v1/datasets/:id', async (c) => {
    const dataset = await findDataset(c.req.param('id'));
    if (!dataset) return problemResponse(c, 404, `no dataset "${c.req.param('id')}"`);
    return c.json(describeDataset(dataset, categoryOf(dataset), await deps.latestRelease(dataset.id), baseOf(c.req.url), now()));
  });

  app.get('/v1/datasets/:id/download', async (c) => {
    const id = c.req.param('id');
    const format = c.req.query('format') ?? 'csv';
    if (!isReleaseFormat(format)) return invalidParameter(c, 'format', `must be one of ${RELEASE_FORMATS.join(', ')}; got "${format}"`);
    const dataset = await findDataset(id);
    if (!dataset) return problemResponse(c, 404, `no dataset "${id}"`);
    const release = await deps.latestRelease(id);
    // 就高从严: restricted now or when the release was built, its files go out only under a grant (issue 10).
    if (categoryOf(dataset) === 'restricted' || release?.category === 'restricted') {
      return problemResponse(
        c,
        403,
        `数据集“${dataset.title.zh}”为受限开放数据，须经审批授权方可下载 / dataset "${id}" is restricted (受限开放): its files are served only under an approved grant`,
      );
    }
    const file = release?.files.find((f) => f.format === format);
    if (!release || !file) return problemResponse(c, 404, `dataset "${id}" has no ${format} release yet`);
    const etag = `"${file.sha256}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    const object = await deps.open.getStream(file.key);
    // The caller learns the release is unavailable, not where our files live.
    if (!object) return problemResponse(c, 503, `dataset "${id}" has a ${format} release whose file cannot be served now`);
    return c.body(object.body, 200, {
      'content-type': RELEASE_MEDIA_TYPES[format],
      'content-length': String(object.contentLength ?? file.bytes),
      'content-disposition': `attachment; filename="${file.name}"`,
      etag,
      'x-tongyuan-release': release.releaseId,
    });
  });

  app.notFound((c) => problemResponse(c, 404, `no route ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => internalFailure(c, error, deps.logger ?? logger));
  return app;
}
