import type { Hono } from 'hono';
import type { DatasetConfig } from '../../config/catalog.js';
import { datasetCategory } from '../../grading/index.js';
import { describeDataset } from '../describe-dataset.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { problemResponse } from '../problem.js';

export const datasetPaths: OpenApiPaths = {};

/** The catalog: /v1/datasets, one dataset, its releases. */
export function registerDatasetRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  const now = deps.now ?? (() => new Date());
  const categoryOf = deps.category ?? ((dataset: DatasetConfig) => datasetCategory(dataset));
  const findDataset = async (id: string) => (await deps.datasets()).find((d) => d.id === id);

  app.get('/v1/datasets', async (c) => {
    const datasets = await deps.datasets();
    const items = await Promise.all(datasets.map(async (d) => describeDataset(d, categoryOf(d), await deps.latestRelease(d.id), deps.publicBaseUrl, now())));
    return c.json({ count: items.length, datasets: items });
  });

  app.get('/v1/datasets/:id', async (c) => {
    const dataset = await findDataset(c.req.param('id'));
    if (!dataset) return problemResponse(c, 404, `no dataset "${c.req.param('id')}"`);
    return c.json(describeDataset(dataset, categoryOf(dataset), await deps.latestRelease(dataset.id), deps.publicBaseUrl, now()));
  });
}
