import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { dcatApi } from './dcat-fixtures.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
type Schema = Record<string, unknown> & { id?: string; required?: string[] };

/**
 * The vendored POP v1.1 schemas (test/fixtures/dcat-us/README.md says where from). They are
 * draft-04; Ajv 8 reads them as draft-07 once `id` is `$id` and the draft-04 `$schema` is gone,
 * which changes no keyword they use.
 */
function popSchemas(federal: boolean): Schema[] {
  return ['catalog', 'dataset', 'distribution', 'organization', 'vcard'].map((name) => {
    const { $schema: _draft04, id, ...schema } = JSON.parse(readFileSync(new URL(`../../fixtures/dcat-us/${name}.json`, import.meta.url), 'utf8')) as Schema;
    const adapted: Schema = { $id: id, ...schema };
    // data.gov's non-federal v1.1 schema: the same, without the US federal budget codes required.
    if (!federal && name === 'dataset') adapted.required = schema.required!.filter((p) => p !== 'bureauCode' && p !== 'programCode');
    return adapted;
  });
}

function validator(federal: boolean) {
  // unicodeRegExp off: the schema's patterns escape characters (\_, \~, \!) that the u flag refuses.
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }));
  for (const schema of popSchemas(federal)) ajv.addSchema(schema);
  const validate = ajv.getSchema('https://project-open-data.cio.gov/v1.1/schema/catalog.json')!;
  return (data: unknown): readonly ErrorObject[] => (validate(data) ? [] : (validate.errors ?? []));
}

type DataJson = {
  conformsTo: string;
  dataset: (Record<string, unknown> & { identifier: string; accessLevel: string; distribution: Record<string, string>[] })[];
};

async function dataJson(): Promise<DataJson> {
  const response = await dcatApi().app.request('/data.json');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return (await response.json()) as DataJson;
}

describe('/data.json (DCAT-US 1.1)', () => {
  it('validates against the POP v1.1 schema, but for the federal bureauCode and programCode it leaves out', async () => {
    const body = await dataJson();
    const errors = validator(true)(body);
    expect(errors.map((e) => [e.instancePath, e.keyword, (e.params as { missingProperty?: string }).missingProperty])).toEqual(
      body.dataset.flatMap((_, i) => [
        [`/dataset/${i}`, 'required', 'bureauCode'],
        [`/dataset/${i}`, 'required', 'programCode'],
      ]),
    );
    expect(validator(false)(body)).toEqual([]);
  });

  it('would fail the schema if a field broke it (the validator is live)', async () => {
    const body = await dataJson();
    const broken = { ...body, dataset: [{ ...body.dataset[0], accessLevel: 'open', contactPoint: { fn: 'x', hasEmail: 'x@y.z' } }] };
    const keywords = validator(false)(broken).map((e) => `${e.instancePath} ${e.keyword}`);
    expect(keywords).toEqual(expect.arrayContaining(['/dataset/0/accessLevel enum', '/dataset/0/contactPoint/hasEmail pattern']));
  });

  it('lists released datasets with access level, licence, periodicity, languages and distributions on the public base URL', async () => {
    const body = await dataJson();
    expect(body.conformsTo).toBe('https://project-open-data.cio.gov/v1.1/schema');
    const byId = new Map(body.dataset.map((d) => [d.identifier, d]));
    // drafts was never released: DCAT-US requires `modified`, which it does not have yet.
    expect([...byId.keys()]).toEqual(['penalties', 'transactions', 'licenses'].map((id) => `https://data.example/datasets/${id}#dataset`));
    const penalties = byId.get('https://data.example/datasets/penalties#dataset')!;
    expect(penalties).toMatchObject({
      title: '行政处罚决定公示 / Administrative penalty decisions',
      accessLevel: 'public',
      accrualPeriodicity: 'R/P1W',
      language: ['zh-CN', 'en'],
      license: 'http://publications.europa.eu/resource/authority/licence/CC_BY_4_0',
      publisher: { '@type': 'org:Organization', name: '绍兴市大数据发展管理局' },
      contactPoint: { '@type': 'vcard:Contact', fn: '开放数据窗口', hasEmail: 'mailto:opendata@sx.gov.cn' },
      landingPage: 'https://data.example/datasets/penalties',
    });
    expect(penalties).not.toHaveProperty('bureauCode');
    expect(penalties.distribution.map((d) => [d.format, d.mediaType])).toEqual([
      ['CSV', 'text/csv'],
      ['CSV, English headers', 'text/csv'],
      ['JSON Lines', 'application/x-ndjson'],
      ['Parquet', 'application/vnd.apache.parquet'],
      ['XLSX', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    expect(penalties.distribution[0]!.downloadURL).toBe('https://data.example/v1/datasets/penalties/download?format=csv&release=20261201T000000000Z-abcdef12');
    expect(byId.get('https://data.example/datasets/licenses#dataset')!.accrualPeriodicity).toBe('R/P6M');
  });

  it('marks restricted datasets (by grade or by their release) restricted public, with access URLs and no download URL', async () => {
    const body = await dataJson();
    const restricted = body.dataset.filter((d) => d.accessLevel === 'restricted public').map((d) => d.identifier);
    expect(restricted).toEqual(['https://data.example/datasets/transactions#dataset', 'https://data.example/datasets/licenses#dataset']);
    expect(body.dataset.some((d) => d.accessLevel === 'non-public')).toBe(false);
    for (const dataset of body.dataset.filter((d) => d.accessLevel === 'restricted public')) {
      expect(dataset.rights).toMatch(/受限开放/);
      for (const distribution of dataset.distribution) {
        expect(distribution).not.toHaveProperty('downloadURL');
        expect(distribution.accessURL).toMatch(/^https:\/\/data\.example\/v1\/datasets\/[a-z-]+\/download\?format=/);
      }
    }
  });
});
