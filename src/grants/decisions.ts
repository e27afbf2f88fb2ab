import { randomUUID } from 'node:crypto';
import { chinaDate, dayNumber } from '../calendar/civil-date.js';
import { GrantStateError, type Decision, type Grant, type GrantRecords, type UsagePlanKeys } from '../ports/grant-store.js';
import { generateApiKey } from './api-key.js';
import { endOfChinaDay } from './china-day.js';

/** Requests per China day a grant allows unless the operator says otherwise. */
export const DEFAULT_QUOTA_PER_DAY = 10_000;

export interface ApprovalOptions {
  readonly quotaPerDay?: number;
  /** The last day of use (YYYY-MM-DD); the application's period end by default. */
  readonly expires?: string;
}

export interface Approved {
  readonly grant: Grant;
  /** The key, to hand to the applicant now: it is stored only as its hash and cannot be shown again. */
  readonly key: string;
}

/** What the decisions write to and who makes them. */
export interface DecisionDeps {
  readonly store: GrantRecords;
  readonly usagePlanKeys: UsagePlanKeys;
  readonly operator: string;
  readonly now: Date;
}

/**
 * Approves a pending application: a grant for its dataset and fields, expiring at the end of
 * its period (or the operator's earlier or later day), a new key stored as its hash and added
 * to the usage plan. The usage plan is joined after the store commits, so a failure there
 * leaves a grant the operator can revoke, never a key in the plan without a grant.
 */
export async function approveApplication(deps: DecisionDeps, applicationId: string, options: ApprovalOptions = {}): Promise<Approved> {
  const application = await deps.store.getApplication(applicationId);
  if (!application) throw new GrantStateError(`no application "${applicationId}"`);
  if (application.status !== 'pending') throw new GrantStateError(`application ${applicationId} is already ${application.status}`);
  const quotaPerDay = options.quotaPerDay ?? DEFAULT_QUOTA_PER_DAY;
  if (!Number.isInteger(quotaPerDay) || quotaPerDay < 1)
    throw new RangeError(`quota must be a whole number of requests per day, at least 1; got ${quotaPerDay}`);
  const lastDay = options.expires ?? application.period.to;
  if (dayNumber(lastDay) < dayNumber(chinaDate(deps.now))) throw new RangeError(`expiry ${lastDay} is already past`);
  const { key, keyId, keyHash } = generateApiKey();
  const at = deps.now.toISOString();
  const grant: Grant = {
    id: randomUUID(),
    applicationId,
    datasetId: application.datasetId,
    fields: application.fields,
    maskingProfile: 'standard',
    expiresAt: endOfChinaDay(lastDay),
    status: 'active',
    quotaPerDay,
    keyId,
    createdAt: at,
  };
  await deps.store.approve(applicationId, { by: deps.operator, at }, grant, keyHash);
  await deps.usagePlanKeys.enable(keyHash, grant);
  return { grant, key };
}

export async function rejectApplication(deps: DecisionDeps, applicationId: string, reason: string): Promise<void> {
  if (reason.trim() === '') throw new RangeError('a rejection needs a reason: the applicant reads it');
  const decision: Decision = { by: deps.operator, at: deps.now.toISOString(), reason };
  await deps.store.reject(applicationId, decision);
}

/** Revokes a grant: the store first (the API refuses the key within its cache bound), then the usage plan. */
export async function revokeGrant(deps: DecisionDeps, grantId: string, reason: string): Promise<Grant> {
  if (reason.trim() === '') throw new RangeError('a revocation needs a reason: it is kept with the grant');
  const { grant, keyHash } = await deps.store.revoke(grantId, { by: deps.operator, at: deps.now.toISOString(), reason });
  await deps.usagePlanKeys.disable(keyHash);
  return grant;
}
