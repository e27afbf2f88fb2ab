import { Parser, Writer } from 'n3';
import { describe, expect, it } from 'vitest';
import { dcatPaths } from '../../../src/api/routes/dcat.js';
import { dcatApi, RELEASE_TIMES, sha256 } from './dcat-fixtures.js';

/** The parts of the `jsonld` package the tests use (it ships no types). */
interface JsonLdApi {
  flatten(input: unknown): Promise<unknown>;
  canonize(input: unknown, options: Record<string, unknown>): Promise<string>;
}
const jsonldModule = 'jsonld';
const jsonld = ((await import(jsonldModule)) as { default: JsonLdApi }).default;

type ExpandedNode = Record<string, unknown[]> & { '@id': string; '@type'?: string[] };
const DCAT = 'http://www.w3.org/ns/dcat#';
const DCT = 'http://purl.org/dc/terms/';
const FOAF = 'http://xmlns.com/foaf/0.1/';
const VCARD = 'http://www.w3.org/2006/vcard/ns#';
const SPDX = 'http://spdx.org/rdf/terms#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const HYDRA = 'http://www.w3.org/ns/hydra/core#';
const AUTHORITY = 'http://publications.europa.eu/resource/authority/';

/** The mandatory properties of DCAT-AP 3.0.1 (releases/3.0.1/html/shacl/shapes.ttl, sh:minCount 1), by class. */
const MANDATORY: Record<string, string[]> = {
  [`${DCAT}Catalog`]: [`${DCT}title`, `${DCT}description`, `${DCT}publisher`],
  [`${DCAT}Dataset`]: [`${DCT}title`, `${DCT}description`],
  [`${DCAT}Distribution`]: [`${DCAT}accessURL`],
  [`${DCAT}DataService`]: [`${DCAT}endpointURL`, `${DCT}title`],
  [`${FOAF}Agent`]: [`${FOAF}name`],
  [`${SPDX}Checksum`]: [`${SPDX}algorithm`, `${SPDX}checksumValue`],
};

/** The catalog page, expanded and flattened by `jsonld`: every key a full IRI. */
async function expandedGraph(path: string, init?: RequestInit) {
  const response = await dcatApi().app.request(path, init);
  expect(response.status).toBe(200);
  const nodes = (await jsonld.flatten(await response.json())) as ExpandedNode[];
  const byId = new Map(nodes.map((n) => [n['@id'], n]));
  const ofType = (type: string) => nodes.filter((n) => n['@type']?.includes(type));
  const ids = (node: ExpandedNode, p: string) => ((node[p] ?? []) as { '@id': string }[]).map((v) => v['@id']);
  const values = (node: ExpandedNode, p: string) => (node[p] ?? []) as { '@value': string; '@language'?: string; '@type'?: string }[];
  const one = (node: ExpandedNode, p: string) => byId.get(ids(node, p)[0]!)!;
  return { nodes, byId, ofType, ids, values, one };
}

describe('/catalog.jsonld (DCAT-AP 3.0)', () => {
  it('expands with jsonld, and every catalog, dataset, distribution, data service, agent and checksum has its mandatory properties', async () => {
    const { nodes, ofType } = await expandedGraph('/catalog.jsonld');
    const counts = Object.fromEntries(Object.keys(MANDATORY).map((type) => [type, ofType(type).length]));
    // 4 datasets; 3 released with 5 data files each; 4 dataset publishers + catalog's + service's; 15 checksums.
    expect(counts).toEqual({
      [`${DCAT}Catalog`]: 1,
      [`${DCAT}Dataset`]: 4,
      [`${DCAT}Distribution`]: 15,
      [`${DCAT}DataService`]: 1,
      [`${FOAF}Agent`]: 6,
      [`${SPDX}Checksum`]: 15,
    });
    for (const node of nodes)
      for (const type of node['@type'] ?? []) for (const property of MANDATORY[type] ?? []) expect(node[property], `${node['@id']} ${property}`).toBeDefined();
    expect(ofType(`${DCAT}Catalog`)[0]![`${DCT}publisher`]).toHaveLength(1);
  });

  it('describes the catalog in Chinese and English with its publisher, languages, homepage, datasets and API', async () => {
    const { ofType, ids, values, one } = await expandedGraph('/catalog.jsonld');
    const catalog = ofType(`${DCAT}Catalog`)[0]!;
    expect(values(catalog, `${DCT}title`).map((v) => v['@language'])).toEqual(['zh', 'en']);
    expect(ids(catalog, `${DCT}language`)).toEqual([`${AUTHORITY}language/ZHO`, `${AUTHORITY}language/ENG`]);
    expect(ids(catalog, `${FOAF}homepage`)).toEqual(['https://data.example/']);
    expect(values(catalog, `${DCT}modified`)).toEqual([{ '@value': RELEASE_TIMES.licenses, '@type': `${XSD}dateTime` }]);
    expect(one(catalog, `${DCT}publisher`)['@type']).toEqual([`${FOAF}Agent`]);
    expect(ids(catalog, `${DCAT}dataset`)).toHaveLength(4);
    const service = one(catalog, `${DCAT}service`);
    expect(service['@type']).toEqual([`${DCAT}DataService`]);
    expect(ids(service, `${DCAT}endpointDescription`)).toEqual(['https://data.example/openapi.json']);
    expect(ids(service, `${DCAT}servesDataset`)).toEqual(ids(catalog, `${DCAT}dataset`));
  });

  it('gives each dataset identifier, contact point, keyword, EU theme, frequency, access rights, landing page and a distribution per file', async () => {
    const { byId, ids, values, one } = await expandedGraph('/catalog.jsonld');
    const dataset = byId.get('https://data.example/datasets/penalties#dataset')!;
    expect(values(dataset, `${DCT}identifier`)[0]!['@value']).toBe('penalties');
    expect(values(dataset, `${DCT}title`).map((v) => [v['@value'], v['@language']])).toEqual([
      ['行政处罚决定公示', 'zh'],
      ['Administrative penalty decisions', 'en'],
    ]);
    const contact = one(dataset, `${DCAT}contactPoint`);
    expect(contact['@type']).toEqual([`${VCARD}Kind`]);
    expect(ids(contact, `${VCARD}hasEmail`)).toEqual(['mailto:opendata@sx.gov.cn']);
    expect(values(dataset, `${DCAT}keyword`).map((v) => v['@value'])).toEqual(['测试']);
    expect(ids(dataset, `${DCAT}theme`)).toEqual([`${AUTHORITY}data-theme/JUST`]);
    expect(ids(dataset, `${DCT}accrualPeriodicity`)).toEqual([`${AUTHORITY}frequency/WEEKLY`]);
    expect(ids(dataset, `${DCT}accessRights`)).toEqual([`${AUTHORITY}access-right/PUBLIC`]);
    expect(ids(dataset, `${DCAT}landingPage`)).toEqual(['https://data.example/datasets/penalties']);
    expect(values(dataset, `${DCT}modified`)[0]).toEqual({ '@value': RELEASE_TIMES.penalties, '@type': `${XSD}dateTime` });
    expect(ids(byId.get('https://data.example/datasets/licenses#dataset')!, `${DCT}accrualPeriodicity`)).toEqual([`${AUTHORITY}frequency/ANNUAL_2`]);
    expect(ids(dataset, `${DCAT}distribution`)).toHaveLength(5);
  });

  it('gives each distribution absolute URLs, the EU file type, the IANA media type, size, SHA-256, licence and issue date', async () => {
    const { byId, ids, values, one } = await expandedGraph('/catalog.jsonld');
    const parquet = byId.get('https://data.example/datasets/penalties#distribution-parquet')!;
    const release = '20261201T000000000Z-abcdef12';
    expect(ids(parquet, `${DCAT}accessURL`)).toEqual(['https://data.example/v1/datasets/penalties/download?format=parquet']);
    expect(ids(parquet, `${DCAT}downloadURL`)).toEqual([`https://data.example/v1/datasets/penalties/download?format=parquet&release=${release}`]);
    expect(ids(parquet, `${DCT}format`)).toEqual([`${AUTHORITY}file-type/PARQUET`]);
    expect(ids(parquet, `${DCAT}mediaType`)).toEqual(['https://www.iana.org/assignments/media-types/application/vnd.apache.parquet']);
    expect(values(parquet, `${DCAT}byteSize`)).toEqual([{ '@value': '1003', '@type': `${XSD}nonNegativeInteger` }]);
    expect(ids(parquet, `${DCT}license`)).toEqual([`${AUTHORITY}licence/CC_BY_4_0`]);
    expect(values(parquet, `${DCT}issued`)).toEqual([{ '@value': RELEASE_TIMES.penalties, '@type': `${XSD}dateTime` }]);
    const checksum = one(parquet, `${SPDX}checksum`);
    expect(ids(checksum, `${SPDX}algorithm`)).toEqual([`${SPDX}checksumAlgorithm_sha256`]);
    expect(values(checksum, `${SPDX}checksumValue`)).toEqual([{ '@value': sha256('penalties-parquet'), '@type': `${XSD}hexBinary` }]);
    const formats = (id: string) => ids(byId.get(`https://data.example/datasets/penalties#distribution-${id}`)!, `${DCT}format`);
    expect([formats('csv'), formats('csv-en'), formats('xlsx'), formats('jsonl')]).toEqual([
      [`${AUTHORITY}file-type/CSV`],
      [`${AUTHORITY}file-type/CSV`],
      [`${AUTHORITY}file-type/XLSX`],
      [],
    ]);
  });

  it('lists restricted datasets with RESTRICTED access rights and access URLs only, never reading a file or a row', async () => {
    const { app, reads } = dcatApi();
    const response = await app.request('/catalog.jsonld');
    const nodes = (await jsonld.flatten(await response.json())) as ExpandedNode[];
    const byId = new Map(nodes.map((n) => [n['@id'], n]));
    for (const id of ['transactions', 'licenses']) {
      const dataset = byId.get(`https://data.example/datasets/${id}#dataset`)!;
      expect(dataset[`${DCT}accessRights`]).toEqual([{ '@id': `${AUTHORITY}access-right/RESTRICTED` }]);
      const distributions = (dataset[`${DCAT}distribution`] as { '@id': string }[]).map((d) => byId.get(d['@id'])!);
      expect(distributions).toHaveLength(5);
      for (const d of distributions) {
        expect(d[`${DCAT}accessURL`]).toHaveLength(1);
        expect(d[`${DCAT}downloadURL`]).toBeUndefined();
      }
    }
    expect(byId.get('https://data.example/datasets/transactions#distribution-csv')![`${DCT}license`]).toEqual([
      { '@id': 'https://data.example/datasets/transactions' },
    ]);
    expect(reads).toEqual([]);
  });
});

describe('/catalog.ttl', () => {
  it('is Turtle that n3 parses into exactly the triples of the JSON-LD (canonical N-Quads compared), bar the paging view naming its own page', async () => {
    const { app } = dcatApi();
    const turtle = await app.request('/catalog.ttl');
    expect(turtle.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    const quads = new Parser({ format: 'text/turtle' }).parse(await turtle.text());
    const fromTurtle = await jsonld.canonize(new Writer({ format: 'N-Quads' }).quadsToString(quads), {
      algorithm: 'RDFC-1.0',
      inputFormat: 'application/n-quads',
      format: 'application/n-quads',
    });
    const document = await (await app.request('/catalog.jsonld')).json();
    const fromJsonLd = await jsonld.canonize(document, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
    expect(quads.length).toBeGreaterThan(300);
    expect(fromTurtle.trim().split('\n')).toHaveLength(quads.length);
    // The one difference: each representation's hydra:PartialCollectionView is its own page (catalog.ttl?page=1 vs catalog.jsonld?page=1).
    const pageOf = (format: string) => (nquads: string) => nquads.replaceAll(`https://data.example/catalog.${format}?`, 'PAGE?');
    expect(fromTurtle).toContain('<https://data.example/catalog.ttl?page=1> <http://www.w3.org/ns/hydra/core#first>');
    expect(pageOf('ttl')(fromTurtle)).toBe(pageOf('jsonld')(fromJsonLd));
    expect(quads.some((q) => q.predicate.value === `${DCAT}accessURL`)).toBe(true);
  });
});

describe('paging and modified_since', () => {
  it('pages with a Hydra PartialCollectionView linking first, previous, next and last on the public base URL', async () => {
    const first = await expandedGraph('/catalog.jsonld?per_page=3');
    expect(first.ofType(`${DCAT}Dataset`)).toHaveLength(3);
    const view = first.ofType(`${HYDRA}PartialCollectionView`)[0]!;
    expect(view['@id']).toBe('https://data.example/catalog.jsonld?page=1&per_page=3');
    expect(first.ids(view, `${HYDRA}next`)).toEqual(['https://data.example/catalog.jsonld?page=2&per_page=3']);
    expect(first.ids(view, `${HYDRA}last`)).toEqual(['https://data.example/catalog.jsonld?page=2&per_page=3']);
    expect(view[`${HYDRA}previous`]).toBeUndefined();
    expect(first.values(view, `${HYDRA}totalItems`)[0]!['@value']).toBe('4');

    const second = await expandedGraph('/catalog.jsonld?page=2&per_page=3');
    const ids = second.ofType(`${DCAT}Dataset`).map((d) => d['@id']);
    expect(ids).toEqual(['https://data.example/datasets/drafts#dataset']);
    const secondView = second.ofType(`${HYDRA}PartialCollectionView`)[0]!;
    expect(second.ids(secondView, `${HYDRA}previous`)).toEqual(['https://data.example/catalog.jsonld?page=1&per_page=3']);
    expect(secondView[`${HYDRA}next`]).toBeUndefined();
  });

  it('lists only datasets whose latest release is newer than modified_since, and keeps the filter in the page links', async () => {
    const { ofType, ids } = await expandedGraph('/catalog.jsonld?modified_since=2026-11-30T00:00:00%2B08:00');
    expect(ofType(`${DCAT}Dataset`).map((d) => d['@id'])).toEqual([
      'https://data.example/datasets/licenses#dataset',
      'https://data.example/datasets/penalties#dataset',
    ]);
    const view = ofType(`${HYDRA}PartialCollectionView`)[0]!;
    expect(ids(view, `${HYDRA}first`)).toEqual(['https://data.example/catalog.jsonld?page=1&modified_since=2026-11-30T00%3A00%3A00%2B08%3A00']);
  });

  it.each([
    ['/catalog.jsonld?modified_since=yesterday', 'modified_since'],
    ['/catalog.ttl?modified_since=2026-12-01', 'modified_since'],
    ['/catalog.jsonld?modified_since=2026-13-01T00:00:00Z', 'modified_since'],
    ['/catalog.jsonld?page=0', 'page'],
    ['/catalog.jsonld?page=3&per_page=3', 'page'],
    ['/catalog.ttl?per_page=1001', 'per_page'],
    ['/catalog.jsonld?rows=10', 'rows'],
    ['/data.json?page=1', 'page'],
  ])('answers %s with a 400 naming %s', async (path, name) => {
    const response = await dcatApi().app.request(path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { invalidParams: { name: string }[] }).invalidParams[0]!.name).toBe(name);
  });
});

describe('HTTP', () => {
  it.each(['/catalog.jsonld', '/catalog.ttl', '/data.json'])('%s never shows the request Host, only the public base URL', async (path) => {
    const response = await dcatApi().app.request(`http://evil.example${path}?`, { headers: { Host: 'evil.example' } });
    const body = await response.text();
    expect(body).not.toContain('evil.example');
    expect(body).toContain('https://data.example/datasets/penalties');
  });

  it('sets the media types, Last-Modified of the newest release and a metadata Cache-Control', async () => {
    const { app } = dcatApi();
    const types = await Promise.all(['/catalog.jsonld', '/catalog.ttl', '/data.json'].map(async (p) => (await app.request(p)).headers));
    expect(types.map((h) => h.get('content-type'))).toEqual([
      'application/ld+json; charset=utf-8',
      'text/turtle; charset=utf-8',
      'application/json; charset=utf-8',
    ]);
    for (const headers of types) expect(headers.get('last-modified')).toBe(new Date(RELEASE_TIMES.licenses!).toUTCString());
  });

  it.each(['/catalog.ttl', '/catalog.jsonld'])(
    '%s carries a strong ETag and answers If-None-Match (weak or listed) with a 304 that repeats it',
    async (path) => {
      const { app } = dcatApi();
      const first = await app.request(path);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const again = await app.request(path, { headers: { 'If-None-Match': `"other", W/${etag}` } });
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
      expect((await app.request(path, { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
      expect((await app.request(`${path}?per_page=1`)).headers.get('etag')).not.toBe(etag);
    },
  );
});

describe('dcatPaths', () => {
  it('describes the three routes with operation ids, typed parameters and response content', () => {
    expect(Object.keys(dcatPaths)).toEqual(['/catalog.jsonld', '/catalog.ttl', '/data.json']);
    const operations = Object.values(dcatPaths).map((item) => item.get as Record<string, unknown> & { parameters: { name: string; schema: object }[] });
    expect(operations.map((o) => o.operationId)).toEqual(['getDcatCatalogJsonLd', 'getDcatCatalogTurtle', 'getDcatUsDataJson']);
    expect(operations[0]!.parameters.map((p) => p.name)).toEqual(['page', 'per_page', 'modified_since']);
    for (const o of operations) {
      expect(o.summary).toBeTruthy();
      for (const p of o.parameters) expect(p.schema).toBeDefined();
      expect(Object.keys((o.responses as Record<string, { content?: object }>)['200']!.content!)).toHaveLength(1);
    }
  });
});
