import { parseKeySet, publicSetOf, type PrivateKeySet } from '../feeds/feed-keys.js';
import type { PublicSigningJwk, SigningKeys } from '../ports/signing-keys.js';

/** The variable naming the secret that holds the feed signing keys, and the name it has when unset. */
export const FEED_KEYS_SECRET_VAR = 'TONGYUAN_FEED_KEYS_SECRET';
export const DEFAULT_FEED_KEYS_SECRET = 'feed-signing-keys';

/** Reads a Secrets Manager secret's string (Powertools Parameters' getSecret, cached, in production). */
export type SecretReader = (secretId: string) => Promise<string | undefined>;

/**
 * Feed signing keys in AWS: the private key set is the secret `secretId`
 * (`{ "keys": [<Ed25519 JWK>, …] }`); only its public members are ever returned.
 */
export class SecretsManagerSigningKeys implements SigningKeys {
  constructor(
    private readonly readSecret: SecretReader,
    private readonly secretId: string,
  ) {}

  async publicJwks(): Promise<{ readonly keys: readonly PublicSigningJwk[] }> {
    return publicSetOf(await this.keySet(), `secret "${this.secretId}"`);
  }

  /** The private key set, for the feed signer; refused, naming the secret, when it holds no key. */
  async keySet(): Promise<PrivateKeySet> {
    const where = `secret "${this.secretId}"`;
    const text = await this.readSecret(this.secretId);
    if (text === undefined || text === '') throw new Error(`${where} holds no feed signing keys`);
    return parseKeySet(text, where);
  }
}
