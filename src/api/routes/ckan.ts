import type { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';

export const ckanPaths: OpenApiPaths = {};

/** CKAN Action API at /api/3/action/*. */
export function registerCkanRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  void app;
  void deps;
}
