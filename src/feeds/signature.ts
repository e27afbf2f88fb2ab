import { createLocalJWKSet, flattenedVerify, FlattenedSign, importJWK, type JSONWebKeySet, type JWK } from 'jose';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;
import type { FeedSigner } from '../ports/signing-keys.js';
import { jcs } from './canonical.js';
import type { PrivateKeySet } from './feed-keys.js';

const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** Signs with the newest key of a private set (RFC 7515 Appendix F: the payload is left out of the compact form). */
export class JwkFeedSigner implements FeedSigner {
  private key: Promise<{ readonly kid: string; readonly key: SigningKey }> | undefined;

  constructor(private readonly keySet: () => Promise<PrivateKeySet>) {}

  async signDetached(payload: Uint8Array): Promise<string> {
    this.key ??= this.keySet().then(async (set) => {
      const newest: JWK | undefined = set.keys[0];
      if (!newest?.kid) throw new Error('feed signing keys: the newest key has no kid');
      return { kid: newest.kid, key: await importJWK(newest, 'EdDSA') };
    });
    const { kid, key } = await this.key;
    const jws = await new FlattenedSign(payload).setProtectedHeader({ alg: 'EdDSA', kid }).sign(key);
    return `${jws.protected}..${jws.signature}`;
  }
}

export type SignatureCheck = { readonly valid: true; readonly kid: string } | { readonly valid: false; readonly reason: string };

/**
 * Checks an event's `signature` against a JWK set: the detached JWS must verify over the
 * JCS form of the event without `signature`, with a key of the set named by its `kid`.
 */
export async function verifyEventSignature(event: Readonly<Record<string, unknown>>, jwks: JSONWebKeySet): Promise<SignatureCheck> {
  const { signature, ...unsigned } = event;
  if (typeof signature !== 'string') return { valid: false, reason: 'the event has no signature' };
  const [protectedHeader, empty, sig] = signature.split('.');
  if (protectedHeader === undefined || empty !== '' || sig === undefined) return { valid: false, reason: 'the signature is not a detached compact JWS' };
  try {
    const result = await flattenedVerify(
      { protected: protectedHeader, payload: b64url(new TextEncoder().encode(jcs(unsigned))), signature: sig },
      createLocalJWKSet(jwks),
      { algorithms: ['EdDSA'] },
    );
    return { valid: true, kid: String(result.protectedHeader?.kid ?? '') };
  } catch (error) {
    return { valid: false, reason: (error as Error).message };
  }
}
