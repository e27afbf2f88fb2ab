import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEnv } from '../../src/api/app.js';
import { openCorpusApi, urlOf, type ApiCase } from './support/api-target.js';
import { loadCases } from './support/load-cases.js';

/** What an answer must never carry: a stack frame, a source or machine path, a database engine's own error. */
const LEAKS = [
  /\bat [^\s]+ \(/,
  /\.[cm]?[jt]s:\d+/,
  /node_modules/,
  /\/(src|home|work|tmp|Users|var|opt)\//,
  /(Binder|Parser|Catalog|Conversion|Invalid Input) Error/,
  /duckdb/i,
  /\b(TypeError|RangeError|SyntaxError|ReferenceError)\b/,
];

const cases = await loadCases<ApiCase>('api');

/** The refusal's shape: CKAN's envelope under /api/, a portal page or a problem on the portal, RFC 9457 elsewhere. */
function expectRefusalShape(path: string, status: number, contentType: string, text: string): void {
  if (path.startsWith('/api/')) {
    expect(contentType).toMatch(/^application\/json/);
    // CKAN answers an action it does not know with a bare JSON string, and everything else in its envelope.
    const body = JSON.parse(text) as string | { success: boolean };
    if (typeof body === 'string') expect(body).toMatch(/^Bad request - /);
    else expect(body.success).toBe(false);
    return;
  }
  if (contentType.startsWith('text/html')) {
    expect(path.startsWith('/v1/')).toBe(false);
    return;
  }
  expect(contentType).toBe('application/problem+json');
  const problem = JSON.parse(text) as { type: string; title: string; status: number; detail: string };
  expect(problem.status).toBe(status);
  expect(problem.type).toMatch(/^\/problems\//);
  expect(problem.title).toMatch(/ \/ /);
  expect(problem.detail.length).toBeGreaterThan(0);
}

describe('bad-input corpus: API requests', () => {
  let app: Hono<ApiEnv>;
  let close: () => Promise<void>;
  let logged: unknown[];
  beforeAll(async () => {
    ({ app, close, logged } = await openCorpusApi());
  });
  afterAll(() => close());

  it.each(cases)('$title', async ({ case: c }) => {
    const { method = 'GET', headers = {}, body } = c.request;
    const response = await app.request(urlOf(c.request), { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    const summary = `${response.status} ${text.slice(0, 400)}`;
    expect(response.status, summary).toBeLessThan(500);
    expect(logged, 'an internal failure was logged').toEqual([]);
    const { status } = c.expect;
    if (typeof status === 'number') expect(response.status, summary).toBe(status);
    else expect(`${String(response.status)[0]}xx`, summary).toBe(status);
    const contentType = response.headers.get('content-type') ?? '';
    // A served file (Parquet names its writer) is not an answer that could leak; every text answer is.
    if (/json|text|html/.test(contentType)) for (const leak of LEAKS) expect(text, `the body leaks ${leak}`).not.toMatch(leak);
    if (response.status >= 400) expectRefusalShape(c.request.path.split('?')[0]!, response.status, contentType, text);
    if (c.expect.param !== undefined) {
      const problem = JSON.parse(text) as { invalidParams?: { name: string }[] };
      expect(
        problem.invalidParams?.map((p) => p.name),
        summary,
      ).toContain(c.expect.param);
    }
    if (c.expect.records !== undefined) expect((JSON.parse(text) as { records: unknown[] }).records, summary).toHaveLength(c.expect.records);
  });
});
