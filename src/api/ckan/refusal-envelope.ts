import type { MiddlewareHandler } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { PROBLEM_MEDIA_TYPE } from '../problem.js';
import { CKAN_JSON, helpUrl } from './envelope.js';

/** The refusals that happen before a CKAN action runs: a bad key (401), a refused grant (403), the rate limit or quota (429). */
const REFUSALS = new Set([401, 403, 429]);

/**
 * A CKAN client reads every answer of /api/…/action/* as CKAN's envelope, so a refusal by the
 * caller or rate-limit middleware (an RFC 9457 problem elsewhere) is re-said as CKAN's
 * `Authorization Error` with the same status and headers (Retry-After stays).
 */
export function ckanRefusalEnvelope(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    await next();
    const response = c.res;
    if (!REFUSALS.has(response.status) || !response.headers.get('content-type')?.startsWith(PROBLEM_MEDIA_TYPE)) return;
    const problem = (await response.clone().json()) as { detail?: string };
    const action = /\/action\/([^/?]+)/.exec(new URL(c.req.url).pathname)?.[1] ?? 'status_show';
    const headers = new Headers(response.headers);
    headers.set('content-type', CKAN_JSON);
    headers.delete('content-length');
    const body = {
      help: helpUrl(deps.publicBaseUrl, action),
      success: false,
      error: { __type: 'Authorization Error', message: `Access denied: ${problem.detail ?? ''}` },
    };
    c.res = new Response(JSON.stringify(body), { status: response.status, headers });
  };
}
