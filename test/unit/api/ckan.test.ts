import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ckanPaths } from '../../../src/api/routes/ckan.js';
import { BASE, ckanApi, FIRST_PENALTIES, LATEST } from '../../support/ckan-api.js';

/** CKAN 2.10's package_show of a full dataset (ckan/tests/logic/action/test_get.py, test_package_show_with_full_dataset; the same in 2.11). */
const fixture = JSON.parse(readFileSync(new URL('./fixtures/ckan-2.10-package-show.json', import.meta.url), 'utf8')) as Record<string, unknown> & {
  resources: Record<string, unknown>[];
  organization: Record<string, unknown>;
  tags: Record<string, unknown>[];
  groups: Record<string, unknown>[];
};

const keysOf = (value: object) => Object.keys(value).sort();

describe('CKAN envelope', () => {
  it('status_show answers { help, success, result } with the site, a CKAN 2.10 version and the datastore extension', async () => {
    const { call } = ckanApi();
    const { res, body } = await call('status_show');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(keysOf(body)).toEqual(['help', 'result', 'success']);
    expect(body.help).toBe(`${BASE}/api/3/action/help_show?name=status_show`);
    expect(body.success).toBe(true);
    expect(body.result).toMatchObject({ site_url: BASE, extensions: ['datastore'] });
    expect(body.result.ckan_version).toMatch(/^2\.10\.\d+$/);
    expect(typeof body.result.site_title).toBe('string');
    expect(typeof body.result.site_description).toBe('string');
  });

  it('answers an unknown action with CKAN 400 string, unreadable JSON with 400, and help_show with the action text', async () => {
    const { app, call } = ckanApi();
    const unknown = await app.request('/api/3/action/package_delete');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toBe('Bad request - Action name not known: package_delete');
    const bad = await app.request('/api/3/action/package_show', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{id:' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatch(/^Bad request - JSON Error/);
    const help = await call('help_show', { name: 'datastore_search' });
    expect(help.body.result).toContain(':param resource_id:');
    expect((await call('help_show', { name: 'nope' })).res.status).toBe(404);
  });

  it('serves the unversioned /api/action/ path CKAN also serves', async () => {
    const { app } = ckanApi();
    const res = await app.request('/api/action/package_list');
    expect(((await res.json()) as { result: string[] }).result).toEqual(['licences', 'penalties', 'transactions']);
  });
});

describe('package_list', () => {
  it('lists names in name order and pages with limit and offset', async () => {
    const { call } = ckanApi();
    expect((await call('package_list')).body.result).toEqual(['licences', 'penalties', 'transactions']);
    expect((await call('package_list', { limit: '1', offset: '1' })).body.result).toEqual(['penalties']);
  });

  it('refuses a bad limit and an unknown parameter with a 409 Validation Error naming it', async () => {
    const { call } = ckanApi();
    const bad = await call('package_list', { limit: 'ten' });
    expect(bad.res.status).toBe(409);
    expect(bad.body).toEqual({
      help: `${BASE}/api/3/action/help_show?name=package_list`,
      success: false,
      error: { __type: 'Validation Error', limit: ['Invalid integer'] },
    });
    expect((await call('package_list', { offset: '-1' })).body.error).toEqual({ __type: 'Validation Error', offset: ['Must be a natural number'] });
    expect((await call('package_list', { page: '2' })).body.error).toEqual({ __type: 'Validation Error', page: ['The input field page was not expected.'] });
  });
});

describe('package_show and resource_show', () => {
  it("has every key of CKAN 2.10's package, organization, tag, group and resource", async () => {
    const { body } = await ckanApi().call('package_show', { id: 'penalties' });
    const pkg = body.result;
    expect(keysOf(pkg)).toEqual(expect.arrayContaining(keysOf(fixture)));
    expect(keysOf(pkg.organization)).toEqual(expect.arrayContaining(keysOf(fixture.organization)));
    expect(keysOf(pkg.tags[0])).toEqual(expect.arrayContaining(keysOf(fixture.tags[0]!)));
    expect(keysOf(pkg.groups[0])).toEqual(expect.arrayContaining(keysOf(fixture.groups[0]!)));
    for (const resource of pkg.resources) expect(keysOf(resource)).toEqual(expect.arrayContaining([...keysOf(fixture.resources[0]!), 'datastore_active']));
  });

  it('maps the dataset: titles, organization by pinyin, licence, tags, theme group, first and latest release times, extras', async () => {
    const { body } = await ckanApi().call('package_show', { id: 'penalties' });
    const pkg = body.result;
    expect(pkg).toMatchObject({
      id: 'penalties',
      name: 'penalties',
      title: '行政处罚决定公示',
      title_translated: { zh_Hans_CN: '行政处罚决定公示', en: 'Administrative penalty decisions' },
      notes: '绍兴市各执法部门作出的行政处罚决定',
      type: 'dataset',
      state: 'active',
      private: false,
      license_id: 'CC-BY-4.0',
      license_url: 'https://creativecommons.org/licenses/by/4.0/',
      isopen: true,
      metadata_created: FIRST_PENALTIES.createdAt.replace('Z', ''),
      metadata_modified: LATEST.penalties!.createdAt.replace('Z', ''),
      num_resources: 5,
      num_tags: 2,
      organization: { name: 'shao-xing-shi-shi-chang-jian-du-guan-li-ju', title: '绍兴市市场监督管理局', is_organization: true },
      groups: [{ name: 'just', title: '司法、法律制度和公共安全' }],
    });
    expect(pkg.owner_org).toBe(pkg.organization.id);
    expect((pkg.tags as { name: string }[]).map((t) => t.name)).toEqual(['行政处罚', '双公示']);
    expect(pkg.extras).toEqual(
      expect.arrayContaining([
        { key: 'category', value: 'open' },
        { key: 'grade', value: 'L1' },
        { key: 'update_frequency', value: 'weekly' },
      ]),
    );
  });

  it('lists one resource per download format, absolute on the public base URL, the CSV one in the datastore', async () => {
    const { body } = await ckanApi().call('package_show', { id: 'penalties' });
    const resources = body.result.resources as Record<string, unknown>[];
    expect(resources.map((r) => r.format)).toEqual(['CSV', 'CSV', 'JSONL', 'Parquet', 'XLSX']);
    expect(resources.map((r) => r.url)).toEqual(['csv', 'csv-en', 'jsonl', 'parquet', 'xlsx'].map((f) => `${BASE}/v1/datasets/penalties/download?format=${f}`));
    expect(resources.map((r) => r.datastore_active)).toEqual([true, false, false, false, false]);
    expect(resources[0]).toMatchObject({ package_id: 'penalties', mimetype: 'text/csv', size: 100, hash: 'sha-csv', position: 0 });
    expect(new Set(resources.map((r) => r.id)).size).toBe(5);
    for (const r of resources) expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Stable: the same dataset and format give the same id on another request (and after another release).
    const again = await ckanApi({ latestRelease: async () => ({ ...LATEST.penalties!, releaseId: 'later' }) }).call('package_show', { id: 'penalties' });
    expect((again.body.result.resources as { id: string }[]).map((r) => r.id)).toEqual(resources.map((r) => r.id));
  });

  it("shows a restricted dataset's metadata with the restricted marker and a closed licence", async () => {
    const { body } = await ckanApi().call('package_show', { id: 'transactions' });
    expect(body.result.isopen).toBe(false);
    expect(body.result.extras).toEqual(
      expect.arrayContaining([
        { key: 'category', value: 'restricted' },
        { key: 'grant_required', value: 'true' },
        { key: 'grade', value: 'L2' },
      ]),
    );
  });

  it('reads id from a POST JSON body; a missing id is a Validation Error, an unknown one Not Found', async () => {
    const { call } = ckanApi();
    expect((await call('package_show', {}, { body: { id: 'licences' } })).body.result.license_title).toBe('Creative Commons CCZero 1.0');
    const missing = await call('package_show');
    expect(missing.res.status).toBe(409);
    expect(missing.body.error).toEqual({ __type: 'Validation Error', name_or_id: ['Missing value'] });
    const unknown = await call('package_show', { id: 'nope' });
    expect(unknown.res.status).toBe(404);
    expect(unknown.body).toMatchObject({ success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
  });

  it('resource_show finds a resource by id, and 404s an unknown one', async () => {
    const { call } = ckanApi();
    const resource = (await call('package_show', { id: 'licences' })).body.result.resources[3];
    const shown = await call('resource_show', { id: resource.id });
    expect(shown.body.result).toEqual(resource);
    expect((await call('resource_show', { id: '00000000-0000-5000-8000-000000000000' })).res.status).toBe(404);
  });
});

describe('ckanPaths', () => {
  it('documents every action with an operationId, a summary, typed parameters and response schemas', () => {
    const actions = ['status_show', 'package_list', 'package_search', 'package_show', 'resource_show', 'datastore_search'];
    for (const action of actions) expect(Object.keys(ckanPaths)).toContain(`/api/3/action/${action}`);
    const ids = new Set<string>();
    for (const item of Object.values(ckanPaths)) {
      for (const op of Object.values(item) as {
        operationId: string;
        summary: string;
        parameters?: { schema: { type: string } }[];
        responses: Record<string, { content: Record<string, { schema: object }> }>;
      }[]) {
        expect(op.summary.length).toBeGreaterThan(0);
        expect(ids.has(op.operationId)).toBe(false);
        ids.add(op.operationId);
        for (const p of op.parameters ?? []) expect(['string', 'integer', 'boolean']).toContain(p.schema.type);
        for (const status of ['200', '403', '404', '409']) expect(op.responses[status]!.content['application/json']!.schema).toBeTypeOf('object');
      }
    }
  });
});
