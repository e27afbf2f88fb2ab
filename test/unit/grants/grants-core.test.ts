import { describe, expect, it } from 'vitest';
import type { DatasetConfig } from '../../../src/config/catalog.js';
import { generateApiKey, hashApiKey, keyIdOf } from '../../../src/grants/api-key.js';
import { contentProblems, shapeProblems } from '../../../src/grants/application.js';
import { chinaMidnight, endOfChinaDay, secondsUntilNextChinaDay } from '../../../src/grants/china-day.js';
import { approveApplication, rejectApplication, revokeGrant, type DecisionDeps } from '../../../src/grants/decisions.js';
import { GrantStateError, type Grant, type UsagePlanKeys } from '../../../src/ports/grant-store.js';
import type { ApplicationRequest } from '../../../src/generated/application-request.types.js';
import { DATASET_DEFAULTS } from '../../support/dataset-config.js';
import { submitted } from '../../support/grants.js';
import { MemoryGrantStore } from '../../support/memory-grant-store.js';

const dataset = {
  ...DATASET_DEFAULTS,
  id: 'transactions',
  recordType: 'enforcement-decision',
  fields: ['decisionNumber', 'partyName', 'amount'],
} satisfies DatasetConfig;

describe('API keys', () => {
  it('are ty_<16 hex>_<43 base64url>, different each time, kept as the sha256 hex of the whole key', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^ty_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.key.slice(3, 19)).toBe(a.keyId);
    expect(a.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(a.key)).toBe(a.keyHash);
    expect(a.keyHash).not.toContain(a.key.slice(20));
  });

  it('parse only in their format', () => {
    const { key, keyId } = generateApiKey();
    expect(keyIdOf(key)).toBe(keyId);
    for (const bad of ['', 'ty_', key.toUpperCase(), `${key}x`, key.slice(0, -1), key.replace('ty_', 'tx_'), 'Bearer abc'])
      expect(keyIdOf(bad)).toBeUndefined();
  });
});

describe('China days', () => {
  it('begin at 16:00 UTC the day before; the quota resets at the next one', () => {
    expect(chinaMidnight('2026-12-02').toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(endOfChinaDay('2027-06-30')).toBe('2027-06-30T15:59:59.999Z');
    expect(secondsUntilNextChinaDay(new Date('2026-12-01T15:59:00.000Z'))).toBe(60);
    expect(secondsUntilNextChinaDay(new Date('2026-12-01T16:00:00.000Z'))).toBe(86_400);
  });
});

describe('an application against its dataset', () => {
  const now = new Date('2026-12-01T02:00:00.000Z');
  const request: ApplicationRequest = {
    applicant: { name: '李四', organization: '某大学', email: 'li@example.cn' },
    datasetId: 'transactions',
    fields: ['partyName', 'decisionNumber'],
    useScenario: '研究产权交易的价格形成机制',
    period: { from: '2026-12-01', to: '2027-11-30' },
  };

  it('names each field the schema refuses', () => {
    const problems = shapeProblems({
      ...request,
      applicant: { name: '', organization: 'x', email: 'not-mail' },
      useScenario: '太短',
      extra: 1,
      period: { from: '2026-13-01' },
    });
    expect(Array.isArray(problems) ? problems.map((p) => p.name).sort() : problems).toEqual([
      'applicant.email',
      'applicant.name',
      'extra',
      'period.from',
      'period.to',
      'useScenario',
    ]);
  });

  it('accepts released fields of a restricted dataset within a year', () => {
    expect(shapeProblems(request)).toEqual(request);
    expect(contentProblems(request, { dataset, category: 'restricted' }, now)).toEqual([]);
  });

  it('refuses an open dataset, unknown datasets and fields, and bad periods, naming the field', () => {
    expect(contentProblems(request, { dataset, category: 'open' }, now)).toEqual([{ name: 'datasetId', reason: expect.stringContaining('无需申请') }]);
    expect(contentProblems(request, undefined, now).map((p) => p.name)).toEqual(['datasetId']);
    expect(contentProblems({ ...request, fields: ['partyName', 'secret'] }, { dataset, category: 'restricted' }, now).map((p) => p.name)).toEqual([
      'fields[1]',
    ]);
    const period = (from: string, to: string) =>
      contentProblems({ ...request, period: { from, to } }, { dataset, category: 'restricted' }, now).map((p) => p.name);
    expect(period('2026-11-30', '2027-01-01')).toEqual(['period.from']);
    expect(period('2026-12-05', '2026-12-05')).toEqual(['period.to']);
    expect(period('2026-12-05', '2027-12-06')).toEqual(['period.to']);
    expect(period('2026-12-05', '2027-12-05')).toEqual([]);
  });
});

describe('decisions', () => {
  function deps() {
    const store = new MemoryGrantStore();
    const plan: string[] = [];
    const usagePlanKeys: UsagePlanKeys = {
      enable: async (keyHash: string, grant: Grant) => void plan.push(`+${keyHash}:${grant.id}`),
      disable: async (keyHash: string) => void plan.push(`-${keyHash}`),
    };
    const decision: DecisionDeps = { store, usagePlanKeys, operator: 'wang', now: new Date('2026-12-02T00:00:00.000Z') };
    return { store, plan, decision };
  }

  it('approval makes a grant ending with the period, a key stored as its hash, and joins the usage plan', async () => {
    const { store, plan, decision } = deps();
    const application = await submitted(store, 'transactions', ['partyName']);
    const { grant, key } = await approveApplication(decision, application.id, { quotaPerDay: 50 });
    expect(grant).toMatchObject({
      applicationId: application.id,
      datasetId: 'transactions',
      fields: ['partyName'],
      quotaPerDay: 50,
      status: 'active',
      maskingProfile: 'standard',
    });
    expect(grant.expiresAt).toBe('2027-06-30T15:59:59.999Z');
    expect(await store.grantByKeyHash(hashApiKey(key))).toEqual(grant);
    expect([...store.keys.keys()]).toEqual([hashApiKey(key)]);
    expect(JSON.stringify([...store.grants.values(), ...store.applications.values()])).not.toContain(key);
    expect(plan).toEqual([`+${hashApiKey(key)}:${grant.id}`]);
    expect((await store.getApplication(application.id))?.status).toBe('approved');
    await expect(approveApplication(decision, application.id)).rejects.toBeInstanceOf(GrantStateError);
    await expect(rejectApplication(decision, application.id, 'no')).rejects.toBeInstanceOf(GrantStateError);
  });

  it('an operator may set the last day; a past one or a bad quota is refused', async () => {
    const { store, decision } = deps();
    const application = await submitted(store, 'transactions', ['partyName']);
    await expect(approveApplication(decision, application.id, { expires: '2026-12-01' })).rejects.toThrow(/past/);
    await expect(approveApplication(decision, application.id, { quotaPerDay: 0 })).rejects.toThrow(/quota/);
    expect((await approveApplication(decision, application.id, { expires: '2026-12-31' })).grant.expiresAt).toBe('2026-12-31T15:59:59.999Z');
  });

  it('rejection keeps its reason; revocation needs one, leaves the usage plan and cannot happen twice', async () => {
    const { store, plan, decision } = deps();
    const rejected = await submitted(store, 'transactions', ['partyName']);
    await expect(rejectApplication(decision, rejected.id, ' ')).rejects.toThrow(/reason/);
    await rejectApplication(decision, rejected.id, '用途与数据不符');
    expect((await store.getApplication(rejected.id))?.decision).toEqual({ by: 'wang', at: '2026-12-02T00:00:00.000Z', reason: '用途与数据不符' });
    const { grant, key } = await approveApplication(decision, (await submitted(store, 'transactions', ['amount'])).id);
    const revoked = await revokeGrant(decision, grant.id, '超范围使用');
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: '超范围使用', revokedAt: '2026-12-02T00:00:00.000Z' });
    expect(plan.at(-1)).toBe(`-${hashApiKey(key)}`);
    await expect(revokeGrant(decision, grant.id, 'again')).rejects.toBeInstanceOf(GrantStateError);
  });
});
