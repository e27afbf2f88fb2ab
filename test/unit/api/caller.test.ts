import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { auditRead, authorizeRead } from '../../../src/api/access.js';
import { createApi } from '../../../src/api/app.js';
import type { ApiDeps, ApiEnv } from '../../../src/api/deps.js';
import { identifyCaller } from '../../../src/api/middleware/caller.js';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { generateApiKey } from '../../../src/grants/api-key.js';
import { testApiDeps } from '../../support/api-deps.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { issuedGrant } from '../../support/grants.js';
import { MemoryGrantStore } from '../../support/memory-grant-store.js';

const open = { ...DATASET_DEFAULTS, id: 'penalties', recordType: 'enforcement-decision', fields: ['decisionNumber', 'partyName'] } satisfies DatasetConfig;
const restricted = { ...open, id: 'transactions', fields: ['decisionNumber', 'partyName', 'amount'] } satisfies DatasetConfig;
const other = { ...open, id: 'licences' } satisfies DatasetConfig;
const DATASETS = [open, restricted, other];

/** The caller middleware in front of a route that reads like the row-serving ones: authorize, serve 3 rows, audit. */
function rowsApp(store: MemoryGrantStore, clock: { now: Date }) {
  const deps: ApiDeps = testApiDeps({ grants: store, now: () => clock.now });
  const app = new Hono<ApiEnv>();
  app.use(identifyCaller(deps));
  app.get('/rows/:id', async (c) => {
    const dataset = DATASETS.find((d) => d.id === c.req.param('id'))!;
    const access = authorizeRead(c, dataset, dataset === open ? 'open' : 'restricted', clock.now);
    if (!access.ok) return access.response;
    const fields = access.fields ?? dataset.fields;
    await auditRead(c, { datasetId: dataset.id, route: 'rows', fields, rows: 3 });
    return c.json({ fields, caller: c.get('caller').kind === 'key' ? 'key' : c.get('caller') });
  });
  return app;
}

const get = (app: Hono<ApiEnv>, path: string, headers: Record<string, string> = {}) => app.request(`https://data.example${path}`, { headers });
const detail = async (response: Response) => ((await response.json()) as { detail: string }).detail;

describe('the caller middleware', () => {
  const clock = { now: new Date('2026-12-20T04:00:00.000Z') };

  it('without a key: anonymous, known by the client address (unknown outside a server); restricted rows refused', async () => {
    const app = rowsApp(new MemoryGrantStore(), clock);
    expect(await (await get(app, '/rows/penalties')).json()).toEqual({ fields: open.fields, caller: { kind: 'anonymous', clientId: 'unknown' } });
    const refused = await get(app, '/rows/transactions');
    expect(refused.status).toBe(403);
    expect(await detail(refused)).toContain('受限开放');
  });

  it('takes the address API Gateway saw in Lambda', async () => {
    const app = rowsApp(new MemoryGrantStore(), clock);
    const response = await app.request('https://data.example/rows/penalties', {}, { event: { requestContext: { identity: { sourceIp: '203.0.113.7' } } } });
    expect(((await response.json()) as { caller: { clientId: string } }).caller.clientId).toBe('203.0.113.7');
  });

  it('refuses a malformed or unknown key with 401 on every route, open data included', async () => {
    const store = new MemoryGrantStore();
    const app = rowsApp(store, clock);
    const attempts: Record<string, string>[] = [
      { 'x-api-key': 'ty_123' },
      { authorization: 'Basic abc' },
      { authorization: `Bearer ${generateApiKey().key}` },
      { 'x-api-key': generateApiKey().key },
    ];
    for (const headers of attempts) {
      const response = await get(app, '/rows/penalties', headers);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    const { key } = await issuedGrant(store, 'transactions', ['amount']);
    expect((await get(app, '/rows/penalties', { authorization: `Bearer ${key}`, 'x-api-key': generateApiKey().key })).status).toBe(401);
    expect(store.audited).toEqual([]);
  });

  it('refuses a revoked key (403 naming the revocation) and an expired one (403 naming the day), and audits the attempt', async () => {
    const store = new MemoryGrantStore();
    const app = rowsApp(store, clock);
    const revoked = await issuedGrant(store, 'transactions', ['amount'], { revoked: true });
    const expired = await issuedGrant(store, 'transactions', ['amount'], { expiresAt: '2026-12-15T15:59:59.999Z' });
    const r = await get(app, '/rows/penalties', { 'x-api-key': revoked.key });
    expect(r.status).toBe(403);
    expect(await detail(r)).toMatch(/撤销.*revoked on 2026-12-10/);
    const e = await get(app, '/rows/transactions', { authorization: `Bearer ${expired.key}` });
    expect(e.status).toBe(403);
    expect(await detail(e)).toMatch(/2026-12-15 到期.*expired on 2026-12-15/);
    expect(store.audited.map((a) => [a.grantId, a.status, a.route, a.rows])).toEqual([
      [revoked.grant.id, 403, '/rows/penalties', 0],
      [expired.grant.id, 403, '/rows/transactions', 0],
    ]);
  });

  it("serves a valid key only its grant's fields in dataset order, refuses another restricted dataset naming the grant's, and audits each call", async () => {
    const store = new MemoryGrantStore();
    const app = rowsApp(store, clock);
    const { key, grant } = await issuedGrant(store, 'transactions', ['amount', 'decisionNumber', 'gone']);
    const served = await get(app, '/rows/transactions', { 'x-api-key': key });
    expect(await served.json()).toEqual({ fields: ['decisionNumber', 'amount'], caller: 'key' });
    const foreign = await get(app, '/rows/licences', { 'x-api-key': key });
    expect(foreign.status).toBe(403);
    expect(await detail(foreign)).toContain(`this key's grant is for dataset "transactions"`);
    expect((await get(app, '/rows/penalties', { 'x-api-key': key })).status).toBe(200);
    expect(store.audited).toEqual([
      {
        keyId: grant.keyId,
        grantId: grant.id,
        datasetId: 'transactions',
        route: 'rows',
        fields: ['decisionNumber', 'amount'],
        rows: 3,
        at: clock.now.toISOString(),
        status: 200,
      },
      { keyId: grant.keyId, grantId: grant.id, route: '/rows/licences', fields: [], rows: 0, at: clock.now.toISOString(), status: 403 },
      { keyId: grant.keyId, grantId: grant.id, datasetId: 'penalties', route: 'rows', fields: open.fields, rows: 3, at: clock.now.toISOString(), status: 200 },
    ]);
  });

  it('counts calls per China day: beyond the quota 429 with Retry-After until China midnight; the next day it serves again', async () => {
    const store = new MemoryGrantStore();
    const day = { now: new Date('2026-12-20T15:00:00.000Z') };
    const app = rowsApp(store, day);
    const { key } = await issuedGrant(store, 'transactions', ['amount'], { quotaPerDay: 2 });
    expect((await get(app, '/rows/transactions', { 'x-api-key': key })).status).toBe(200);
    expect((await get(app, '/rows/transactions', { 'x-api-key': key })).status).toBe(200);
    const over = await get(app, '/rows/transactions', { 'x-api-key': key });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('3600');
    expect(await detail(over)).toContain('2');
    day.now = new Date('2026-12-20T16:00:01.000Z');
    expect((await get(app, '/rows/transactions', { 'x-api-key': key })).status).toBe(200);
    expect(store.audited.map((a) => a.status)).toEqual([200, 200, 429, 200]);
  });

  it('sees a revocation within the 5-second cache bound', async () => {
    const store = new MemoryGrantStore();
    const moving = { now: new Date('2026-12-20T04:00:00.000Z') };
    const app = rowsApp(store, moving);
    const { key, grant } = await issuedGrant(store, 'transactions', ['amount']);
    expect((await get(app, '/rows/transactions', { 'x-api-key': key })).status).toBe(200);
    await store.revoke(grant.id, { by: 'op', at: '2026-12-20T04:00:00.000Z', reason: 'x' });
    moving.now = new Date(moving.now.getTime() + 5_001);
    expect((await get(app, '/rows/transactions', { 'x-api-key': key })).status).toBe(403);
  });

  it('in the whole API, a keyed metadata call is audited without rows', async () => {
    const store = new MemoryGrantStore();
    const { key, grant } = await issuedGrant(store, 'transactions', ['amount']);
    const api = createApi(testApiDeps({ grants: store, datasets: async () => DATASETS, now: () => clock.now }));
    expect((await api.request('https://data.example/v1/datasets', { headers: { 'x-api-key': key } })).status).toBe(200);
    expect(store.audited).toEqual([
      { keyId: grant.keyId, grantId: grant.id, route: '/v1/datasets', fields: [], rows: 0, at: clock.now.toISOString(), status: 200 },
    ]);
  });
});
