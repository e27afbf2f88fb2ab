import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type ApiDeps } from '../../../src/api/app.js';
import { DuckDbRecordsReader } from '../../../src/api/records/duckdb-records-reader.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { testApiDeps } from '../../support/api-deps.js';
import { decisions, MemoryBucket, putRelease, type ReleasedRecord } from '../../support/records-release.js';

const dataset = decisions('penalties');
const row = (n: number, authority = '绍兴市生态环境局'): ReleasedRecord['row'] => ({
  decisionNumber: `绍市监罚〔2026〕${n}号`,
  caseName: `某餐饮公司违法案${n}`,
  authority,
  decisionDate: '2026-01-10',
  district: '330602',
  penaltyTypes: ['warning'],
  sourceUpdatedAt: '2026-01-10T00:00:00Z',
});
const R1 = '20260101T000000000Z-aaaaaaa1';
const R2 = '20260201T000000000Z-aaaaaaa2';
const R3 = '20260301T000000000Z-aaaaaaa3';

describe('records, changes and downloads', () => {
  let dir: string;
  let reader: DuckDbRecordsReader;
  const bucket = new MemoryBucket();
  const history: ReleasePointer[] = [];
  const api = (overrides: Partial<ApiDeps> = {}) =>
    createApi(
      testApiDeps({
        datasets: async () => [dataset],
        latestRelease: async () => history[0],
        releaseHistory: async () => ({ releases: history }),
        open: bucket,
        records: reader,
        category: () => 'open',
        ...overrides,
      }),
    );
  const json = async (path: string, headers: Record<string, string> = {}) => {
    const response = await api().request(`https://data.example${path}`, { headers });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'records-routes-'));
    reader = await DuckDbRecordsReader.open({ objects: bucket, cacheDir: dir, connections: 2 });
    // r1: a, b, c. r2: b changed, c removed, d added. r3: d changed, e added, a removed.
    const r1 = await putRelease(
      bucket,
      dataset,
      R1,
      [
        { id: 'a', row: row(1) },
        { id: 'b', row: row(2) },
        { id: 'c', row: row(3) },
      ],
      [
        { change: 'added', recordId: 'a' },
        { change: 'added', recordId: 'b' },
        { change: 'added', recordId: 'c' },
      ],
    );
    const r2 = await putRelease(
      bucket,
      dataset,
      R2,
      [
        { id: 'a', row: row(1) },
        { id: 'b', row: row(2, '绍兴市消防救援支队') },
        { id: 'd', row: row(4) },
      ],
      [
        { change: 'changed', recordId: 'b' },
        { change: 'removed', recordId: 'c', reason: 'revoked' },
        { change: 'added', recordId: 'd' },
      ],
    );
    const r3 = await putRelease(
      bucket,
      dataset,
      R3,
      [
        { id: 'b', row: row(2, '绍兴市消防救援支队') },
        { id: 'd', row: row(44) },
        { id: 'e', row: row(5) },
      ],
      [
        { change: 'removed', recordId: 'a' },
        { change: 'changed', recordId: 'd' },
        { change: 'added', recordId: 'e' },
      ],
    );
    history.push(r3, r2, r1);
  });
  afterAll(async () => {
    reader.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('GET /v1/datasets/{id}/records', () => {
    it('answers the contract shape with typed fields, filters, a total and a next link on the public base URL pinned to the release', async () => {
      const { status, headers, body } = await json(
        '/v1/datasets/penalties/records?authority=绍兴市消防救援支队&authority=绍兴市生态环境局&limit=2&include_total=true&sort=-decisionNumber',
      );
      expect(status).toBe(200);
      expect(headers.get('content-type')).toMatch(/^application\/json/);
      expect(headers.get('cache-control')).toBe('public, max-age=60, must-revalidate');
      expect(body).toMatchObject({ release: R3, total: 3 });
      expect((body.fields as { id: string }[]).map((f) => f.id)).toContain('decisionNumber');
      expect((body.records as { decisionNumber: string }[]).map((r) => r.decisionNumber)).toEqual(['绍市监罚〔2026〕5号', '绍市监罚〔2026〕44号']);
      const next = new URL(body.next as string);
      expect(next.origin).toBe('https://data.example');
      expect(next.searchParams.get('release')).toBe(R3);
      const second = await json(`${next.pathname}${next.search}`);
      expect((second.body.records as { decisionNumber: string }[]).map((r) => r.decisionNumber)).toEqual(['绍市监罚〔2026〕2号']);
      expect(second.body.next).toBeUndefined();
      expect(second.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });

    it('serves a past release and finds Chinese text with q', async () => {
      const { body } = await json(`/v1/datasets/penalties/records?release=${R1}&q=餐饮公司违法案3`);
      expect(body.release).toBe(R1);
      expect((body.records as { decisionNumber: string }[]).map((r) => r.decisionNumber)).toEqual(['绍市监罚〔2026〕3号']);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['colour=red', 'colour'],
      ['sort=nosuch', 'sort'],
      ['sort=a,,b', 'sort'],
      ['cursor=garbage', 'cursor'],
      ['include_total=maybe', 'include_total'],
      ['decisionDate=yesterday', 'decisionDate'],
    ])('400 names the parameter for %s', async (query, name) => {
      const { status, headers, body } = await json(`/v1/datasets/penalties/records?${query}`);
      expect(status).toBe(400);
      expect(headers.get('content-type')).toBe('application/problem+json');
      expect((body.invalidParams as { name: string }[])[0]!.name).toBe(name);
    });

    it('404s an unknown dataset or release; 403s a restricted dataset without a grant', async () => {
      expect((await json('/v1/datasets/nosuch/records')).status).toBe(404);
      expect((await json('/v1/datasets/penalties/records?release=20200101T000000000Z-zzzzzzzz')).status).toBe(404);
      const refused = await api({ category: () => 'restricted' }).request('/v1/datasets/penalties/records');
      expect(refused.status).toBe(403);
    });
  });

  describe('GET /v1/datasets/{id}/changes', () => {
    type Change = { change: string; recordId: string; release: string; reason?: string; record?: { decisionNumber: string } };
    const changes = async (query: string) =>
      (await json(`/v1/datasets/penalties/changes?${query}`)).body as { since: string; latest: string; changes: Change[]; next?: string };

    it('collapses the releases after a release id to one change per record, deletions included, rows from the latest release', async () => {
      const body = await changes(`since=${R1}`);
      expect(body.latest).toBe(R3);
      expect(body.changes.map((c) => [c.recordId, c.change, c.release])).toEqual([
        ['a', 'removed', R3],
        ['b', 'changed', R2],
        ['c', 'removed', R2],
        ['d', 'added', R3],
        ['e', 'added', R3],
      ]);
      expect(body.changes.find((c) => c.recordId === 'c')).toEqual({ change: 'removed', recordId: 'c', release: R2, reason: 'revoked' });
      expect(body.changes.find((c) => c.recordId === 'd')!.record!.decisionNumber).toBe('绍市监罚〔2026〕44号');
      expect(body.changes.find((c) => c.recordId === 'b')!.record).toMatchObject({ authority: '绍兴市消防救援支队' });
    });

    it('takes an instant: after R2 only R3 counts; before the history, everything', async () => {
      expect((await changes('since=2026-02-15T00:00:00Z')).changes.map((c) => c.recordId)).toEqual(['a', 'd', 'e']);
      const all = await changes('since=2020-01-01');
      expect(all.changes.map((c) => [c.recordId, c.change])).toEqual([
        ['a', 'removed'],
        ['b', 'added'],
        ['c', 'removed'],
        ['d', 'added'],
        ['e', 'added'],
      ]);
    });

    it('pages with a cursor without repeats or gaps', async () => {
      const seen: string[] = [];
      let next: string | undefined = `/v1/datasets/penalties/changes?since=${R1}&limit=2`;
      while (next) {
        const url = new URL(next, 'https://data.example');
        const body = await changes(url.search.slice(1));
        seen.push(...body.changes.map((c) => c.recordId));
        next = body.next;
      }
      expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('refuses a missing or unknown since, naming it', async () => {
      for (const query of ['', 'since=no-such-release', 'since=2026-13-45']) {
        const { status, body } = await json(`/v1/datasets/penalties/changes?${query}`);
        expect(status).toBe(400);
        expect((body.invalidParams as { name: string }[])[0]!.name).toBe('since');
      }
    });
  });

  describe('GET|HEAD /v1/datasets/{id}/download', () => {
    const parquet = () => history[0]!.files.find((f) => f.format === 'parquet')!;
    const download = (headers: Record<string, string> = {}, overrides: Partial<ApiDeps> = {}, method = 'GET') =>
      api(overrides).request('https://data.example/v1/datasets/penalties/download?format=parquet', { headers, method });

    it('serves a single range with 206 and Content-Range; the suffix and open forms too', async () => {
      const whole = bucket.objects.get(parquet().key)!;
      const response = await download({ range: 'bytes=0-3' });
      expect(response.status).toBe(206);
      expect(response.headers.get('content-range')).toBe(`bytes 0-3/${whole.byteLength}`);
      expect(response.headers.get('accept-ranges')).toBe('bytes');
      expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('PAR1');
      const tail = await download({ range: 'bytes=-4' });
      expect(tail.headers.get('content-range')).toBe(`bytes ${whole.byteLength - 4}-${whole.byteLength - 1}/${whole.byteLength}`);
      expect(Buffer.from(await tail.arrayBuffer()).toString()).toBe('PAR1');
      const rest = await download({ range: `bytes=${whole.byteLength - 2}-` });
      expect(rest.headers.get('content-length')).toBe('2');
    });

    it('416s an unsatisfiable range with the size', async () => {
      const response = await download({ range: 'bytes=999999999-' });
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toBe(`bytes */${parquet().bytes}`);
    });

    it('answers HEAD with the length and no body, opening nothing', async () => {
      const before = bucket.reads.length;
      const response = await download({}, {}, 'HEAD');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-length')).toBe(String(parquet().bytes));
      expect(response.body).toBeNull();
      expect(bucket.reads.length).toBe(before);
    });

    it.each([`W/"SHA"`, `"x", "SHA"`, '*'])('304s If-None-Match %s with the ETag and immutable caching', async (header) => {
      const response = await download({ 'if-none-match': header.replace('SHA', parquet().sha256) });
      expect(response.status).toBe(304);
      expect(response.headers.get('etag')).toBe(`"${parquet().sha256}"`);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    });

    it('redirects to a presigned URL when deployed with one, naming the file', async () => {
      const asked: unknown[] = [];
      const presignDownload: ApiDeps['presignDownload'] = async (key, options) => {
        asked.push({ key, ...options });
        return 'https://bucket.s3.example/signed?X-Amz-Signature=abc';
      };
      const response = await download({}, { presignDownload });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('https://bucket.s3.example/signed?X-Amz-Signature=abc');
      expect(asked).toEqual([{ key: parquet().key, fileName: 'penalties.parquet', mediaType: 'application/vnd.apache.parquet', expiresInSeconds: 300 }]);
    });

    it('400s an unknown parameter', async () => {
      const response = await api().request('/v1/datasets/penalties/download?format=csv&colour=red');
      expect(response.status).toBe(400);
    });
  });
});
