import type { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';

export const searchPaths: OpenApiPaths = {};

/** /v1/search, one search over every published dataset and record. */
export function registerSearchRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  void app;
  void deps;
}
