import type { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';

export const openApiPaths: OpenApiPaths = {};

/** /openapi.json and /.well-known/jwks.json. */
export function registerOpenApiRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  void app;
  void deps;
}
