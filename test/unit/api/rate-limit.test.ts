import { Hono, type MiddlewareHandler } from 'hono';
import { describe, expect, it } from 'vitest';
import { createApi, type ApiDeps, type ApiEnv } from '../../../src/api/app.js';
import type { Caller } from '../../../src/api/access.js';
import { TokenBuckets } from '../../../src/api/http/token-bucket.js';
import { rateLimit } from '../../../src/api/middleware/rate-limit.js';
import { testApiDeps } from '../../support/api-deps.js';

const LIMITS = { anonymous: { ratePerSecond: 2, burst: 3 }, perKey: { ratePerSecond: 10, burst: 5 } };

/** A clock the test moves by hand. */
function manualClock(start = Date.parse('2026-12-01T00:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

/** An app with the rate limit behind a caller the request names in `x-test-caller` (`anon:<addr>` or `key:<id>`). */
function limited(deps: Partial<ApiDeps>) {
  const app = new Hono<ApiEnv>();
  const callerFromHeader: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const [kind, id = ''] = (c.req.header('x-test-caller') ?? 'anon:10.0.0.1').split(':');
    const caller: Caller = kind === 'key' ? { kind: 'key', keyId: id, grant: {} as never } : { kind: 'anonymous', clientId: id };
    c.set('caller', caller);
    await next();
  };
  app.use(callerFromHeader);
  app.use(rateLimit(testApiDeps(deps)));
  app.get('/x', (c) => c.json({ ok: true }));
  return (caller?: string) => app.request('/x', caller ? { headers: { 'x-test-caller': caller } } : {});
}

describe('the local token bucket', () => {
  it('lets a burst through, then answers 429 with an integer Retry-After and a bilingual problem', async () => {
    const clock = manualClock();
    const call = limited({ rateLimit: LIMITS, now: clock.now });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toMatch(/^[1-9]\d*$/);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    const body = (await refused.json()) as { status: number; type: string; detail: string };
    expect(body).toMatchObject({ status: 429, type: '/problems/too-many-requests' });
    expect(body.detail).toMatch(/请求过于频繁.* \/ too many requests/);
  });

  it('refills at the configured rate', async () => {
    const clock = manualClock();
    const call = limited({ rateLimit: LIMITS, now: clock.now });
    for (let i = 0; i < 3; i++) await call();
    expect((await call()).status).toBe(429);
    clock.advance(500); // 2 per second: one token back
    expect((await call()).status).toBe(200);
    expect((await call()).status).toBe(429);
  });

  it('keeps one bucket per anonymous client and one per key, with the key’s own rate', async () => {
    const clock = manualClock();
    const call = limited({ rateLimit: LIMITS, now: clock.now });
    for (let i = 0; i < 3; i++) await call('anon:10.0.0.1');
    expect((await call('anon:10.0.0.1')).status).toBe(429);
    expect((await call('anon:10.0.0.2')).status).toBe(200);
    const keyStatuses = [];
    for (let i = 0; i < 6; i++) keyStatuses.push((await call('key:0123456789abcdef')).status);
    expect(keyStatuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await call('key:fedcba9876543210')).status).toBe(200);
  });

  it('answers say the limit and what is left', async () => {
    const call = limited({ rateLimit: LIMITS, now: manualClock().now });
    const first = await call();
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    expect(first.headers.get('ratelimit-remaining')).toBe('2');
  });

  it('does nothing without deps.rateLimit (API Gateway throttles in AWS)', async () => {
    const call = limited({ now: manualClock().now });
    for (let i = 0; i < 50; i++) expect((await call()).status).toBe(200);
  });

  it('is wired into the API: a 429 there is a CORS-readable problem with Retry-After', async () => {
    const app = createApi(testApiDeps({ rateLimit: { anonymous: { ratePerSecond: 1, burst: 1 }, perKey: LIMITS.perKey }, now: manualClock().now }));
    expect((await app.request('/v1/datasets')).status).toBe(200);
    const refused = await app.request('/v1/datasets');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });
});

describe('TokenBuckets', () => {
  it('forgets callers whose buckets have refilled, so memory stays bounded', () => {
    const buckets = new TokenBuckets({ ratePerSecond: 1000, burst: 1 });
    for (let i = 0; i < 20_000; i++) buckets.take(`client-${i}`, i * 10);
    expect(buckets.size).toBeLessThan(10_000);
  });

  it('refuses a nonsensical rate', () => {
    expect(() => new TokenBuckets({ ratePerSecond: 0, burst: 1 })).toThrow(/ratePerSecond/);
  });
});
