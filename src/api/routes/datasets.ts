import type { Context, Hono } from 'hono';
import type { DatasetConfig } from '../../config/catalog.js';
import type { DatasetCategory } from '../../publish/release.js';
import { DCAT_THEMES, matchesCatalogQuery } from '../catalog-filter.js';
import { describeDataset, describeFiles, releaseFinality } from '../describe-dataset.js';
import { lastFinalRelease } from '../records/release-lookup.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { CACHE_METADATA } from '../http/conditional.js';
import { httpDate } from '../http/etag.js';
import { decodeCursor, encodeCursor, nextPageUrl, pageLimit, unknownParameter } from '../http/query.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { datasetOpenApiPaths } from '../openapi/dataset-paths.js';
import { datasetNotFound, invalidParameter } from '../problem.js';
import { servedCategory } from '../dataset-category.js';

export const datasetPaths: OpenApiPaths = datasetOpenApiPaths;

const LIST_PARAMETERS = ['q', 'theme', 'category', 'limit', 'cursor'] as const;
const PAGE = { fallback: 20, max: 100 } as const;
const CATEGORIES: readonly DatasetCategory[] = ['open', 'restricted'];

/** The catalog: /v1/datasets (searched, filtered, paged), one dataset, its releases. */
export function registerDatasetRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  const now = deps.now ?? (() => new Date());
  const describe = async (dataset: DatasetConfig) => {
    const release = await deps.latestRelease(dataset.id);
    const lastFinal = release?.provisional ? ((await lastFinalRelease(deps, dataset.id)) ?? null) : undefined;
    return describeDataset(dataset, servedCategory(deps, dataset, release), release, deps.publicBaseUrl, now(), lastFinal);
  };
  const findDataset = async (id: string) => (await deps.datasets()).find((d) => d.id === id);

  app.get('/v1/datasets', async (c) => {
    const refused = unknownParameter(c, LIST_PARAMETERS) ?? filterProblem(c);
    if (refused) return refused;
    const limit = pageLimit(c, PAGE);
    if (limit instanceof Response) return limit;
    const after = decodeCursor(c);
    if (after instanceof Response) return after;
    const { q, theme, category } = c.req.query();
    const found = (await deps.datasets()).filter((d) => (theme === undefined || d.theme === theme) && matchesCatalogQuery(d, q));
    // The category a dataset is listed under is the one its entry shows, its latest release's included.
    const categories = category === undefined ? [] : await Promise.all(found.map(async (d) => servedCategory(deps, d, await deps.latestRelease(d.id))));
    const matching = found.filter((_, i) => category === undefined || categories[i] === category).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const start = after === undefined ? 0 : matching.findIndex((d) => d.id > after);
    const page = start < 0 ? [] : matching.slice(start, start + limit);
    const last = page.at(-1);
    const more = last !== undefined && matching.at(-1)?.id !== last.id;
    return c.json({
      count: matching.length,
      datasets: await Promise.all(page.map(describe)),
      ...(more ? { next: nextPageUrl(c, deps.publicBaseUrl, encodeCursor(last.id)) } : {}),
    });
  });

  app.get('/v1/datasets/:id', async (c) => {
    const refused = unknownParameter(c, []);
    if (refused) return refused;
    const dataset = await findDataset(c.req.param('id'));
    if (!dataset) return datasetNotFound(c, c.req.param('id'));
    const described = await describe(dataset);
    if (described.latestRelease) c.header('last-modified', httpDate(described.latestRelease.createdAt));
    c.header('cache-control', CACHE_METADATA);
    return c.json(described);
  });

  app.get('/v1/datasets/:id/releases', async (c) => {
    const refused = unknownParameter(c, ['limit', 'cursor']);
    if (refused) return refused;
    const limit = pageLimit(c, PAGE);
    if (limit instanceof Response) return limit;
    const after = decodeCursor(c);
    if (after instanceof Response) return after;
    const dataset = await findDataset(c.req.param('id'));
    if (!dataset) return datasetNotFound(c, c.req.param('id'));
    const [history, latest] = await Promise.all([deps.releaseHistory(dataset.id, { limit, ...(after ? { after } : {}) }), deps.latestRelease(dataset.id)]);
    if (latest) c.header('last-modified', httpDate(latest.createdAt));
    c.header('cache-control', CACHE_METADATA);
    return c.json({
      releases: history.releases.map((release) => {
        const category = servedCategory(deps, dataset, release);
        return {
          id: release.releaseId,
          createdAt: release.createdAt,
          rowCount: release.rowCount,
          category,
          files: describeFiles(dataset, category, release, deps.publicBaseUrl, true),
          ...releaseFinality(release),
        };
      }),
      ...(history.next ? { next: nextPageUrl(c, deps.publicBaseUrl, encodeCursor(history.next)) } : {}),
    });
  });
}

/** The 400 for a theme or category outside their vocabularies. */
function filterProblem(c: Context): Response | undefined {
  const { theme, category } = c.req.query();
  if (theme !== undefined && !DCAT_THEMES.includes(theme))
    return invalidParameter(c, 'theme', {
      zh: `须为 EU 数据主题代码之一：${DCAT_THEMES.join(', ')}`,
      en: `must be an EU data theme code: ${DCAT_THEMES.join(', ')}; got "${theme}"`,
    });
  if (category !== undefined && !(CATEGORIES as readonly string[]).includes(category))
    return invalidParameter(c, 'category', { zh: `须为 open（无条件开放）或 restricted（受限开放）`, en: `must be open or restricted; got "${category}"` });
  return undefined;
}
