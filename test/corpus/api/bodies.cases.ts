import type { ApiCase } from '../support/api-target.js';

/** Bodies too large or too deep to keep as data: POSTs to the routes that take a body. */
const deep = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const deepObject = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
const json = { 'content-type': 'application/json' };
const post = (name: string, path: string, body: string, headers: Record<string, string>, status: ApiCase['expect']['status']): ApiCase => ({
  name,
  request: { method: 'POST', path, headers, body },
  expect: { status },
});
const APPLY = '/v1/applications';
const CKAN = '/api/3/action/package_show';

export const cases: readonly ApiCase[] = [
  post('application 10,000-level array', APPLY, deep(10_000), json, 400),
  post('application 10,000-level object', APPLY, deepObject(10_000), json, 400),
  post('application 1 MiB body', APPLY, JSON.stringify({ useScenario: 'x'.repeat(1024 * 1024) }), json, 400),
  post('application 1 MiB form', APPLY, `useScenario=${'x'.repeat(1024 * 1024)}`, { 'content-type': 'application/x-www-form-urlencoded' }, 400),
  post('application text/plain', APPLY, '{}', { 'content-type': 'text/plain' }, 400),
  post('application multipart', APPLY, '--b\r\n\r\n--b--', { 'content-type': 'multipart/form-data; boundary=b' }, 400),
  post('application no content type', APPLY, '{}', {}, 400),
  post('application NaN literal', APPLY, '{"datasetId":"transactions","period":{"from":NaN}}', json, 400),
  post('application duplicate keys', APPLY, '{"datasetId":"penalties","datasetId":"../../grants"}', json, 400),
  post('application truncated json', APPLY, '{"applicant":{"name":"王', json, 400),
  post('application json null', APPLY, 'null', json, 400),
  post('application json string', APPLY, '"application"', json, 400),
  post('application prototype pollution', APPLY, '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', json, 400),
  post('application invalid utf-8', APPLY, Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]).toString('latin1'), json, 400),
  post('application BOM before json', APPLY, '\ufeff{}', json, 400),
  post('application dataset id sql', APPLY, JSON.stringify({ datasetId: "transactions' OR '1'='1", fields: ['amount'] }), json, 400),
  post('application fields traversal', APPLY, JSON.stringify({ datasetId: 'penalties', fields: ['../../grants'] }), json, 400),
  post(
    'application 10 KB every string',
    APPLY,
    JSON.stringify({ applicant: { name: 'n'.repeat(10_240), email: 'e'.repeat(10_240) }, datasetId: 'd'.repeat(10_240) }),
    json,
    400,
  ),
  post(
    'application form with repeated fields',
    APPLY,
    'datasetId=penalties&datasetId=transactions',
    { 'content-type': 'application/x-www-form-urlencoded' },
    400,
  ),
  post('ckan 10,000-level body', CKAN, deepObject(10_000), json, '4xx'),
  post('ckan 1 MiB body', CKAN, JSON.stringify({ id: 'p'.repeat(1024 * 1024) }), json, '4xx'),
  {
    name: 'records query of 10 KB in every reserved parameter',
    request: {
      path: '/v1/datasets/penalties/records',
      query: ['q', 'sort', 'fields', 'cursor', 'release', 'include_total'].map((name) => [name, 'x'.repeat(10_240)] as const),
    },
    expect: { status: '4xx' },
  },
];
