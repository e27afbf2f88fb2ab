import type { Context, Hono } from 'hono';
import { logger } from '../../util/logger.js';
import { ckanActions } from '../ckan/actions.js';
import { badRequestBody, CKAN_JSON, CkanError, errorBody, helpUrl, successBody } from '../ckan/envelope.js';
import { CKAN_PATHS } from '../ckan/openapi.js';
import { readDataDict, UnreadableRequest } from '../ckan/params.js';
import type { ApiDeps, ApiEnv } from '../deps.js';
import type { OpenApiPaths } from '../openapi-paths.js';

export const ckanPaths: OpenApiPaths = CKAN_PATHS;

const json = (body: unknown, status: number): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': CKAN_JSON } });

/**
 * CKAN's Action API at /api/3/action/<name> (and the unversioned /api/action/<name> CKAN also
 * serves): GET with a query string or POST with a JSON body, answered in CKAN's envelope.
 */
export function registerCkanRoutes(app: Hono<ApiEnv>, deps: ApiDeps): void {
  const actions = ckanActions(deps);
  const log = deps.logger ?? logger;

  const handle = async (c: Context<ApiEnv>): Promise<Response> => {
    const name = c.req.param('action') ?? '';
    const action = Object.hasOwn(actions, name) ? actions[name] : undefined;
    if (!action) return json(badRequestBody(`Action name not known: ${name}`), 400);
    const help = helpUrl(deps.publicBaseUrl, name);
    try {
      return json(successBody(help, await action(c, await readDataDict(c))), 200);
    } catch (error) {
      if (error instanceof UnreadableRequest) return json(badRequestBody(error.message), 400);
      if (error instanceof CkanError) return json(errorBody(help, error), error.status);
      // CKAN's own answer to an unexpected failure; what failed is logged, never sent.
      log.error('CKAN action failed', { action: name, error });
      return json({ help, success: false, error: { __type: 'Internal Server Error', message: 'Internal Server Error' } }, 500);
    }
  };

  for (const path of ['/api/3/action/:action', '/api/action/:action']) {
    app.get(path, handle);
    app.post(path, handle);
  }
}
