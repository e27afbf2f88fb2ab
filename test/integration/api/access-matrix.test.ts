/**
 * The access matrix: every endpoint that serves rows or describes the catalog × every kind of
 * caller × an open and a restricted dataset, against the real API with the DynamoDB grant store
 * on the emulator, the DuckDB records reader and real releases (Parquet, changes and record-id
 * state from the records fixture; CSV, JSONL and the search segment from the project's own
 * writers). Each cell has its expected status; no refused or metadata answer may carry a row
 * value planted in the restricted release, and a valid grant never sees a field it was not
 * granted. Every keyed call is audited.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/app.js';
import { resourceIdOf } from '../../../src/api/ckan/package.js';
import { siteNamespace } from '../../../src/api/ckan/vocabulary.js';
import { DuckDbRecordsReader } from '../../../src/api/records/duckdb-records-reader.js';
import type { DynamoGrantStore } from '../../../src/aws/dynamo-grant-store.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { datasetCategory, releaseColumns } from '../../../src/grading/index.js';
import { generateApiKey } from '../../../src/grants/api-key.js';
import { csvWriter } from '../../../src/publish/files/csv.js';
import { jsonlWriter } from '../../../src/publish/files/jsonl.js';
import type { ReleaseFileWriter } from '../../../src/publish/release-columns.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { searchIndexWriter } from '../../../src/search/index.js';
import { testApiDeps } from '../../support/api-deps.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { issuedGrant, type IssuedGrant } from '../../support/grants.js';
import { MemoryBucket, putRelease } from '../../support/records-release.js';

const suffix = uniqueSuffix();
const FIELDS = ['decisionNumber', 'caseName', 'partyName'];
const openSet = { ...DATASET_DEFAULTS, id: `open-${suffix}`, recordType: 'enforcement-decision', fields: FIELDS } satisfies DatasetConfig;
const restrictedSet = { ...openSet, id: `restricted-${suffix}`, grades: { partyName: 'L2' as const } } satisfies DatasetConfig;
const otherSet = { ...restrictedSet, id: `other-${suffix}` } satisfies DatasetConfig;
const DATASETS = [openSet, restrictedSet, otherSet];

/** Planted in the restricted release: a granted field's value, and one of a field the grant leaves out. */
const SECRET = `SECRET${suffix}`;
const UNGRANTED = `UNGRANTED${suffix}`;
const GRANTED_FIELDS = ['decisionNumber', 'caseName'];
const OPEN_VALUE = `OPENVALUE${suffix}`;
/** A word of the restricted row that is not the sentinel: search echoes its `q`, so it is asked for this. */
const RESTRICTED_WORD = '危险化学品';

const ROWS: Record<string, readonly Record<string, string>[]> = {
  [openSet.id]: [{ decisionNumber: OPEN_VALUE, caseName: '公开案件', partyName: '某公司' }],
  [restrictedSet.id]: [{ decisionNumber: SECRET, caseName: `${SECRET} ${RESTRICTED_WORD}案`, partyName: UNGRANTED }],
  [otherSet.id]: [{ decisionNumber: SECRET, caseName: '其他', partyName: UNGRANTED }],
};
const RELEASE_ID = '20261201T000000000Z-0badc0de';
const BASE_URL = 'https://data.example';
/** CKAN's datastore resource of a dataset: the UUID v5 package_show gives its CSV resource. */
const resourceId = (dataset: DatasetConfig): string => resourceIdOf({ base: BASE_URL, namespace: siteNamespace(BASE_URL) }, dataset.id, 'csv');

/**
 * Publishes a dataset's rows as the release builder lays them out: Parquet, changes and the
 * record-id state (each row added in this release), the Chinese-header CSV and the JSONL by the
 * project's writers, and a search segment. The builder gives only open datasets a segment; the
 * restricted ones get one here too, so the search cells prove the service itself never reads
 * a restricted release's rows.
 */
async function publish(bucket: MemoryBucket, dataset: DatasetConfig): Promise<ReleasePointer> {
  const rows = ROWS[dataset.id]!;
  const records = rows.map((row, i) => ({ id: `${dataset.id}-${i}`, row }));
  const pointer = await putRelease(
    bucket,
    dataset,
    RELEASE_ID,
    records,
    records.map((r) => ({ change: 'added' as const, recordId: r.id })),
  );
  const columns = releaseColumns(dataset);
  const dir = await mkdtemp(join(tmpdir(), 'access-matrix-'));
  try {
    const writers: ReleaseFileWriter[] = [csvWriter(dir, dataset, columns, 'zh'), jsonlWriter(dir, dataset, columns), searchIndexWriter(dir, dataset, columns)];
    const files = [];
    for (const writer of writers) {
      for (const row of rows) await writer.write(row);
      const written = await writer.close();
      const key = `open/${dataset.id}/${RELEASE_ID}/${writer.name}`;
      bucket.put(key, await readFile(written.path));
      files.push({ name: writer.name, key, format: writer.format, mediaType: writer.mediaType, bytes: written.bytes, sha256: written.sha256 });
    }
    return { ...pointer, category: datasetCategory(dataset), files: [...pointer.files, ...files] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type CallerName = 'anonymous' | 'malformed key' | 'unknown key' | 'expired grant' | 'revoked grant' | 'grant for another dataset' | 'valid grant';
const CALLERS: readonly CallerName[] = [
  'anonymous',
  'malformed key',
  'unknown key',
  'expired grant',
  'revoked grant',
  'grant for another dataset',
  'valid grant',
];

interface Endpoint {
  readonly name: string;
  readonly path: (dataset: DatasetConfig) => string;
  /** Serves rows of one dataset (audited with dataset, fields and rows), or metadata / search. */
  readonly kind: 'rows' | 'search' | 'metadata';
}
const ENDPOINTS: readonly Endpoint[] = [
  { name: 'records', kind: 'rows', path: (d) => `/v1/datasets/${d.id}/records` },
  { name: 'download csv', kind: 'rows', path: (d) => `/v1/datasets/${d.id}/download?format=csv` },
  { name: 'download jsonl', kind: 'rows', path: (d) => `/v1/datasets/${d.id}/download?format=jsonl` },
  { name: 'changes', kind: 'rows', path: (d) => `/v1/datasets/${d.id}/changes?since=2026-11-01T00:00:00Z` },
  { name: 'CKAN datastore_search', kind: 'rows', path: (d) => `/api/3/action/datastore_search?resource_id=${resourceId(d)}` },
  { name: 'search', kind: 'search', path: (d) => `/v1/search?q=${encodeURIComponent(d === openSet ? OPEN_VALUE : RESTRICTED_WORD)}` },
  { name: 'catalog', kind: 'metadata', path: () => '/v1/datasets' },
  { name: 'dataset', kind: 'metadata', path: (d) => `/v1/datasets/${d.id}` },
  { name: 'releases', kind: 'metadata', path: (d) => `/v1/datasets/${d.id}/releases` },
  { name: 'CKAN package_search', kind: 'metadata', path: () => '/api/3/action/package_search?rows=100' },
  { name: 'CKAN package_show', kind: 'metadata', path: (d) => `/api/3/action/package_show?id=${d.id}` },
  { name: 'CKAN resource_show', kind: 'metadata', path: (d) => `/api/3/action/resource_show?id=${resourceId(d)}` },
  { name: 'DCAT catalog.jsonld', kind: 'metadata', path: () => '/catalog.jsonld' },
  { name: 'DCAT catalog.ttl', kind: 'metadata', path: () => '/catalog.ttl' },
  { name: 'DCAT-US data.json', kind: 'metadata', path: () => '/data.json' },
  { name: 'portal dataset page', kind: 'metadata', path: (d) => `/datasets/${d.id}` },
  { name: 'feeds', kind: 'metadata', path: () => '/v1/feeds' },
  { name: 'AsyncAPI', kind: 'metadata', path: () => '/asyncapi.json' },
];

/**
 * The status each caller gets: bad keys are refused everywhere; restricted rows need the
 * dataset's own valid grant. The CSV file is published whole, with every field: a grant for
 * some of them is refused it (403) and served JSONL or Parquet projected on its fields instead.
 */
function expectedStatus(caller: CallerName, endpoint: Endpoint, restricted: boolean): number {
  if (caller === 'malformed key' || caller === 'unknown key') return 401;
  if (caller === 'expired grant' || caller === 'revoked grant') return 403;
  if (endpoint.kind !== 'rows' || !restricted) return 200;
  if (caller !== 'valid grant') return 403;
  return endpoint.name === 'download csv' ? 403 : 200;
}

describe('the access matrix', () => {
  let store: DynamoGrantStore;
  let grants: Record<'expired grant' | 'revoked grant' | 'grant for another dataset' | 'valid grant', IssuedGrant>;
  let api: ReturnType<typeof createApi>;
  let reader: DuckDbRecordsReader;
  let cacheDir: string;

  beforeAll(async () => {
    store = (await useSharedAws()).app.grantStore();
    grants = {
      'expired grant': await issuedGrant(store, restrictedSet.id, GRANTED_FIELDS, { expiresAt: '2026-12-10T15:59:59.999Z' }),
      'revoked grant': await issuedGrant(store, restrictedSet.id, GRANTED_FIELDS, { revoked: true }),
      'grant for another dataset': await issuedGrant(store, otherSet.id, GRANTED_FIELDS),
      'valid grant': await issuedGrant(store, restrictedSet.id, GRANTED_FIELDS),
    };
    let ticks = 0;
    const bucket = new MemoryBucket();
    const releases = new Map<string, ReleasePointer>();
    for (const dataset of DATASETS) releases.set(dataset.id, await publish(bucket, dataset));
    cacheDir = await mkdtemp(join(tmpdir(), 'access-matrix-cache-'));
    reader = await DuckDbRecordsReader.open({ objects: bucket, cacheDir, connections: 2 });
    api = createApi(
      testApiDeps({
        grants: store,
        datasets: async () => DATASETS,
        latestRelease: async (id) => releases.get(id),
        releaseHistory: async (id) => ({ releases: releases.has(id) ? [releases.get(id)!] : [] }),
        open: bucket,
        records: reader,
        publicBaseUrl: BASE_URL,
        // A millisecond per reading: each call's audit entry sorts after the previous one's.
        now: () => new Date(Date.parse('2026-12-20T04:00:00.000Z') + ticks++),
      }),
    );
  });

  afterAll(async () => {
    reader.close();
    await rm(cacheDir, { recursive: true, force: true });
  });

  function headersOf(caller: CallerName): Record<string, string> {
    if (caller === 'anonymous') return {};
    if (caller === 'malformed key') return { 'x-api-key': `ty_${randomUUID()}` };
    if (caller === 'unknown key') return { authorization: `Bearer ${generateApiKey().key}` };
    return { authorization: `Bearer ${grants[caller].key}` };
  }

  const cells = ENDPOINTS.flatMap((endpoint) =>
    CALLERS.flatMap((caller) => [openSet, restrictedSet].map((dataset) => ({ endpoint, caller, dataset, restricted: dataset !== openSet }))),
  );

  it.each(cells.map((c) => [`${c.endpoint.name} × ${c.caller} × ${c.restricted ? 'restricted' : 'open'}`, c] as const))('%s', async (_name, cell) => {
    const { endpoint, caller, dataset, restricted } = cell;
    const response = await api.request(`${BASE_URL}${endpoint.path(dataset)}`, { headers: headersOf(caller) });
    const body = await response.text();
    const expected = expectedStatus(caller, endpoint, restricted);
    expect(response.status, body.slice(0, 300)).toBe(expected);

    // Zero leaks: never a field the grant leaves out; never a restricted value in a refusal, in metadata, or to anyone but the grantee.
    expect(body).not.toContain(UNGRANTED);
    const mayCarryRestrictedRows = caller === 'valid grant' && restricted && endpoint.kind !== 'metadata';
    if (!mayCarryRestrictedRows) expect(body).not.toContain(SECRET);
    // A refusal is a problem document; a CKAN action answers every refusal (a bad key's included) in
    // CKAN's error envelope, as its clients expect.
    if (expected >= 400 && endpoint.name.startsWith('CKAN'))
      expect(JSON.parse(body)).toMatchObject({ success: false, error: { __type: 'Authorization Error' } });
    else if (expected >= 400) expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // The grantee is served the granted values, so the leak checks above can fail.
    if (caller === 'valid grant' && restricted && endpoint.kind === 'rows' && expected === 200) expect(body).toContain(SECRET);

    if (caller === 'anonymous' || caller === 'malformed key' || caller === 'unknown key') return;
    // Every keyed call is audited, refused ones included; a served row read names dataset, fields and rows.
    const { grant } = grants[caller];
    const [latest] = await store.trail(grant.id, 1);
    expect(latest).toMatchObject({ keyId: grant.keyId, grantId: grant.id, status: expected });
    if (endpoint.kind === 'rows' && expected === 200)
      expect(latest).toMatchObject({ datasetId: dataset.id, fields: restricted ? GRANTED_FIELDS : FIELDS, rows: ROWS[dataset.id]!.length });
  });
});
