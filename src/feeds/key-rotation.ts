import type { JWK } from 'jose';
import type { PrivateKeySet } from './feed-keys.js';

/** Keys kept after the newest: signatures made under them (events in flight, replays of old ones) still verify. */
export const MAX_PREVIOUS_KEYS = 3;

export interface Rotation {
  readonly set: PrivateKeySet;
  /** The new signing key's kid. */
  readonly kid: string;
  /** Kids of the keys that fell out of the set. */
  readonly retired: readonly string[];
}

/** Puts `key` first (it signs from now on) and keeps at most `keep` of the keys before it, newest first. Pure. */
export function rotate(set: PrivateKeySet, key: JWK, keep: number = MAX_PREVIOUS_KEYS): Rotation {
  if (typeof key.kid !== 'string' || key.kid === '') throw new Error('key rotation: the new key has no kid');
  const previous = set.keys.filter((k) => k.kid !== key.kid);
  return {
    set: { keys: [key, ...previous.slice(0, keep)] },
    kid: key.kid,
    retired: previous.slice(keep).map((k) => String(k.kid ?? '')),
  };
}
