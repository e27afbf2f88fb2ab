import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys: `ty_<keyId>_<secret>`, keyId 16 lowercase hex digits (public: audited, shown to
 * operators), secret 43 base64url characters (32 random bytes). Only sha256(key) is stored, so
 * a leaked table holds no usable key; the key itself is shown once, at approval.
 */
const KEY_SHAPE = /^ty_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  /** The whole key, to hand to the grant holder once; never stored. */
  readonly key: string;
  readonly keyId: string;
  /** sha256 of the whole key, lowercase hex: what the store keeps. */
  readonly keyHash: string;
}

export function generateApiKey(): NewApiKey {
  const keyId = randomBytes(8).toString('hex');
  const key = `ty_${keyId}_${randomBytes(32).toString('base64url')}`;
  return { key, keyId, keyHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The key's id when it has the key format, else undefined (a malformed key). */
export function keyIdOf(key: string): string | undefined {
  return KEY_SHAPE.exec(key)?.[1];
}
