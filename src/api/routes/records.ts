import type { Hono } from 'hono';
import type { DatasetConfig } from '../../config/catalog.js';
import { datasetCategory } from '../../grading/index.js';
import { authorizeRead } from '../access.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { invalidParameter, problemResponse } from '../problem.js';
import { isReleaseFormat, RELEASE_FORMATS, RELEASE_MEDIA_TYPES } from '../release-formats.js';

export const recordPaths: OpenApiPaths = {};

/** A dataset's rows: records, changes and downloads of its releases. */
export function registerRecordRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  const now = deps.now ?? (() => new Date());
  const categoryOf = deps.category ?? ((dataset: DatasetConfig) => datasetCategory(dataset));
  const findDataset = async (id: string) => (await deps.datasets()).find((d) => d.id === id);

  app.get('/v1/datasets/:id/download', async (c) => {
    const id = c.req.param('id');
    const format = c.req.query('format') ?? 'csv';
    if (!isReleaseFormat(format)) return invalidParameter(c, 'format', `must be one of ${RELEASE_FORMATS.join(', ')}; got "${format}"`);
    const dataset = await findDataset(id);
    if (!dataset) return problemResponse(c, 404, `no dataset "${id}"`);
    const release = await deps.latestRelease(id);
    // 就高从严: restricted now or when the release was built, its files go out only under a grant.
    const category = release?.category === 'restricted' ? 'restricted' : categoryOf(dataset);
    const access = authorizeRead(c, dataset, category, now());
    if (!access.ok) return access.response;
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
}
