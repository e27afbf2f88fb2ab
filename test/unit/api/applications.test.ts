import { describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/app.js';
import { applicationPaths } from '../../../src/api/routes/applications.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { testApiDeps } from '../../support/api-deps.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { issuedGrant } from '../../support/grants.js';
import { MemoryGrantStore } from '../../support/memory-grant-store.js';

const open = { ...DATASET_DEFAULTS, id: 'penalties', recordType: 'enforcement-decision', fields: ['decisionNumber', 'partyName'] } satisfies DatasetConfig;
const restricted = { ...open, id: 'transactions', fields: ['decisionNumber', 'partyName', 'amount'] } satisfies DatasetConfig;

function api() {
  const store = new MemoryGrantStore();
  const app = createApi(
    testApiDeps({
      grants: store,
      datasets: async () => [open, restricted],
      category: (d) => (d.id === 'transactions' ? 'restricted' : 'open'),
      now: () => new Date('2026-12-01T02:00:00.000Z'),
    }),
  );
  return { store, app };
}

const application = {
  applicant: { name: '王五', organization: '绍兴某科技公司', email: 'wang@example.cn', phone: '13800000000' },
  datasetId: 'transactions',
  fields: ['amount', 'decisionNumber'],
  useScenario: '开发产权交易价格指数，服务企业融资决策',
  period: { from: '2026-12-01', to: '2027-05-31' },
};

const post = (app: ReturnType<typeof api>['app'], body: string, type = 'application/json') =>
  app.request('https://data.example/v1/applications', { method: 'POST', headers: { 'content-type': type }, body });

type Problem = { status: number; detail: string; invalidParams: { name: string; reason: string }[] };

describe('POST /v1/applications', () => {
  it('stores a JSON application pending, fields in the dataset order, and answers 201 with its status URL', async () => {
    const { app, store } = api();
    const response = await post(app, JSON.stringify(application));
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as { id: string; status: string; submittedAt: string; statusUrl: string };
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'pending',
      submittedAt: '2026-12-01T02:00:00.000Z',
      statusUrl: `https://data.example/v1/applications/${body.id}`,
    });
    expect(response.headers.get('location')).toBe(body.statusUrl);
    expect(await store.getApplication(body.id)).toMatchObject({ ...application, fields: ['decisionNumber', 'amount'], status: 'pending' });
  });

  it('takes the same application as an HTML form', async () => {
    const { app, store } = api();
    const form = new URLSearchParams({
      'applicant.name': '王五',
      'applicant.organization': '绍兴某科技公司',
      'applicant.email': 'wang@example.cn',
      datasetId: 'transactions',
      useScenario: application.useScenario,
      'period.from': '2026-12-01',
      'period.to': '2027-05-31',
    });
    form.append('fields', 'amount');
    form.append('fields', 'partyName');
    const response = await post(app, form.toString(), 'application/x-www-form-urlencoded');
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect((await store.getApplication(id))?.fields).toEqual(['partyName', 'amount']);
  });

  it('answers 400 naming every field at fault', async () => {
    const { app, store } = api();
    const response = await post(app, JSON.stringify({ ...application, applicant: { name: '王五', email: 'nope' }, useScenario: '短', fields: [] }));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as Problem;
    expect(problem.invalidParams.map((p) => p.name).sort()).toEqual(['applicant.email', 'applicant.organization', 'fields', 'useScenario']);
    expect(problem.detail).toContain('applicant.organization');
    const content = (await (
      await post(app, JSON.stringify({ ...application, fields: ['amount', 'secret'], period: { from: '2026-12-01', to: '2028-01-01' } }))
    ).json()) as Problem;
    expect(content.invalidParams.map((p) => p.name)).toEqual(['fields[1]', 'period.to']);
    expect(store.applications.size).toBe(0);
  });

  it('says an open dataset needs no application; refuses bodies that are not JSON or a form', async () => {
    const { app } = api();
    const opened = (await (await post(app, JSON.stringify({ ...application, datasetId: 'penalties', fields: ['partyName'] }))).json()) as Problem;
    expect(opened.invalidParams).toEqual([{ name: 'datasetId', reason: expect.stringContaining('open data (无条件开放)') }]);
    expect(((await (await post(app, '{', 'application/json')).json()) as Problem).invalidParams[0]!.name).toBe('body');
    expect(((await (await post(app, 'x', 'text/plain')).json()) as Problem).invalidParams[0]!.name).toBe('content-type');
    expect((await post(app, JSON.stringify({ ...application, useScenario: 'x'.repeat(40_000) }))).status).toBe(400);
  });
});

describe('GET /v1/applications/{id}', () => {
  it("tells the status and, once approved, the grant's terms — never the applicant's personal data or the key", async () => {
    const { app, store } = api();
    const { application: approved, grant, key } = await issuedGrant(store, 'transactions', ['amount']);
    const response = await app.request(`https://data.example/v1/applications/${approved.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({
      id: approved.id,
      status: 'approved',
      datasetId: 'transactions',
      grant: { keyId: grant.keyId, expiresAt: grant.expiresAt, quotaPerDay: grant.quotaPerDay, status: 'active' },
    });
    for (const secret of [key, key.slice(20), approved.applicant.email, approved.applicant.name, approved.applicant.phone!]) expect(text).not.toContain(secret);
  });

  it('404s an unknown id', async () => {
    const { app } = api();
    expect((await app.request('https://data.example/v1/applications/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await app.request('https://data.example/v1/applications/..%2Fetc')).status).toBe(404);
  });

  it('documents both operations with ids, schemas and responses', () => {
    const post = applicationPaths['/v1/applications']!.post as {
      operationId: string;
      requestBody: { content: Record<string, { schema: { required: string[] } }> };
    };
    expect(post.operationId).toBe('submitApplication');
    expect(Object.keys(post.requestBody.content)).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    expect(post.requestBody.content['application/json']!.schema.required).toContain('useScenario');
    expect((applicationPaths['/v1/applications/{id}']!.get as { operationId: string }).operationId).toBe('getApplication');
  });
});
