import { INGEST_ONLY_MAPPING } from '../../support/mappings.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3ObjectStore } from '../../../src/aws/s3-object-store.js';
import type { SourceConfig } from '../../../src/config/catalog.js';
import { generatePenalties } from '../../../demo/enforcement/generate.js';
import { startDemoEnforcementApi, type DemoEnforcementApi } from '../../../demo/enforcement/server.js';
import { httpJsonConnector } from '../../../src/ingest/connectors/http-json.js';
import { syncSource } from '../../../src/ingest/sync-source.js';
import { uniqueSuffix, useSharedAws, type SharedAws } from '../../support/aws.js';

let shared: SharedAws;
const bucketName = (id: string): string => shared.config.resources.bucket(id);

type HttpSource = Extract<SourceConfig, { kind: 'http-json' }>;

/** A department API on the loopback interface whose answers the test scripts. */
async function scriptedApi(handle: (url: URL, req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer((req, res) => handle(new URL(req.url ?? '/', 'http://x'), req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

describe('http-json connector against real HTTP servers', () => {
  let demo: DemoEnforcementApi;
  const raw = () => new S3ObjectStore(shared.clients.s3, bucketName('raw'));
  beforeAll(async () => {
    shared = await useSharedAws();
    demo = await startDemoEnforcementApi({ port: 0, records: generatePenalties({ count: 250, seed: 5 }).records });
  });
  afterAll(async () => {
    await demo.close();
  });

  it('pulls the demo department by cursor, then only what changed', async () => {
    const source: HttpSource = {
      id: `http-${uniqueSuffix()}`,
      title: 'demo',
      department: 'd',
      kind: 'http-json',
      recordType: 'enforcement-decision',
      mapping: INGEST_ONLY_MAPPING,
      connection: {
        baseUrl: '${env:TEST_DEMO_API}',
        path: '/api/v1/penalties',
        requestsPerSecond: 50,
        pagination: { kind: 'cursor', itemsField: 'data', nextCursorField: 'next_cursor', hasMoreField: 'has_more', pageSize: 100 },
      },
    };
    const deps = shared.compose({ TEST_DEMO_API: demo.url }).ingestDeps();
    expect(await syncSource(source, deps)).toMatchObject({ pages: 3, pulled: 250, complete: true });
    const changed = demo.upsert({ ...demo.snapshot()[10]!, xdr_mc: '改名后的商行' });
    const keys: string[] = [];
    expect(await syncSource(source, deps, { onPage: (p) => keys.push(p.rawKey) })).toMatchObject({ pulled: 1 });
    const items = httpJsonConnector().itemsOf(source, gunzipSync((await raw().get(keys[0]!))!));
    expect(items).toEqual([changed]);
  });

  it('waits out a 429 with Retry-After and a 503, then reads on; pages by number with an updated-since watermark', async () => {
    const log: string[] = [];
    let throttled = false;
    let failed = false;
    const api = await scriptedApi((url, req, res) => {
      log.push(`${url.searchParams.get('page')}:${url.searchParams.get('since') ?? '-'}:${String(req.headers['x-api-key'] ?? '')}`);
      const page = Number(url.searchParams.get('page'));
      if (page === 2 && !throttled) return ((throttled = true), json(res, 429, { error: 'slow down' }, { 'retry-after': '1' }));
      if (page === 3 && !failed) return ((failed = true), json(res, 503, { error: 'busy' }));
      const since = url.searchParams.get('since') ?? '';
      const all = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, updated: `2025-01-0${i + 1}` })).filter((r) => r.updated >= since);
      json(res, 200, { items: all.slice((page - 1) * 2, page * 2), total: all.length });
    });
    try {
      const source: HttpSource = {
        id: `http-${uniqueSuffix()}`,
        title: 'paged',
        department: 'd',
        kind: 'http-json',
        recordType: 't',
        mapping: INGEST_ONLY_MAPPING,
        connection: {
          baseUrl: '${env:TEST_API_URL}',
          path: '/items',
          auth: { kind: 'header', header: 'X-Api-Key', value: '${env:TEST_API_KEY}' },
          incremental: { param: 'since', field: 'updated' },
          pagination: { kind: 'page', itemsField: 'items', totalField: 'total', pageSize: 2 },
        },
      };
      const deps = shared.compose({ TEST_API_URL: api.url, TEST_API_KEY: 'k-1' }).ingestDeps();
      expect(await syncSource(source, deps)).toMatchObject({ pulled: 5, complete: true });
      expect(log).toEqual(['1:-:k-1', '2:-:k-1', '2:-:k-1', '3:-:k-1', '3:-:k-1']);
      log.length = 0;
      expect(await syncSource(source, deps)).toMatchObject({ pulled: 1 });
      expect(log).toEqual(['1:2025-01-05:k-1']);
    } finally {
      await api.close();
    }
  });

  it('follows Link headers, and names the source and URL when a page is not what was promised', async () => {
    const api = await scriptedApi((url, _req, res) => {
      const page = Number(url.searchParams.get('page') ?? 1);
      if (page === 3) return json(res, 200, { unexpected: true });
      json(res, 200, [{ id: page }], { link: `<${url.pathname}?page=${page + 1}>; rel="next"` });
    });
    try {
      const source: HttpSource = {
        id: `http-${uniqueSuffix()}`,
        title: 'l',
        department: 'd',
        kind: 'http-json',
        recordType: 't',
        mapping: INGEST_ONLY_MAPPING,
        connection: { baseUrl: '${env:TEST_LINK_URL}', path: '/list', pagination: { kind: 'link' } },
      };
      await expect(syncSource(source, shared.compose({ TEST_LINK_URL: api.url }).ingestDeps())).rejects.toThrow(
        `source ${source.id}: ${api.url}/list?page=3: expected a JSON array of items, got object`,
      );
    } finally {
      await api.close();
    }
  });
});
