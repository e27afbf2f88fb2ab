import { Hono } from 'hono';
import { logger } from '../util/logger.js';
import { ckanRefusalEnvelope } from './ckan/refusal-envelope.js';
import type { ApiDeps, ApiEnv } from './deps.js';
import { identifyCaller } from './middleware/caller.js';
import { httpSemantics } from './middleware/http-semantics.js';
import { rateLimit } from './middleware/rate-limit.js';
import { routeMethodsOf } from './http/route-methods.js';
import { internalFailure, methodNotAllowed, noRoute } from './problem.js';
import { registerApplicationRoutes } from './routes/applications.js';
import { registerAsyncApiRoutes } from './routes/asyncapi.js';
import { registerCkanRoutes } from './routes/ckan.js';
import { registerDatasetRoutes } from './routes/datasets.js';
import { registerDcatRoutes } from './routes/dcat.js';
import { registerFeedRoutes } from './routes/feeds.js';
import { registerJwksRoutes } from './routes/jwks.js';
import { registerOpenApiRoutes } from './routes/openapi.js';
import { registerPortalRoutes } from './routes/portal.js';
import { registerRecordRoutes } from './routes/records.js';
import { registerSearchRoutes } from './routes/search.js';

export type { ApiDeps, ApiEnv } from './deps.js';

/**
 * The open-data API. One app, served by API Gateway + Lambda or by the embedded runtime.
 * Middleware runs in this order: HTTP semantics wrap everything, the caller is identified,
 * then rate-limited; each route module serves one concern.
 */
export function createApi(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  const routeMethods = routeMethodsOf(app);
  app.use(httpSemantics(deps, routeMethods));
  // CKAN clients read refusals of /api/…/action/* in CKAN's envelope, whichever middleware refuses.
  app.use('/api/*', ckanRefusalEnvelope(deps));
  app.use(identifyCaller(deps));
  app.use(rateLimit(deps));
  registerDatasetRoutes(app, deps);
  registerRecordRoutes(app, deps);
  registerCkanRoutes(app, deps);
  registerDcatRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerApplicationRoutes(app, deps);
  registerPortalRoutes(app, deps);
  registerOpenApiRoutes(app, deps);
  registerJwksRoutes(app, deps);
  registerAsyncApiRoutes(app, deps);
  registerFeedRoutes(app, deps);
  app.notFound((c) => {
    // A path served with other methods is a 405 naming them; only a path nothing serves is a 404.
    const allowed = routeMethods(new URL(c.req.url).pathname);
    return allowed.length > 0 ? methodNotAllowed(c, allowed) : noRoute(c);
  });
  app.onError((error, c) => internalFailure(c, error, deps.logger ?? logger));
  return app;
}
