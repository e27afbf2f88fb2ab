import { randomUUID } from 'node:crypto';
import { generateApiKey } from '../../src/grants/api-key.js';
import type { Application, Grant, GrantRecords } from '../../src/ports/grant-store.js';

export interface IssuedGrant {
  readonly key: string;
  readonly keyHash: string;
  readonly grant: Grant;
  readonly application: Application;
}

/** An application for a dataset's fields, stored pending. */
export async function submitted(
  store: GrantRecords,
  datasetId: string,
  fields: readonly string[],
  submittedAt = '2026-12-01T00:00:00.000Z',
): Promise<Application> {
  const application: Application = {
    id: randomUUID(),
    applicant: { name: '张三', organization: '绍兴市某研究院', email: 'zhang@example.cn', phone: '0575-88888888' },
    datasetId,
    fields,
    useScenario: '用于区域营商环境研究的统计分析',
    period: { from: '2026-12-01', to: '2027-06-30' },
    submittedAt,
    status: 'pending',
  };
  await store.putApplication(application);
  return application;
}

/** A grant as an approval makes it, written straight to the store: optionally already expired or revoked. */
export async function issuedGrant(
  store: GrantRecords,
  datasetId: string,
  fields: readonly string[],
  options: { readonly expiresAt?: string; readonly quotaPerDay?: number; readonly revoked?: boolean } = {},
): Promise<IssuedGrant> {
  const application = await submitted(store, datasetId, fields);
  const { key, keyId, keyHash } = generateApiKey();
  const grant: Grant = {
    id: randomUUID(),
    applicationId: application.id,
    datasetId,
    fields,
    maskingProfile: 'standard',
    expiresAt: options.expiresAt ?? '2027-06-30T15:59:59.999Z',
    status: 'active',
    quotaPerDay: options.quotaPerDay ?? 1000,
    keyId,
    createdAt: '2026-12-01T01:00:00.000Z',
  };
  await store.approve(application.id, { by: 'operator', at: grant.createdAt }, grant, keyHash);
  if (!options.revoked) return { key, keyHash, grant, application };
  const revoked = await store.revoke(grant.id, { by: 'operator', at: '2026-12-10T02:00:00.000Z', reason: 'misuse' });
  return { key, keyHash, grant: revoked.grant, application };
}
