/**
 * The access matrix: every endpoint that serves rows or describes the catalog × every kind of
 * caller × an open and a restricted dataset, against the real API with the DynamoDB grant store
 * on the emulator and fake release data. Each cell has its expected status; no refused or
 * metadata answer may carry a row value planted in the restricted release, and a valid grant
 * never sees a field it was not granted. Every keyed call is audited.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/app.js';
import type { RecordQuery, RecordsReader } from '../../../src/api/records/records-reader.js';
import type { DynamoGrantStore } from '../../../src/aws/dynamo-grant-store.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { generateApiKey } from '../../../src/grants/api-key.js';
import type { ReleasePointer } from '../../../src/publish/release.js';
import { testApiDeps } from '../../support/api-deps.js';
import { uniqueSuffix, useSharedAws } from '../../support/aws.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { issuedGrant, type IssuedGrant } from '../../support/grants.js';

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

const ROWS: Record<string, readonly Record<string, string>[]> = {
  [openSet.id]: [{ decisionNumber: OPEN_VALUE, caseName: '公开案件', partyName: '某公司' }],
  [restrictedSet.id]: [{ decisionNumber: SECRET, caseName: `${SECRET} 案`, partyName: UNGRANTED }],
  [otherSet.id]: [{ decisionNumber: SECRET, caseName: '其他', partyName: UNGRANTED }],
};
const RELEASE_ID = '20261201T000000000Z-0badc0de';

const csvOf = (datasetId: string): string => [FIELDS.join(','), ...ROWS[datasetId]!.map((r) => FIELDS.map((f) => r[f]).join(','))].join('\n');
const release = (dataset: DatasetConfig): ReleasePointer => ({
  datasetId: dataset.id,
  releaseId: RELEASE_ID,
  createdAt: '2026-12-01T00:00:00.000Z',
  rowCount: ROWS[dataset.id]!.length,
  snapshotHash: 'h',
  manifestKey: `open/${dataset.id}/${RELEASE_ID}/manifest.json`,
  category: dataset === openSet ? 'open' : 'restricted',
  files: [
    {
      name: `${dataset.id}.csv`,
      key: `open/${dataset.id}/${RELEASE_ID}/${dataset.id}.csv`,
      format: 'csv',
      mediaType: 'text/csv; charset=utf-8',
      bytes: Buffer.byteLength(csvOf(dataset.id)),
      sha256: 's',
    },
  ],
});

/** The release's rows, projected on the fields asked (a grant's), as the DuckDB reader would. */
const records: RecordsReader = {
  query: async (query: RecordQuery) => {
    const fields = query.fields ?? query.dataset.fields;
    const rows = ROWS[query.dataset.id]!.map((row) => Object.fromEntries(fields.map((f) => [f, row[f]])));
    return { fields: fields.map((id) => ({ id, type: 'string', title: { zh: id, en: id } })), rows: rows.slice(0, query.limit), total: rows.length };
  },
};

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
  { name: 'changes', kind: 'rows', path: (d) => `/v1/datasets/${d.id}/changes?since=2026-11-01T00:00:00Z` },
  { name: 'CKAN datastore_search', kind: 'rows', path: (d) => `/api/3/action/datastore_search?resource_id=${d.id}` },
  { name: 'search', kind: 'search', path: (d) => `/v1/search?q=${d === openSet ? OPEN_VALUE : SECRET}` },
  { name: 'DCAT catalog.jsonld', kind: 'metadata', path: () => '/catalog.jsonld' },
  { name: 'DCAT-US data.json', kind: 'metadata', path: () => '/data.json' },
];

/** The status each caller gets: bad keys are refused everywhere; restricted rows need the dataset's own valid grant. */
function expectedStatus(caller: CallerName, endpoint: Endpoint, restricted: boolean): number {
  if (caller === 'malformed key' || caller === 'unknown key') return 401;
  if (caller === 'expired grant' || caller === 'revoked grant') return 403;
  if (endpoint.kind !== 'rows' || !restricted) return 200;
  return caller === 'valid grant' ? 200 : 403;
}

describe('the access matrix', () => {
  let store: DynamoGrantStore;
  let grants: Record<'expired grant' | 'revoked grant' | 'grant for another dataset' | 'valid grant', IssuedGrant>;
  let api: ReturnType<typeof createApi>;

  beforeAll(async () => {
    store = (await useSharedAws()).app.grantStore();
    grants = {
      'expired grant': await issuedGrant(store, restrictedSet.id, GRANTED_FIELDS, { expiresAt: '2026-12-10T15:59:59.999Z' }),
      'revoked grant': await issuedGrant(store, restrictedSet.id, GRANTED_FIELDS, { revoked: true }),
      'grant for another dataset': await issuedGrant(store, otherSet.id, GRANTED_FIELDS),
      'valid grant': await issuedGrant(store, restrictedSet.id, GRANTED_FIELDS),
    };
    let ticks = 0;
    const files = new Map(DATASETS.map((d) => [release(d).files[0]!.key, csvOf(d.id)]));
    api = createApi(
      testApiDeps({
        grants: store,
        datasets: async () => DATASETS,
        latestRelease: async (id) => {
          const dataset = DATASETS.find((d) => d.id === id);
          return dataset && release(dataset);
        },
        releaseHistory: async (id) => ({ releases: DATASETS.filter((d) => d.id === id).map(release) }),
        open: {
          getStream: async (key) => {
            const body = files.get(key);
            return body === undefined ? undefined : { body: new Blob([body]).stream(), contentLength: Buffer.byteLength(body) };
          },
        },
        records,
        // A millisecond per reading: each call's audit entry sorts after the previous one's.
        now: () => new Date(Date.parse('2026-12-20T04:00:00.000Z') + ticks++),
      }),
    );
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
    const response = await api.request(`https://data.example${endpoint.path(dataset)}`, { headers: headersOf(caller) });
    const body = await response.text();
    const expected = expectedStatus(caller, endpoint, restricted);
    expect(response.status, body.slice(0, 300)).toBe(expected);

    // Zero leaks: never a field the grant leaves out; never a restricted value in a refusal, in metadata, or to anyone but the grantee.
    expect(body).not.toContain(UNGRANTED);
    const mayCarryRestrictedRows = caller === 'valid grant' && restricted && endpoint.kind !== 'metadata';
    if (!mayCarryRestrictedRows) expect(body).not.toContain(SECRET);
    if (expected >= 400) expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // The grantee is served the granted values, so the leak checks above can fail.
    if (caller === 'valid grant' && restricted && endpoint.kind === 'rows') expect(body).toContain(SECRET);

    if (caller === 'anonymous' || caller === 'malformed key' || caller === 'unknown key') return;
    // Every keyed call is audited, refused ones included; a served row read names dataset, fields and rows.
    const { grant } = grants[caller];
    const [latest] = await store.trail(grant.id, 1);
    expect(latest).toMatchObject({ keyId: grant.keyId, grantId: grant.id, status: expected });
    if (endpoint.kind === 'rows' && expected === 200)
      expect(latest).toMatchObject({ datasetId: dataset.id, fields: restricted ? GRANTED_FIELDS : FIELDS, rows: ROWS[dataset.id]!.length });
  });
});
