import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { PublicSigningJwk } from '../ports/signing-keys.js';

/**
 * Feed signing key sets as stored (a local 0600 file, a Secrets Manager secret):
 * `{ "keys": [<private Ed25519 JWK>, …] }`, newest first, each with its `kid`.
 */
export interface PrivateKeySet {
  readonly keys: readonly JWK[];
}

/** A new key set holding one Ed25519 key pair, its kid the RFC 7638 thumbprint. */
export async function generateFeedKeySet(): Promise<PrivateKeySet> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { keys: [{ ...jwk, kid, use: 'sig', alg: 'EdDSA' }] };
}

/** Only the public members of a private Ed25519 JWK: named here one by one, so `d` cannot slip through. */
export async function publicJwkOf(jwk: JWK, where: string): Promise<PublicSigningJwk> {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || jwk.x === '')
    throw new Error(`${where}: every key must be an Ed25519 JWK (kty OKP, crv Ed25519, x)`);
  const kid = typeof jwk.kid === 'string' && jwk.kid !== '' ? jwk.kid : await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk.x });
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid, use: 'sig', alg: 'EdDSA' };
}

/** A stored key set read back, refused (naming where it came from) when it is not one. */
export function parseKeySet(text: string, where: string): PrivateKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${where}: not JSON; expected { "keys": [<Ed25519 JWK>, …] }`);
  }
  const keys = typeof parsed === 'object' && parsed !== null ? (parsed as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((k) => typeof k === 'object' && k !== null))
    throw new Error(`${where}: expected { "keys": [<Ed25519 JWK>, …] } with at least one key`);
  return { keys: keys as JWK[] };
}

/** The public JWK set of a stored key set. */
export async function publicSetOf(set: PrivateKeySet, where: string): Promise<{ keys: PublicSigningJwk[] }> {
  return { keys: await Promise.all(set.keys.map((k) => publicJwkOf(k, where))) };
}
