import type { Context, Hono } from 'hono';
import type { DatasetConfig } from '../../config/catalog.js';
import { releaseColumns } from '../../grading/index.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { ifNoneMatchMatches } from '../http/conditional.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { entityTag, portalAssets } from '../portal/assets.js';
import { catalogPage, datasetPage, notFoundPage } from '../portal/pages.js';
import { problemResponses } from '../openapi/components.js';
import { categoryNow } from '../dataset-category.js';

/**
 * Only the portal's own files may run or style the pages: no inline script or style, no other
 * origin (it works offline), no framing, forms post only to this origin.
 */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Pages are revalidated on every visit (a new deployment's asset names and datasets show at once). */
const CACHE_PAGE = 'no-cache';
/** Assets are fresh for five minutes, then revalidated with their ETag. */
const CACHE_ASSET = 'public, max-age=300, must-revalidate';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

/** A text representation with its validator; 304 (carrying the ETag) when the client already holds it. */
function textResponse(
  c: Context,
  status: 200 | 404,
  body: string,
  contentType: string,
  cacheControl: string,
  extra: Readonly<Record<string, string>>,
): Response {
  const etag = entityTag(body);
  const headers = { ...SECURITY_HEADERS, ...extra, etag, 'cache-control': cacheControl };
  if (status === 200 && ifNoneMatchMatches(c.req.header('if-none-match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(body, { status, headers: { ...headers, 'content-type': contentType } });
}

const htmlResponse = (c: Context, status: 200 | 404, body: string) =>
  textResponse(c, status, body, 'text/html; charset=utf-8', CACHE_PAGE, { 'content-security-policy': PORTAL_CSP });

const htmlOperation = (operationId: string, summary: string, description: string, extraResponses: Record<string, unknown> = {}) => ({
  get: {
    operationId,
    summary,
    description,
    tags: ['portal'],
    responses: {
      '200': { description: 'HTML 页面 / the HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
      '304': { description: '未修改 / not modified (If-None-Match matched the ETag)' },
      ...problemResponses(429),
      ...extraResponses,
    },
  },
});

export const portalPaths: OpenApiPaths = {
  '/': htmlOperation('portalCatalog', '数据目录页 / the portal catalog page', 'Search and browse the datasets (中文检索, filters by theme and category).'),
  '/datasets/{id}': {
    parameters: [{ name: 'id', in: 'path', required: true, description: '数据集标识 / dataset id', schema: { type: 'string' } }],
    ...htmlOperation(
      'portalDataset',
      '数据集页 / a dataset page',
      'Metadata, grade, quality and freshness, a 50-row preview, downloads, recent changes and, for a restricted dataset, the application form.',
      { '404': { description: '无此数据集 / no such dataset', content: { 'text/html': { schema: { type: 'string' } } } } },
    ),
  },
};

/** The released fields an applicant can ask for, with their titles. */
function applicableFields(dataset: DatasetConfig) {
  return releaseColumns(dataset).map((column) => ({ id: column.field, title: column.title, titleEn: column.titleEn }));
}

/** The portal (/): catalog, dataset pages and their static files, on the API's own origin. */
export function registerPortalRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  const assets = portalAssets();
  const catalog = catalogPage();

  app.get('/', (c) => htmlResponse(c, 200, catalog));

  app.get('/datasets/:id', async (c) => {
    const id = c.req.param('id');
    const dataset = (await deps.datasets()).find((d) => d.id === id);
    if (!dataset) return htmlResponse(c, 404, notFoundPage('../', `没有数据集“${id}”。 / No dataset "${id}".`));
    const page = datasetPage({ id: dataset.id, title: dataset.title, category: categoryNow(deps, dataset), fields: applicableFields(dataset) });
    return htmlResponse(c, 200, page);
  });

  app.get('/assets/:name', (c) => {
    const asset = assets.get(c.req.param('name'));
    if (!asset) return htmlResponse(c, 404, notFoundPage('../', `没有文件“${c.req.param('name')}”。 / No such file.`));
    return textResponse(c, 200, asset.body, asset.contentType, CACHE_ASSET, {});
  });
}
