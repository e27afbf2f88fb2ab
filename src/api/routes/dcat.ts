import type { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';

export const dcatPaths: OpenApiPaths = {};

/** DCAT-AP 3 (/catalog.jsonld, /catalog.ttl) and DCAT-US 1.1 (/data.json). */
export function registerDcatRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  void app;
  void deps;
}
