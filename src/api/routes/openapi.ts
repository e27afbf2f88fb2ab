import type { Hono } from 'hono';
import packageJson from '../../../package.json' with { type: 'json' };
import type { ApiDeps, ApiEnv } from '../deps.js';
import { CACHE_METADATA } from '../http/conditional.js';
import type { OpenApiPaths } from '../openapi-paths.js';
import { assembleOpenApi } from '../openapi/assemble.js';
import { jsonOk, problemResponses } from '../openapi/components.js';
import { applicationPaths } from './applications.js';
import { asyncApiPaths } from './asyncapi.js';
import { ckanPaths } from './ckan.js';
import { datasetPaths } from './datasets.js';
import { dcatPaths } from './dcat.js';
import { feedPaths } from './feeds.js';
import { jwksPaths } from './jwks.js';
import { portalPaths } from './portal.js';
import { recordPaths } from './records.js';
import { searchPaths } from './search.js';

export const openApiPaths: OpenApiPaths = {
  '/openapi.json': {
    get: {
      operationId: 'getOpenApiDocument',
      summary: 'This description / 接口说明',
      description: 'The OpenAPI 3.1 description of this API.',
      tags: ['meta'],
      security: [{}],
      responses: { '200': jsonOk('The OpenAPI document', 'OpenApiDocument'), ...problemResponses(429, 500) },
    },
  },
};

/** Every route module's path items, in the order the app registers them. */
export const ALL_PATHS: readonly OpenApiPaths[] = [
  datasetPaths,
  recordPaths,
  ckanPaths,
  dcatPaths,
  searchPaths,
  applicationPaths,
  portalPaths,
  openApiPaths,
  jwksPaths,
  asyncApiPaths,
  feedPaths,
];

/** The API's OpenAPI document, served on `publicBaseUrl`. */
export const openApiDocument = (deps: Pick<ApiDeps, 'publicBaseUrl'>): Record<string, unknown> =>
  assembleOpenApi(ALL_PATHS, { version: packageJson.version, server: deps.publicBaseUrl });

/** /openapi.json, assembled once from every route module's path items. */
export function registerOpenApiRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  let document: Record<string, unknown> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= openApiDocument(deps);
    c.header('cache-control', CACHE_METADATA);
    return c.json(document);
  });
}
