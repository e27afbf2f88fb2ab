import type { MiddlewareHandler } from 'hono';
import type { ApiDeps, ApiEnv } from '../deps.js';
import { TokenBuckets } from '../http/token-bucket.js';
import { tooManyRequests } from '../problem.js';

/**
 * A token bucket per API key and per anonymous client, where the API limits by itself (the
 * local runtime: deps.rateLimit). Behind API Gateway the usage plans throttle before the
 * function runs, so without deps.rateLimit this passes every request through. Answers carry
 * RateLimit-Limit/-Remaining; a refusal is a 429 problem with Retry-After.
 */
export function rateLimit(deps: ApiDeps): MiddlewareHandler<ApiEnv> {
  const limits = deps.rateLimit;
  if (!limits) return async (_c, next) => next();
  const anonymous = new TokenBuckets(limits.anonymous);
  const perKey = new TokenBuckets(limits.perKey);
  const nowMs = () => (deps.now ? deps.now().getTime() : Date.now());
  return async (c, next) => {
    const caller = c.get('caller');
    const [buckets, rate, id] =
      caller?.kind === 'key'
        ? [perKey, limits.perKey, caller.keyId]
        : [anonymous, limits.anonymous, caller?.kind === 'anonymous' && caller.clientId !== '' ? caller.clientId : 'anonymous'];
    const decision = buckets.take(id, nowMs());
    const headers = { 'ratelimit-limit': String(rate.burst), 'ratelimit-remaining': String(decision.remaining) };
    if (!decision.allowed) {
      const refused = tooManyRequests(c, decision.retryAfterSeconds);
      for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
      return refused;
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
