import type { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';

export const applicationPaths: OpenApiPaths = {};

/** restricted-access applications (POST /v1/applications). */
export function registerApplicationRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  void app;
  void deps;
}
