import type { Context, Hono } from 'hono';
import { latestReleaseTime, loadCatalogEntries } from '../dcat/catalog-entries.js';
import { CATALOG_DESCRIPTION } from '../dcat/catalog-description.js';
import { catalogGraph } from '../dcat/catalog-graph.js';
import { InvalidCatalogQuery, parseCatalogQuery, selectCatalogPage } from '../dcat/catalog-query.js';
import { dataJson } from '../dcat/data-json.js';
import { toJsonLd } from '../dcat/jsonld.js';
import { respondJson, respondWithEtag } from '../dcat/representation.js';
import { toTurtle } from '../dcat/turtle.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { invalidParameter } from '../problem.js';

export { dcatPaths } from '../dcat/openapi.js';

const CATALOG_FORMATS = {
  jsonld: { path: '/catalog.jsonld', contentType: 'application/ld+json; charset=utf-8' },
  ttl: { path: '/catalog.ttl', contentType: 'text/turtle; charset=utf-8' },
} as const;

/** DCAT-AP 3 (/catalog.jsonld, /catalog.ttl) and DCAT-US 1.1 (/data.json): metadata only, never a row. */
export function registerDcatRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  const base = deps.publicBaseUrl;

  const serveCatalog = async (c: Context<ApiEnv>, format: keyof typeof CATALOG_FORMATS): Promise<Response> => {
    const params = c.req.query();
    try {
      const query = parseCatalogQuery(params);
      const entries = await loadCatalogEntries(deps);
      const page = selectCatalogPage(entries, query);
      const modified = latestReleaseTime(entries);
      const { path, contentType } = CATALOG_FORMATS[format];
      const pageUrl = (n: number): string => {
        const search = new URLSearchParams({ page: String(n) });
        if (params.per_page !== undefined) search.set('per_page', String(query.perPage));
        if (params.modified_since !== undefined) search.set('modified_since', params.modified_since);
        return `${base}${path}?${search.toString()}`;
      };
      const graph = catalogGraph({ base, page, pageUrl, description: CATALOG_DESCRIPTION, ...(modified ? { modified } : {}) });
      const body = format === 'jsonld' ? JSON.stringify(toJsonLd(graph)) : await toTurtle(graph);
      return respondWithEtag(c, { body, contentType, ...(modified ? { lastModified: modified } : {}) });
    } catch (error) {
      if (error instanceof InvalidCatalogQuery) return invalidParameter(c, error.parameter, error.reason);
      throw error;
    }
  };

  app.get(CATALOG_FORMATS.jsonld.path, (c) => serveCatalog(c, 'jsonld'));
  app.get(CATALOG_FORMATS.ttl.path, (c) => serveCatalog(c, 'ttl'));

  app.get('/data.json', async (c) => {
    const unknown = Object.keys(c.req.query())[0];
    if (unknown !== undefined) return invalidParameter(c, unknown, 'unknown query parameter: data.json is the whole catalog');
    const entries = await loadCatalogEntries(deps);
    const modified = latestReleaseTime(entries);
    return respondJson({
      body: JSON.stringify(dataJson(base, entries)),
      contentType: 'application/json; charset=utf-8',
      ...(modified ? { lastModified: modified } : {}),
    });
  });
}
