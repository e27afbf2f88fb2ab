import type { Grant, GrantRecords } from '../../ports/grant-store.js';

/**
 * How long a key's grant (or its absence) is reused before the store is asked again: the bound
 * on how late a revocation or a new approval takes effect on a running API instance.
 */
export const GRANT_CACHE_MS = 5_000;
/** Entries kept at most; the oldest go first (keys are few, and an attacker's random keys must not grow memory). */
const MAX_ENTRIES = 1_000;

/** The grant a key hash reaches, cached for GRANT_CACHE_MS at most. */
export function cachedGrantLookup(
  store: Pick<GrantRecords, 'grantByKeyHash'>,
  now: () => Date,
  ttlMs = GRANT_CACHE_MS,
): (keyHash: string) => Promise<Grant | undefined> {
  const cache = new Map<string, { readonly grant: Grant | undefined; readonly until: number }>();
  return async (keyHash) => {
    const at = now().getTime();
    const hit = cache.get(keyHash);
    if (hit && hit.until > at) return hit.grant;
    const grant = await store.grantByKeyHash(keyHash);
    cache.delete(keyHash);
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(keyHash, { grant, until: at + ttlMs });
    return grant;
  };
}
