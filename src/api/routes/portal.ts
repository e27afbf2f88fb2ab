import type { Hono } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';

export const portalPaths: OpenApiPaths = {};

/** The portal (/): catalog, dataset pages, search and the restricted-access application form. */
export function registerPortalRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  void app;
  void deps;
}
