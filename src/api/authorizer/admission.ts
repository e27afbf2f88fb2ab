import type { Bilingual } from '../problem.js';
import type { GrantLookup } from './grant-lookup.js';
import { keyHashOf, presentedKey, type RequestHeaders } from './presented-key.js';

/**
 * What API Gateway is told to do with one request.
 * - `allow`: let it through, counted against the usage plan of the API key `usageKey`.
 * - `unauthorized`: 401, the key is malformed or belongs to no grant.
 * - `deny`: 403, the key's grant exists but is revoked or expired; `detail` says which.
 */
export type Admission =
  | { readonly effect: 'allow'; readonly usageKey: string; readonly caller: 'anonymous' }
  | { readonly effect: 'allow'; readonly usageKey: string; readonly caller: 'grant'; readonly grantId: string }
  | { readonly effect: 'unauthorized'; readonly reason: string }
  | { readonly effect: 'deny'; readonly reason: 'revoked' | 'expired'; readonly grantId: string; readonly detail: Bilingual };

export interface AdmissionDeps {
  readonly grants: GrantLookup;
  /**
   * The value of the API key in the `anonymous` usage plan: every caller without a key is
   * counted against it, so anonymous traffic shares one throttle.
   */
  readonly anonymousUsageKey: string;
  readonly now: () => Date;
}

/**
 * The gateway's first look at a request. It refuses only what is certainly bad and lets the
 * API function decide the rest (whether the grant covers the dataset, its fields, its daily
 * quota): that function checks the key again on every request, so nothing passes on this
 * decision alone.
 */
export async function admit(headers: RequestHeaders, deps: AdmissionDeps): Promise<Admission> {
  const presented = presentedKey(headers);
  if (presented.kind === 'none') return { effect: 'allow', usageKey: deps.anonymousUsageKey, caller: 'anonymous' };
  if (presented.kind === 'malformed') return { effect: 'unauthorized', reason: presented.reason };

  const keyHash = keyHashOf(presented.key);
  const grant = await deps.grants.grantByKeyHash(keyHash);
  if (!grant) return { effect: 'unauthorized', reason: 'no grant has this key' };
  if (grant.status === 'revoked')
    return { effect: 'deny', reason: 'revoked', grantId: grant.id, detail: { zh: '该密钥的授权已被撤销', en: 'the grant of this key has been revoked' } };
  const expiresAt = Date.parse(grant.expiresAt);
  // An unreadable expiry is treated as past: the authorizer fails closed.
  if (!(expiresAt > deps.now().getTime()))
    return { effect: 'deny', reason: 'expired', grantId: grant.id, detail: { zh: '该密钥的授权已过期', en: 'the grant of this key has expired' } };
  // API Gateway's API key for a grant has the key's hash as its value (see UsagePlanKeys).
  return { effect: 'allow', usageKey: keyHash, caller: 'grant', grantId: grant.id };
}
