import { describe, expect, it } from 'vitest';
import { createApi } from '../../../../src/api/app.js';
import { PORTAL_CSP, portalPaths } from '../../../../src/api/routes/portal.js';
import type { DatasetConfig } from '../../../../src/config/catalog.js';
import { releaseColumns } from '../../../../src/grading/index.js';
import { testApiDeps } from '../../../support/api-deps.js';
import { DATASET_DEFAULTS } from '../../../support/dataset-config.js';

const open = {
  ...DATASET_DEFAULTS,
  id: 'penalties',
  recordType: 'enforcement-decision',
  fields: ['decisionNumber', 'partyName'],
  title: { zh: '行政处罚<img src=x onerror=alert(1)>', en: 'Penalties "quoted"' },
} satisfies DatasetConfig;
const restricted = {
  ...open,
  id: 'transactions',
  title: { zh: '产权交易结果', en: 'Property-rights results' },
  grades: { partyName: 'L2' },
} satisfies DatasetConfig;

const app = createApi(testApiDeps({ datasets: async () => [open, restricted] }));
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

/** The security headers every portal page carries. */
function expectPageHeaders(response: Response) {
  expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const csp = response.headers.get('content-security-policy')!;
  expect(csp).toBe(PORTAL_CSP);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  expect(response.headers.get('cache-control')).toBe('no-cache');
}

/** No inline script, style attribute or event handler, nothing from another origin, every link relative. */
function expectSelfContained(page: string, root: string) {
  expect(page).toMatch(/^<!doctype html>\s*<html lang="zh-CN"/);
  for (const script of page.match(/<script\b[^>]*>/g) ?? []) expect(script).toMatch(new RegExp(`src="${root.replace('.', '\\.')}assets/[\\w-]+\\.js"`));
  expect(page).not.toMatch(/<script\b[^>]*>[^<]+<\/script>/);
  expect(page).not.toMatch(/<[^>]*\s(?:style|on[a-z]+)=/i);
  expect(page).not.toMatch(/(?:src|href|action)="(?:https?:)?\/\//);
  expect(page).not.toMatch(/(?:src|href|action)="\//);
}

describe('the portal pages', () => {
  it('GET / answers the catalog page: Chinese first, a search box and both filters, only its own assets', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expectPageHeaders(response);
    const page = await response.text();
    expectSelfContained(page, './');
    expect(page).toContain('data-root="./"');
    expect(page).toContain('<link rel="stylesheet" href="./assets/portal.css"');
    expect(page).toMatch(/<input id="q" name="q" type="search"/);
    expect(page).toMatch(/<select id="theme" name="theme">/);
    expect(page).toMatch(/<option value="restricted">受限开放/);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"');
  });

  it('answers 304 with the ETag to a matching If-None-Match (weak or in a list), and the page otherwise', async () => {
    const etag = (await get('/')).headers.get('etag')!;
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const again = await get('/', { 'if-none-match': header });
      expect(again.status, header).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
    }
    expect((await get('/', { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('a dataset page escapes the dataset title and links relative to itself', async () => {
    const response = await get('/datasets/penalties');
    expect(response.status).toBe(200);
    expectPageHeaders(response);
    const page = await response.text();
    expectSelfContained(page, '../');
    expect(page).toContain('data-root="../"');
    expect(page).toContain('行政处罚&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain('Penalties &quot;quoted&quot;');
    expect(page).not.toContain('<img');
    expect(page).toContain('data-dataset-id="penalties" data-category="open"');
    expect(page).toContain('src="../assets/dataset.js"');
    // Open data needs no application.
    expect(page).not.toContain('id="application"');
  });

  it('a restricted dataset page carries the application form, one checkbox per released field', async () => {
    const page = await (await get('/datasets/transactions')).text();
    expect(page).toContain('data-category="restricted"');
    expect(page).toContain('<form id="application"');
    const offered = [...page.matchAll(/<input type="checkbox" name="fields" value="([^"]+)"/g)].map((m) => m[1]);
    expect(offered).toEqual(releaseColumns(restricted).map((c) => c.field));
    for (const param of ['applicant.name', 'applicant.organization', 'applicant.email', 'applicant.phone', 'useScenario', 'period.from', 'period.to']) {
      expect(page).toContain(`id="${param}" name="${param}"`);
      expect(page).toContain(`data-error-for="${param}"`);
    }
    expect(page).toContain('data-error-for="fields"');
  });

  it('an unknown dataset is a 404 page in the portal, naming the id escaped', async () => {
    const response = await get('/datasets/%3Cb%3Enope');
    expect(response.status).toBe(404);
    expectPageHeaders(response);
    const page = await response.text();
    expect(page).toContain('&lt;b&gt;nope');
    expect(page).not.toContain('<b>nope');
  });

  it('describes both pages in OpenAPI 3.1 with an operationId and an HTML response', () => {
    expect(Object.keys(portalPaths).sort()).toEqual(['/', '/datasets/{id}']);
    const ids = new Set<unknown>();
    for (const item of Object.values(portalPaths)) {
      const operation = item.get as { operationId: string; summary: string; responses: Record<string, { content?: Record<string, unknown> }> };
      ids.add(operation.operationId);
      expect(operation.summary).toBeTruthy();
      expect(Object.keys(operation.responses['200']!.content!)).toEqual(['text/html']);
    }
    expect(ids.size).toBe(2);
    expect(portalPaths['/datasets/{id}']!.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
  });
});
