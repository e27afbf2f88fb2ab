import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DynamoGrantStore } from '../../../src/aws/dynamo-grant-store.js';
import { GrantStateError } from '../../../src/ports/grant-store.js';
import { useSharedAws, uniqueSuffix, type SharedAws } from '../../support/aws.js';
import { issuedGrant, submitted } from '../../support/grants.js';

describe('the DynamoDB grant store on the emulator', () => {
  let shared: SharedAws;
  let store: DynamoGrantStore;
  beforeAll(async () => {
    shared = await useSharedAws();
    store = shared.app.grantStore();
  });

  it('stores applications once, lists them by status, approves one into a grant reached by its key hash', async () => {
    const dataset = `d-${uniqueSuffix()}`;
    const application = await submitted(store, dataset, ['amount'], '2026-12-01T00:00:00.000Z');
    await expect(store.putApplication(application)).rejects.toThrow();
    expect(await store.getApplication(application.id)).toEqual(application);
    expect((await store.listApplications('pending')).map((a) => a.id)).toContain(application.id);
    const { grant, keyHash, application: approved } = await issuedGrant(store, dataset, ['amount', 'partyName']);
    expect(await store.grantByKeyHash(keyHash)).toEqual(grant);
    expect(await store.grantForApplication(approved.id)).toEqual(grant);
    expect(await store.getApplication(approved.id)).toMatchObject({ status: 'approved', grantId: grant.id, decision: { by: 'operator' } });
    expect((await store.listApplications('approved')).map((a) => a.id)).toContain(approved.id);
    expect((await store.listApplications('pending')).map((a) => a.id)).not.toContain(approved.id);
    expect((await store.listGrants('active')).map((g) => g.id)).toContain(grant.id);
    expect(await store.grantByKeyHash('0'.repeat(64))).toBeUndefined();
    await expect(store.approve(approved.id, { by: 'x', at: '2026-12-02T00:00:00.000Z' }, { ...grant, id: 'other' }, 'f'.repeat(64))).rejects.toBeInstanceOf(
      GrantStateError,
    );
    expect(await store.getGrant('other')).toBeUndefined();
  });

  it('rejects only pending applications; revokes only active grants, returning the key hash', async () => {
    const dataset = `d-${uniqueSuffix()}`;
    const pending = await submitted(store, dataset, ['amount']);
    await store.reject(pending.id, { by: 'op', at: '2026-12-02T00:00:00.000Z', reason: '用途不明' });
    expect(await store.getApplication(pending.id)).toMatchObject({ status: 'rejected', decision: { reason: '用途不明' } });
    await expect(store.reject(pending.id, { by: 'op', at: '2026-12-02T00:00:00.000Z' })).rejects.toBeInstanceOf(GrantStateError);
    const { grant, keyHash } = await issuedGrant(store, dataset, ['amount']);
    const revoked = await store.revoke(grant.id, { by: 'op', at: '2026-12-03T00:00:00.000Z', reason: '超范围' });
    expect(revoked).toEqual({ keyHash, grant: { ...grant, status: 'revoked', revokedAt: '2026-12-03T00:00:00.000Z', revokeReason: '超范围' } });
    expect((await store.grantByKeyHash(keyHash))?.status).toBe('revoked');
    expect((await store.listGrants('revoked')).map((g) => g.id)).toContain(grant.id);
    expect((await store.listGrants('active')).map((g) => g.id)).not.toContain(grant.id);
    await expect(store.revoke(grant.id, { by: 'op', at: '2026-12-04T00:00:00.000Z' })).rejects.toBeInstanceOf(GrantStateError);
  });

  it('counts calls per key and China day atomically; keeps the audit trail newest first', async () => {
    const keyId = uniqueSuffix();
    const counts = await Promise.all(Array.from({ length: 20 }, () => store.countCall(keyId, '2026-12-20')));
    expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await store.countCall(keyId, '2026-12-21')).toBe(1);
    const grantId = `g-${uniqueSuffix()}`;
    const entry = { keyId, grantId, route: 'records', fields: ['amount'], rows: 5, status: 200 };
    await store.record({ ...entry, datasetId: 'd', at: '2026-12-20T01:00:00.000Z' });
    await store.record({ ...entry, at: '2026-12-20T02:00:00.000Z', rows: 0, route: '/v1/datasets', fields: [] });
    const trail = await store.trail(grantId);
    expect(trail).toEqual([
      { ...entry, at: '2026-12-20T02:00:00.000Z', rows: 0, route: '/v1/datasets', fields: [] },
      { ...entry, datasetId: 'd', at: '2026-12-20T01:00:00.000Z' },
    ]);
    const counter = await shared.clients.doc.send(
      new GetCommand({ TableName: shared.config.resources.table('access-audit'), Key: { pk: `quota#${keyId}`, sk: 'day#2026-12-20' } }),
    );
    expect(counter.Item).toMatchObject({ calls: 20, expiresAt: Date.parse('2026-12-21T16:00:00.000Z') / 1000 });
  });
});
