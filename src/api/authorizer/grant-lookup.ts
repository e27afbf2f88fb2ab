import type { Grant } from '../../ports/grant-store.js';

/**
 * The one question the authorizer asks of the grants table: which grant, if any, a key's
 * hash belongs to. The grant store (src/ports/grant-store.ts) answers it; this narrow view
 * keeps the authorizer's bundle and its tests free of everything else the store does.
 */
export interface GrantLookup {
  /** The grant whose API key hashes to `keyHash` (sha256, lowercase hex), active or not; undefined for an unknown hash. */
  grantByKeyHash(keyHash: string): Promise<Grant | undefined>;
}
