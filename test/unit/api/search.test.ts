import { describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/app.js';
import { searchPaths } from '../../../src/api/routes/search.js';
import { freeTextColumns } from '../../../src/app/record-type-rules.js';
import { releasePieces } from '../../../src/app/release-pieces.js';
import { loadDatasets } from '../../../src/config/catalog.js';
import { publishDataset } from '../../../src/publish/publish-dataset.js';
import type { SearchAnswer, SearchQuery, SearchService } from '../../../src/search/index.js';
import { testApiDeps } from '../../support/api-deps.js';
import { example } from '../../support/record-examples.js';
import { memoryPublish, storedVersion } from '../../support/publish-memory.js';

/** A search service that answers fixed hits and remembers what it was asked. */
function fakeSearch(answer: Omit<SearchAnswer, 'q'>) {
  const asked: SearchQuery[] = [];
  const search: SearchService = {
    search: async (query) => {
      asked.push(query);
      return { q: query.q, ...answer };
    },
  };
  return { asked, search };
}

const fixed = fakeSearch({
  total: 2,
  tokens: ['行政处罚'],
  hits: [
    {
      kind: 'dataset',
      datasetId: 'enforcement-decisions',
      title: '行政处罚决定公示',
      snippet: '<mark>行政处罚</mark>',
      score: 3,
      recordType: 'enforcement-decision',
    },
    {
      kind: 'record',
      datasetId: 'enforcement-decisions',
      key: [
        ['authorityCode', '91350100M000100Y43'],
        ['decisionNumber', '绍柯市监罚〔2025〕1号'],
      ],
      title: '恒达纺织案',
      snippet: '…<mark>行政处罚</mark>',
      score: 1.5,
      recordType: 'enforcement-decision',
      district: '柯桥区',
      date: '2025-03-05',
    },
  ],
});
const api = createApi(testApiDeps({ search: fixed.search, publicBaseUrl: 'https://data.sx.example' }));
const get = (query: string, headers: Record<string, string> = {}) => api.request(`/v1/search?${query}`, { headers });

describe('GET /v1/search', () => {
  it('answers the hits as JSON with absolute links on the public base URL, never the Host', async () => {
    const response = await get(`q=${encodeURIComponent('行政处罚')}`, { host: 'evil.example' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { q: string; total: number; tokens: string[]; hits: Record<string, unknown>[] };
    expect(body).toMatchObject({ q: '行政处罚', total: 2, tokens: ['行政处罚'] });
    expect(body.hits[0]).toEqual({
      kind: 'dataset',
      datasetId: 'enforcement-decisions',
      title: '行政处罚决定公示',
      snippet: '<mark>行政处罚</mark>',
      score: 3,
      recordType: 'enforcement-decision',
      url: 'https://data.sx.example/v1/datasets/enforcement-decisions',
    });
    expect(body.hits[1]).toMatchObject({ kind: 'record', recordId: '91350100M000100Y43/绍柯市监罚〔2025〕1号', district: '柯桥区', date: '2025-03-05' });
    const url = new URL(body.hits[1]!.url as string);
    expect(url.origin + url.pathname).toBe('https://data.sx.example/v1/datasets/enforcement-decisions/records');
    expect(Object.fromEntries(url.searchParams)).toEqual({ authorityCode: '91350100M000100Y43', decisionNumber: '绍柯市监罚〔2025〕1号' });
    expect(JSON.stringify(body)).not.toContain('evil.example');
  });

  it('hands the service the filters and the page, with defaults', async () => {
    await get('q=%20xzcf%20');
    expect(fixed.asked.at(-1)).toEqual({ q: 'xzcf', limit: 20, offset: 0 });
    await get(
      `q=a&type=enforcement-decision&department=${encodeURIComponent('市场监督')}&district=${encodeURIComponent('柯桥区')}&from=2025-01-01&to=2025-12-31&limit=100&offset=40`,
    );
    expect(fixed.asked.at(-1)).toEqual({
      q: 'a',
      type: 'enforcement-decision',
      department: '市场监督',
      district: '柯桥区',
      from: '2025-01-01',
      to: '2025-12-31',
      limit: 100,
      offset: 40,
    });
  });

  it.each([
    ['', 'q'],
    ['q=', 'q'],
    [`q=${'字'.repeat(101)}`, 'q'],
    ['q=a&limit=0', 'limit'],
    ['q=a&limit=101', 'limit'],
    ['q=a&limit=ten', 'limit'],
    ['q=a&offset=-1', 'offset'],
    ['q=a&type=penalty', 'type'],
    ['q=a&district=%E6%9D%AD%E5%B7%9E', 'district'],
    ['q=a&from=2025-02-30', 'from'],
    ['q=a&from=2025-03-01&to=2025-02-01', 'to'],
    ['q=a&sort=score', 'sort'],
    ['q=a&q=b', 'q'],
  ])('refuses %s with a 400 naming %s', async (query, name) => {
    const before = fixed.asked.length;
    const response = await get(query);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await response.json()) as { invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toEqual([name]);
    expect(fixed.asked.length).toBe(before);
  });

  it('describes itself as an OpenAPI 3.1 path item', () => {
    const get = searchPaths['/v1/search']!.get as {
      operationId: string;
      summary: string;
      parameters: { name: string; schema: object }[];
      responses: Record<string, { content?: object; $ref?: string }>;
    };
    expect(get.operationId).toBe('search');
    expect(get.summary).not.toBe('');
    expect(get.parameters.map((p) => p.name)).toEqual(['q', 'type', 'department', 'district', 'from', 'to', 'limit', 'offset']);
    for (const p of get.parameters) expect(p.schema).toHaveProperty('type');
    expect(Object.keys(get.responses['200']!.content ?? {})).toEqual(['application/json']);
    expect(get.responses['400']!.$ref).toBe('#/components/responses/Problem400');
  });

  it('searches what was published, end to end through the wired service', { timeout: 30_000 }, async () => {
    const { valid } = await loadDatasets('datasets');
    const penalties = valid.find((d) => d.id === 'enforcement-decisions')!;
    const record = { ...example('enforcement-decision'), caseName: '恒达纺织销售<不合格>面料案', facts: '销售的纺织面料 <script> 不合格' };
    const { deps, objects, latest } = memoryPublish([storedVersion('enforcement-decision', 'r1', record)], {
      ...releasePieces,
      freeTextColumns,
      startsAt: '2026-11-28T08:00:00Z',
    });
    await publishDataset(penalties, deps);
    const wired = createApi(
      testApiDeps({
        datasets: async () => [penalties],
        latestRelease: async () => latest(),
        open: { getStream: async (key) => (objects.has(key) ? { body: new Blob([objects.get(key)!]).stream() } : undefined) },
      }),
    );
    const body = (await (await wired.request(`/v1/search?q=${encodeURIComponent('纺织面料')}`)).json()) as { hits: { title: string; snippet: string }[] };
    expect(body.hits.map((h) => h.title)).toEqual(['恒达纺织销售<不合格>面料案']);
    expect(body.hits[0]!.snippet).toContain('<mark>纺织</mark><mark>面料</mark>');
    expect(body.hits[0]!.snippet).toContain('&lt;script&gt;');
  });
});
