import { describe, expect, it } from 'vitest';
import { BASE, ckanApi } from '../../support/ckan-api.js';

const names = (body: { result: { results: { name: string }[] } }) => body.result.results.map((r) => r.name);

describe('package_search', () => {
  it("answers CKAN's result keys, with CKAN's default sort, restricted datasets included", async () => {
    const { res, body } = await ckanApi().call('package_search');
    expect(res.status).toBe(200);
    expect(body.help).toBe(`${BASE}/api/3/action/help_show?name=package_search`);
    expect(Object.keys(body.result).sort()).toEqual(['count', 'facets', 'results', 'search_facets', 'sort']);
    expect(body.result).toMatchObject({ count: 3, sort: 'score desc, metadata_modified desc', facets: {}, search_facets: {} });
    // No q: equal scores, then metadata_modified descending.
    expect(names(body)).toEqual(['transactions', 'penalties', 'licences']);
    expect(body.result.results[0].resources).toHaveLength(5);
  });

  it('finds Chinese substrings, English words and field:value in q', async () => {
    const { call } = ckanApi();
    expect(names((await call('package_search', { q: '执法部门' })).body)).toEqual(['penalties']);
    expect(names((await call('package_search', { q: '双公示' })).body).sort()).toEqual(['licences', 'penalties']);
    expect(names((await call('package_search', { q: 'property' })).body)).toEqual(['transactions']);
    expect(names((await call('package_search', { q: '行政 许可' })).body)).toEqual(['licences']);
    expect(names((await call('package_search', { q: 'tags:产权交易' })).body)).toEqual(['transactions']);
    expect((await call('package_search', { q: '没有这个词' })).body.result.count).toBe(0);
  });

  it('ranks by score: a title match before a match elsewhere', async () => {
    // 处罚 is in penalties' title and tag, and only in licences' notes; licences is older, so only the score puts penalties first.
    const { body } = await ckanApi().call('package_search', { q: '处罚', sort: 'score desc, metadata_modified asc' });
    expect(names(body)).toEqual(['penalties', 'licences']);
    const unscored = await ckanApi().call('package_search', { q: '处罚', sort: 'metadata_modified asc' });
    expect(names(unscored.body)).toEqual(['licences', 'penalties']);
  });

  it('filters with fq on organization, tags, res_format, groups, license_id and the category extra', async () => {
    const { call } = ckanApi();
    const fq = async (filter: string) => names((await call('package_search', { fq: filter, sort: 'name asc' })).body);
    expect(await fq('organization:shao-xing-shi-gong-gong-zi-yuan-jiao-yi-zhong-xin')).toEqual(['transactions']);
    expect(await fq('tags:双公示')).toEqual(['licences', 'penalties']);
    expect(await fq('res_format:Parquet')).toEqual(['licences', 'penalties', 'transactions']);
    expect(await fq('groups:gove')).toEqual(['licences']);
    expect(await fq('license_id:CC0-1.0')).toEqual(['licences']);
    expect(await fq('category:restricted')).toEqual(['transactions']);
    expect(await fq('extras_category:open')).toEqual(['licences', 'penalties']);
    expect(await fq('tags:双公示 -groups:gove')).toEqual(['penalties']);
    expect(await fq('groups:just OR groups:econ')).toEqual(['penalties', 'transactions']);
    expect(await fq('+groups:(just OR gove) +license_id:CC-BY-4.0')).toEqual(['penalties']);
  });

  it("takes the CKAN harvester's metadata_modified range and fq_list", async () => {
    const { call } = ckanApi();
    const since = await call('package_search', { fq: 'metadata_modified:[2026-12-01T00:00:00.000000Z TO *]', sort: 'id asc' });
    expect(names(since.body)).toEqual(['penalties', 'transactions']);
    const list = await call('package_search', {}, { body: { fq_list: ['tags:双公示', 'groups:just'] } });
    expect(names(list.body)).toEqual(['penalties']);
  });

  it('pages with start and rows, and lowers rows above 1000 to 1000 as CKAN does', async () => {
    const { call } = ckanApi();
    const first = await call('package_search', { sort: 'name asc', rows: '2' });
    const second = await call('package_search', { sort: 'name asc', rows: '2', start: '2' });
    expect(first.body.result.count).toBe(3);
    expect([...names(first.body), ...names(second.body)]).toEqual(['licences', 'penalties', 'transactions']);
    const many = await call('package_search', { rows: '5000' });
    expect(many.res.status).toBe(200);
    expect(many.body.result.results).toHaveLength(3);
  });

  it('sorts by name, metadata_modified and several keys', async () => {
    const { call } = ckanApi();
    expect(names((await call('package_search', { sort: 'name desc' })).body)).toEqual(['transactions', 'penalties', 'licences']);
    expect(names((await call('package_search', { sort: 'metadata_modified asc' })).body)).toEqual(['licences', 'penalties', 'transactions']);
    const scored = await call('package_search', { q: '双公示', sort: 'score desc, metadata_modified desc' });
    expect(names(scored.body)).toEqual(['penalties', 'licences']);
  });

  it('counts facets as facets and search_facets, with display names', async () => {
    const { body } = await ckanApi().call('package_search', { 'facet.field': '["tags","organization","license_id"]', rows: '0' });
    expect(body.result.results).toEqual([]);
    expect(body.result.facets.tags).toEqual({ 双公示: 2, 行政处罚: 1, 行政许可: 1, 产权交易: 1 });
    expect(body.result.facets.organization).toEqual({
      'shao-xing-shi-shi-chang-jian-du-guan-li-ju': 2,
      'shao-xing-shi-gong-gong-zi-yuan-jiao-yi-zhong-xin': 1,
    });
    expect(body.result.search_facets.organization).toEqual({
      title: 'organization',
      items: [
        { name: 'shao-xing-shi-shi-chang-jian-du-guan-li-ju', display_name: '绍兴市市场监督管理局', count: 2 },
        { name: 'shao-xing-shi-gong-gong-zi-yuan-jiao-yi-zhong-xin', display_name: '绍兴市公共资源交易中心', count: 1 },
      ].sort((a, b) => (a.display_name < b.display_name ? 1 : -1)),
    });
    expect(body.result.search_facets.license_id.items).toContainEqual({ name: 'CC0-1.0', display_name: 'Creative Commons CCZero 1.0', count: 1 });
    const limited = await ckanApi().call('package_search', { 'facet.field': '["tags"]', 'facet.limit': '1' });
    expect(limited.body.result.facets.tags).toEqual({ 双公示: 2 });
  });

  it('refuses a bad sort, an unknown fq field, a broken fq and an unknown parameter with 400 Search Query Error', async () => {
    const { call } = ckanApi();
    const refused: Record<string, string>[] = [{ sort: 'popularity desc' }, { fq: 'colour:red' }, { fq: 'tags:(a OR b' }, { page: '2' }];
    for (const params of refused) {
      const { res, body } = await call('package_search', params);
      expect(res.status).toBe(400);
      expect(body.success).toBe(false);
      expect(body.error.__type).toBe('Search Query Error');
      expect(body.error.message).toMatch(/^Search Query is invalid: /);
    }
    const bad = await call('package_search', { rows: 'many' });
    expect(bad.res.status).toBe(409);
    expect(bad.body.error).toEqual({ __type: 'Validation Error', rows: ['Invalid integer'] });
  });
});
