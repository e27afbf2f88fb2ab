import { describe, expect, it } from 'vitest';
import { InvalidRecordQuery } from '../../../src/api/records/records-reader.js';
import { BASE, ckanApi, grantFor } from '../../support/ckan-api.js';

/** The datastore resource of a dataset, found as a CKAN client finds it: datastore_active in package_show. */
async function datastoreId(api: ReturnType<typeof ckanApi>, dataset: string): Promise<string> {
  const { body } = await api.call('package_show', { id: dataset });
  return (body.result.resources as { id: string; datastore_active: boolean }[]).find((r) => r.datastore_active)!.id;
}

const numbers = (records: { decisionNumber: string }[]) => records.map((r) => Number(/〔2026〕(\d+)号/.exec(r.decisionNumber)![1]));

describe('datastore_search', () => {
  it("answers CKAN's result keys: fields with _id and CKAN types, records, _links, total", async () => {
    const api = ckanApi();
    const id = await datastoreId(api, 'penalties');
    const { res, body } = await api.call('datastore_search', { resource_id: id, limit: '2' });
    expect(res.status).toBe(200);
    expect(body.help).toBe(`${BASE}/api/3/action/help_show?name=datastore_search`);
    expect(body.result).toMatchObject({ resource_id: id, limit: 2, include_total: true, records_format: 'objects', total: 5, total_was_estimated: false });
    expect(body.result.fields).toEqual([
      { id: '_id', type: 'int' },
      { id: 'decisionNumber', type: 'text', info: { label: '决定文书号', notes: 'Decision number' } },
      { id: 'partyName', type: 'text', info: { label: '当事人名称', notes: 'Party name' } },
      { id: 'fineYuan', type: 'numeric', info: { label: '罚款金额（元）', notes: 'Fine (yuan)' } },
      { id: 'decisionDate', type: 'date', info: { label: '处罚决定日期', notes: 'Decision date' } },
    ]);
    expect(body.result.records[0]).toEqual({
      _id: 1,
      decisionNumber: '绍市监罚〔2026〕1号',
      partyName: '绍兴甲商贸有限公司',
      fineYuan: 5000,
      decisionDate: '2026-03-01',
    });
    expect(body.result._links).toEqual({
      start: `${BASE}/api/3/action/datastore_search?resource_id=${id}&limit=2`,
      next: `${BASE}/api/3/action/datastore_search?resource_id=${id}&limit=2&offset=2`,
    });
  });

  it('pages with offset and limit, numbering _id by position, following _links.next to the end', async () => {
    const api = ckanApi();
    const id = await datastoreId(api, 'penalties');
    const seen: number[] = [];
    let url: string | undefined = `/api/3/action/datastore_search?resource_id=${id}&limit=2`;
    for (let pages = 0; url && pages < 5; pages += 1) {
      const body = (await (await api.app.request(url)).json()) as { result: { records: { _id: number }[]; _links: { next: string } } };
      if (body.result.records.length === 0) break;
      seen.push(...body.result.records.map((r) => r._id));
      url = body.result._links.next.replace(BASE, '');
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const third = await api.call('datastore_search', { resource_id: id, limit: '2', offset: '4' });
    expect(third.body.result._links.prev).toBe(`${BASE}/api/3/action/datastore_search?resource_id=${id}&limit=2&offset=2`);
  });

  it('filters, sorts, searches Chinese text, and selects fields', async () => {
    const api = ckanApi();
    const id = await datastoreId(api, 'penalties');
    const filtered = await api.call('datastore_search', { resource_id: id, filters: '{"fineYuan":5000}', sort: 'decisionDate desc' });
    expect(numbers(filtered.body.result.records)).toEqual([5, 1]);
    expect(filtered.body.result.total).toBe(2);
    const anyOf = await api.call('datastore_search', { resource_id: id, filters: '{"fineYuan":["200","800"]}' });
    expect(numbers(anyOf.body.result.records)).toEqual([2, 4]);
    const sorted = await api.call('datastore_search', { resource_id: id, sort: 'fineYuan desc, decisionDate asc' });
    expect(numbers(sorted.body.result.records)).toEqual([3, 1, 5, 4, 2]);
    const q = await api.call('datastore_search', { resource_id: id, q: '有限公司' });
    expect(numbers(q.body.result.records)).toEqual([1, 3, 4]);
    const perField = await api.call('datastore_search', { resource_id: id, q: '{"partyName":"绍兴"}' });
    expect(numbers(perField.body.result.records)).toEqual([1, 4]);
    expect(perField.body.result.total).toBe(2);
    const fields = await api.call('datastore_search', { resource_id: id, fields: 'partyName,_id', limit: '1' });
    expect((fields.body.result.fields as { id: string }[]).map((f) => f.id)).toEqual(['partyName', '_id']);
    expect(fields.body.result.records).toEqual([{ partyName: '绍兴甲商贸有限公司', _id: 1 }]);
  });

  it('takes a POST JSON body with filters as an object, leaves total out on request, and lists records as lists', async () => {
    const api = ckanApi();
    const id = await datastoreId(api, 'penalties');
    const { body } = await api.call(
      'datastore_search',
      {},
      { body: { resource_id: id, filters: { partyName: '柯桥乙餐饮店' }, include_total: false, records_format: 'lists', fields: ['decisionNumber'] } },
    );
    expect(body.result.records).toEqual([['绍市监罚〔2026〕2号']]);
    expect(body.result).not.toHaveProperty('total');
    expect(body.result._links.next).toBe(
      `${BASE}/api/3/action/datastore_search?resource_id=${id}&filters=%7B%22partyName%22%3A%22%E6%9F%AF%E6%A1%A5%E4%B9%99%E9%A4%90%E9%A5%AE%E5%BA%97%22%7D&include_total=false&records_format=lists&fields=decisionNumber&offset=100`,
    );
  });

  it('lowers a limit above 1000 to 1000, and says so in the result', async () => {
    const api = ckanApi();
    const id = await datastoreId(api, 'penalties');
    const { body } = await api.call('datastore_search', { resource_id: id, limit: '50000' });
    expect(body.result.limit).toBe(1000);
    expect(api.reader.queries.at(-1)!.limit).toBe(1000);
  });

  it('refuses unknown names with 409 Validation Errors naming the parameter, and unknown resources with 404', async () => {
    const api = ckanApi();
    const id = await datastoreId(api, 'penalties');
    const cases: [Record<string, string>, Record<string, unknown>][] = [
      [{ resource_id: id, filters: '{"colour":"red"}' }, { filters: ['invalid value "colour"'] }],
      [{ resource_id: id, sort: 'colour desc' }, { sort: ['invalid value "colour desc"'] }],
      [{ resource_id: id, fields: 'colour' }, { fields: ['invalid value "colour"'] }],
      [{ resource_id: id, filters: '{oops' }, { filters: ['Cannot parse JSON'] }],
      [{ resource_id: id, limit: '-1' }, { limit: ['Must be a natural number'] }],
      [{ resource_id: id, page: '2' }, { __junk: ["The input field ['page'] was not expected."] }],
      [{}, { resource_id: ['Missing value'] }],
    ];
    for (const [params, error] of cases) {
      const { res, body } = await api.call('datastore_search', params);
      expect(res.status).toBe(409);
      expect(body).toMatchObject({ success: false, error: { __type: 'Validation Error', ...error } });
    }
    const csvEn = (await api.call('package_show', { id: 'penalties' })).body.result.resources[1].id as string;
    for (const resource_id of [csvEn, 'nope']) {
      const { res, body } = await api.call('datastore_search', { resource_id });
      expect(res.status).toBe(404);
      expect(body.error).toEqual({ __type: 'Not Found Error', message: `Not found: Resource "${resource_id}" was not found.` });
    }
  });

  it("maps the reader's InvalidRecordQuery to a Validation Error naming its parameter", async () => {
    const api = ckanApi({ records: { query: () => Promise.reject(new InvalidRecordQuery('q', 'too long')) } });
    const id = await datastoreId(api, 'penalties');
    const { res, body } = await api.call('datastore_search', { resource_id: id, q: 'x' });
    expect(res.status).toBe(409);
    expect(body.error).toEqual({ __type: 'Validation Error', q: ['too long'] });
  });
});

describe('datastore_search on a restricted dataset', () => {
  it('refuses anonymous callers with 403 Authorization Error and reads nothing', async () => {
    const api = ckanApi();
    const id = await datastoreId(api, 'transactions');
    const { res, body } = await api.call('datastore_search', { resource_id: id });
    expect(res.status).toBe(403);
    expect(body).toMatchObject({ success: false, error: { __type: 'Authorization Error' } });
    expect(body.error.message).toMatch(/^Access denied: .*受限开放/);
    expect(body).not.toHaveProperty('result');
    expect(api.reader.queries).toHaveLength(0);
  });

  it('refuses a grant for another dataset, an expired grant and a revoked one', async () => {
    const api = ckanApi();
    const id = await datastoreId(api, 'transactions');
    for (const grant of [
      grantFor('penalties'),
      grantFor('transactions', { expiresAt: '2026-12-01T00:00:00.000Z' }),
      grantFor('transactions', { status: 'revoked' }),
    ]) {
      const { res, body } = await api.call('datastore_search', { resource_id: id }, { grant });
      expect(res.status).toBe(403);
      expect(body.error.__type).toBe('Authorization Error');
    }
    expect(api.reader.queries).toHaveLength(0);
  });

  it("serves a valid grant's fields only, and refuses filtering, sorting or selecting a field outside the grant", async () => {
    const api = ckanApi();
    const id = await datastoreId(api, 'transactions');
    const grant = grantFor('transactions');
    const { res, body } = await api.call('datastore_search', { resource_id: id, limit: '1' }, { grant });
    expect(res.status).toBe(200);
    expect((body.result.fields as { id: string }[]).map((f) => f.id)).toEqual(['_id', 'decisionNumber', 'fineYuan']);
    expect(body.result.records).toEqual([{ _id: 1, decisionNumber: '绍市监罚〔2026〕1号', fineYuan: 5000 }]);
    expect(api.reader.queries.at(-1)!.fields).toEqual(['decisionNumber', 'fineYuan']);
    const outside: Record<string, string>[] = [
      { filters: '{"partyName":"柯桥乙餐饮店"}' },
      { sort: 'partyName asc' },
      { fields: 'partyName' },
      { q: '{"partyName":"绍兴"}' },
    ];
    for (const params of outside) {
      const refused = await api.call('datastore_search', { resource_id: id, ...params }, { grant });
      expect(refused.res.status).toBe(403);
      expect(refused.body.error.__type).toBe('Authorization Error');
    }
  });
});
