import { describe, expect, it } from 'vitest';
import type { MiddlewareHandler } from 'hono';
import { createApi, type ApiDeps, type ApiEnv } from '../../../src/api/app.js';
import { CACHE_IMMUTABLE, CACHE_METADATA, CACHE_PRIVATE } from '../../../src/api/http/conditional.js';
import { httpSemantics } from '../../../src/api/middleware/http-semantics.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { Hono } from 'hono';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { testApiDeps } from '../../support/api-deps.js';

const penalties = { ...DATASET_DEFAULTS, id: 'penalties', recordType: 'enforcement-decision', fields: ['decisionNumber'] } satisfies DatasetConfig;
const release: ReleasePointer = {
  datasetId: 'penalties',
  releaseId: '20261201T000000000Z-abcdef12',
  createdAt: '2026-12-01T08:00:00.000Z',
  rowCount: 1,
  snapshotHash: 'h',
  manifestKey: 'open/penalties/r/manifest.json',
  files: [{ name: 'penalties.csv', key: 'open/penalties/r/x.csv', format: 'csv', mediaType: 'text/csv', bytes: 9, sha256: 'sha-csv' }],
};

function api(overrides: Partial<ApiDeps> = {}) {
  const opened: string[] = [];
  const cancelled: string[] = [];
  const app = createApi(
    testApiDeps({
      datasets: async () => [penalties],
      latestRelease: async () => release,
      open: {
        getStream: async (key) => {
          opened.push(key);
          const body = new ReadableStream<Uint8Array>({
            pull: (controller) => controller.enqueue(new TextEncoder().encode('a,b\r\n1,2\r\n')),
            cancel: () => void cancelled.push(key),
          });
          return { body, contentLength: 9 };
        },
      },
      ...overrides,
    }),
  );
  return { app, opened, cancelled };
}

const EXPOSED = ['ETag', 'Last-Modified', 'Content-Length', 'Content-Range', 'Accept-Ranges', 'Retry-After', 'Link', 'X-Tongyuan-Release'];

describe('CORS for browser portals', () => {
  it('answers an OPTIONS preflight on a served path with 204 and what may be sent', async () => {
    const response = await api().app.request('/v1/datasets/penalties', {
      method: 'OPTIONS',
      headers: { origin: 'https://portal.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'x-api-key' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    const allowed = response.headers.get('access-control-allow-headers')!.split(', ');
    expect(allowed).toEqual(expect.arrayContaining(['Authorization', 'X-API-Key', 'Content-Type', 'If-None-Match', 'Range']));
    expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(await response.text()).toBe('');
  });

  it('a preflight on a path nothing serves is still a 404', async () => {
    expect((await api().app.request('/v2/nothing', { method: 'OPTIONS' })).status).toBe(404);
  });

  it('every answer, errors included, lets any origin read it and exposes the validators and paging headers', async () => {
    for (const path of ['/v1/datasets', '/v1/datasets/missing', '/v1/datasets/penalties/download?format=csv']) {
      const response = await api().app.request(path, { headers: { origin: 'https://portal.example' } });
      expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(response.headers.get('access-control-expose-headers')!.split(', '), path).toEqual(expect.arrayContaining(EXPOSED));
    }
  });
});

describe('methods', () => {
  it('answers 405 with Allow for a served path and another method', async () => {
    const response = await api().app.request('/v1/datasets', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = (await response.json()) as { detail: string; type: string };
    expect(body.type).toBe('/problems/method-not-allowed');
    expect(body.detail).toContain('DELETE');
    expect(body.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it('HEAD answers like GET with Content-Length and no body', async () => {
    const { app } = api();
    const get = await app.request('/v1/datasets/penalties');
    const getBody = new Uint8Array(await get.arrayBuffer());
    const head = await app.request('/v1/datasets/penalties', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(getBody.byteLength));
    expect(head.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(head.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await head.text()).toBe('');
  });

  it('HEAD on a download gives its length from the release and opens no file', async () => {
    const { app, cancelled } = api();
    const head = await app.request('/v1/datasets/penalties/download?format=csv', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('9');
    expect(await head.text()).toBe('');
    expect(cancelled).toEqual([]);
  });
});

describe('JSON answers', () => {
  it('say charset=utf-8, carry a weak ETag and the metadata cache policy', async () => {
    const response = await api().app.request('/v1/datasets');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('etag')).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(response.headers.get('cache-control')).toBe(CACHE_METADATA);
    expect(response.headers.get('vary')).toContain('Authorization');
  });

  it('the ETag follows the content', async () => {
    const before = (await api().app.request('/v1/datasets/penalties')).headers.get('etag');
    const same = (await api().app.request('/v1/datasets/penalties')).headers.get('etag');
    const changed = (await api({ datasets: async () => [{ ...penalties, keywords: ['处罚'] }] }).app.request('/v1/datasets/penalties')).headers.get('etag');
    expect(same).toBe(before);
    expect(changed).not.toBe(before);
  });

  it.each([
    ['exact', (t: string) => t],
    ['strong form', (t: string) => t.replace(/^W\//, '')],
    ['in a list', (t: string) => `"other", ${t}`],
    ['star', () => '*'],
  ])('If-None-Match (%s) gets a 304 that carries the ETag and Cache-Control, without a body', async (_, header) => {
    const { app } = api();
    const etag = (await app.request('/v1/datasets/penalties')).headers.get('etag')!;
    const response = await app.request('/v1/datasets/penalties', { headers: { 'if-none-match': header(etag) } });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(etag);
    expect(response.headers.get('cache-control')).toBe(CACHE_METADATA);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toBe('');
  });

  it('a different tag gets the full answer', async () => {
    const response = await api().app.request('/v1/datasets/penalties', { headers: { 'if-none-match': 'W/"stale"' } });
    expect(response.status).toBe(200);
  });

  it('Last-Modified comes from the latest release; If-Modified-Since at or after it gets a 304, before it the answer', async () => {
    const { app } = api();
    const response = await app.request('/v1/datasets/penalties');
    expect(response.headers.get('last-modified')).toBe('Tue, 01 Dec 2026 08:00:00 GMT');
    expect((await app.request('/v1/datasets/penalties', { headers: { 'if-modified-since': 'Tue, 01 Dec 2026 08:00:00 GMT' } })).status).toBe(304);
    expect((await app.request('/v1/datasets/penalties', { headers: { 'if-modified-since': 'Mon, 30 Nov 2026 08:00:00 GMT' } })).status).toBe(200);
    // If-None-Match decides when both are sent.
    const both = await app.request('/v1/datasets/penalties', {
      headers: { 'if-none-match': 'W/"stale"', 'if-modified-since': 'Tue, 01 Dec 2026 08:00:00 GMT' },
    });
    expect(both.status).toBe(200);
  });

  it('a key holder’s answers are private, whatever the route said', async () => {
    const app = new Hono<ApiEnv>();
    const asKeyHolder: MiddlewareHandler<ApiEnv> = async (c, next) => {
      c.set('caller', { kind: 'key', keyId: '0123456789abcdef', grant: {} as never });
      await next();
    };
    app.use(httpSemantics(testApiDeps(), () => []));
    app.use(asKeyHolder);
    app.get('/file', (c) => c.body('x', 200, { 'cache-control': CACHE_IMMUTABLE }));
    app.get('/json', (c) => c.json({ a: 1 }));
    expect((await app.request('/file')).headers.get('cache-control')).toBe(CACHE_PRIVATE);
    expect((await app.request('/json')).headers.get('cache-control')).toBe(CACHE_PRIVATE);
  });
});

describe('streamed files', () => {
  it('are passed through as streams with their own ETag, not buffered or re-tagged', async () => {
    const response = await api().app.request('/v1/datasets/penalties/download?format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"sha-csv"');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.body).toBeInstanceOf(ReadableStream);
  });

  it('a matching weak or listed If-None-Match on a file is a 304 that carries its ETag', async () => {
    const { app } = api();
    const response = await app.request('/v1/datasets/penalties/download?format=csv', { headers: { 'if-none-match': 'W/"sha-csv", "x"' } });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe('"sha-csv"');
  });
});
