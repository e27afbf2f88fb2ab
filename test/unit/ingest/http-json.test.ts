import { describe, expect, it } from 'vitest';
import { INGEST_ONLY_MAPPING } from '../../support/mappings.js';
import type { SourceConfig } from '../../../src/config/catalog.js';
import type { SourcePage } from '../../../src/ingest/connectors/connector.js';
import { httpJsonConnector } from '../../../src/ingest/connectors/http-json.js';
import { linkNext } from '../../../src/ingest/connectors/link-header.js';
import { RateLimiter } from '../../../src/ingest/http/rate-limiter.js';
import { retryAfterMs } from '../../../src/ingest/http/fetch-with-retry.js';

type HttpSource = Extract<SourceConfig, { kind: 'http-json' }>;
const source = (connection: Partial<HttpSource['connection']>): HttpSource => ({
  id: 'api',
  title: 'API',
  department: 'd',
  kind: 'http-json',
  recordType: 't',
  mapping: INGEST_ONLY_MAPPING,
  connection: { baseUrl: 'http://dept.test', path: '/items', pagination: { kind: 'cursor', itemsField: 'data', nextCursorField: 'next' }, ...connection },
});

/** A fake department: answers from `route`, records every URL and header it was sent. */
function fakeApi(route: (url: URL) => { status?: number; body?: unknown; headers?: Record<string, string> }) {
  const seen: { url: URL; headers: Headers }[] = [];
  const fetchFn = (async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    seen.push({ url, headers: new Headers(init?.headers) });
    const { status = 200, body = {}, headers = {} } = route(url);
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
  }) as typeof fetch;
  return { fetchFn, seen };
}

const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ id: from + i, updated: `2025-01-0${1 + ((from + i) % 9)}` }));

async function collect(iterable: AsyncIterable<SourcePage>): Promise<SourcePage[]> {
  const pages: SourcePage[] = [];
  for await (const page of iterable) pages.push(page);
  return pages;
}

const context = { full: false, startedAt: new Date(0) };
const noSleep = {
  sleep: async () => undefined,
  limiter: new RateLimiter(
    () => 0,
    async () => undefined,
  ),
};

describe('http-json pagination variants', () => {
  it('page numbers: reads until a short page, sends the updated-since watermark, and resumes it next run', async () => {
    const api = fakeApi((url) => {
      const page = Number(url.searchParams.get('page'));
      return { body: { items: rows((page - 1) * 2, Math.min(page * 2, 5)), total: 5 } };
    });
    const s = source({
      pagination: { kind: 'page', itemsField: 'items', totalField: 'total', pageSize: 2 },
      incremental: { param: 'since', field: 'updated' },
    });
    const pages = await collect(httpJsonConnector({ fetch: api.fetchFn, ...noSleep }).pages(s, null, context));
    expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.expectedTotal)).toEqual([5, 5, 5]);
    expect(pages.at(-1)).toMatchObject({ last: true, completesSnapshot: true });
    const finalState = JSON.parse(pages.at(-1)!.nextCursor!);
    expect(finalState).toEqual({ since: '2025-01-05', next: null, max: null });
    const before = api.seen.length;
    await collect(httpJsonConnector({ fetch: api.fetchFn, ...noSleep }).pages(s, pages.at(-1)!.nextCursor, context));
    expect(api.seen[before]!.url.searchParams.get('since')).toBe('2025-01-05');
    expect(api.seen[before]!.url.searchParams.get('page')).toBe('1');
  });

  it('page numbers: a checkpoint taken mid-run resumes at the next page with the same watermark', async () => {
    const api = fakeApi((url) => ({ body: { items: rows(0, Number(url.searchParams.get('page')) < 3 ? 2 : 1) } }));
    const s = source({ pagination: { kind: 'page', itemsField: 'items', pageSize: 2 }, incremental: { param: 'since', field: 'updated' } });
    const mid = JSON.stringify({ since: '2025-01-01', next: 2, max: '2025-01-02' });
    const pages = await collect(httpJsonConnector({ fetch: api.fetchFn, ...noSleep }).pages(s, mid, context));
    expect(api.seen.map((r) => [r.url.searchParams.get('page'), r.url.searchParams.get('since')])).toEqual([
      ['2', '2025-01-01'],
      ['3', '2025-01-01'],
    ]);
    expect(pages.some((p) => p.completesSnapshot)).toBe(false);
  });

  it('offsets: advances by the items received', async () => {
    const api = fakeApi((url) => ({ body: rows(Number(url.searchParams.get('offset')), Math.min(Number(url.searchParams.get('offset')) + 3, 7)) }));
    const s = source({ pagination: { kind: 'offset', pageSize: 3 } });
    const pages = await collect(httpJsonConnector({ fetch: api.fetchFn, ...noSleep }).pages(s, null, context));
    expect(api.seen.map((r) => r.url.searchParams.get('offset'))).toEqual(['0', '3', '6']);
    expect(pages.flatMap((p) => p.items).length).toBe(7);
  });

  it('Link header: follows rel="next" and refuses to carry credentials to another origin', async () => {
    const env = { TEST_API_TOKEN: 'tok' };
    const api = fakeApi((url) => {
      const page = Number(url.searchParams.get('p') ?? 1);
      const link: Record<string, string> =
        page < 2 ? { link: `<http://dept.test/items?p=${page + 1}>; rel="next", <http://dept.test/items?p=2>; rel="last"` } : {};
      return { body: rows(page * 10, page * 10 + 2), headers: link };
    });
    const s = source({ pagination: { kind: 'link' }, auth: { kind: 'bearer', token: '${env:TEST_API_TOKEN}' } });
    const pages = await collect(httpJsonConnector({ fetch: api.fetchFn, env, ...noSleep }).pages(s, null, context));
    expect(pages.length).toBe(2);
    expect(api.seen.every((r) => r.headers.get('authorization') === 'Bearer tok')).toBe(true);

    const hostile = fakeApi(() => ({ body: [], headers: { link: '<http://elsewhere.test/x>; rel="next"' } }));
    await expect(collect(httpJsonConnector({ fetch: hostile.fetchFn, env, ...noSleep }).pages(s, null, context))).rejects.toThrow(
      'source api: http://dept.test/items?per_page=100: Link rel="next" leads to another origin (http://elsewhere.test); refusing to send credentials there',
    );
  });

  it('a response that is not what the configuration promised names the source and the URL', async () => {
    const api = fakeApi(() => ({ body: { data: 'nope' } }));
    await expect(collect(httpJsonConnector({ fetch: api.fetchFn, ...noSleep }).pages(source({}), null, context))).rejects.toThrow(
      'source api: http://dept.test/items?limit=100: field "data" is not an array',
    );
  });

  it('sends a header key taken from a secret reference', async () => {
    const api = fakeApi(() => ({ body: { data: [], next: null } }));
    // `${env:…}` resolves against the configuration's environment map, never the process's.
    await collect(
      httpJsonConnector({ fetch: api.fetchFn, env: { TEST_API_KEY: 'k-123' }, ...noSleep }).pages(
        source({ auth: { kind: 'header', header: 'X-Api-Key', value: '${env:TEST_API_KEY}' } }),
        null,
        context,
      ),
    );
    expect(api.seen[0]!.headers.get('x-api-key')).toBe('k-123');
  });
});

describe('http-json retries and rate limit', () => {
  it('waits what Retry-After says on 429, then goes on', async () => {
    let calls = 0;
    const api = fakeApi(() => (++calls === 1 ? { status: 429, headers: { 'retry-after': '3' } } : { body: { data: [{ id: 1 }], next: null } }));
    const waits: number[] = [];
    const pages = await collect(
      httpJsonConnector({ fetch: api.fetchFn, limiter: noSleep.limiter, sleep: async (ms) => void waits.push(ms) }).pages(source({}), null, context),
    );
    expect(waits).toEqual([3000]);
    expect(pages[0]!.items).toEqual([{ id: 1 }]);
  });

  it('gives up after maxAttempts with an error naming the source, URL and status', async () => {
    const api = fakeApi(() => ({ status: 503, body: 'down' }));
    await expect(collect(httpJsonConnector({ fetch: api.fetchFn, ...noSleep }).pages(source({ maxAttempts: 3 }), null, context))).rejects.toThrow(
      'source api: http://dept.test/items?limit=100 answered HTTP 503 after 3 attempt(s): down',
    );
    expect(api.seen.length).toBe(3);
  });

  it('spaces requests to one source by its rate', async () => {
    let now = 0;
    const limiter = new RateLimiter(
      () => now,
      async (ms) => void (now += ms),
    );
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) {
      await limiter.take('s', 2);
      starts.push(now);
    }
    expect(starts).toEqual([0, 500, 1000, 1500]);
    await limiter.take('other', 2);
    expect(now).toBe(1500);
  });

  it('parses Retry-After as seconds or a date, capped', () => {
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('99999', 0)).toBe(60_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });

  it('reads rel="next" among several links', () => {
    expect(linkNext('<https://a.test/x?page=1>; rel="prev", <https://a.test/x?page=3>; rel="next"', new URL('https://a.test/x'))).toBe(
      'https://a.test/x?page=3',
    );
    expect(linkNext('</x?page=3>; rel=next', new URL('https://a.test/x'))).toBe('https://a.test/x?page=3');
    expect(linkNext('<https://a.test/x?page=1>; rel="prev"', new URL('https://a.test/x'))).toBeNull();
  });
});
