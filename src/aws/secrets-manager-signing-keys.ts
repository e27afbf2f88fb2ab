import { GetSecretValueCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { generateFeedKeySet, parseKeySet, publicSetOf, type PrivateKeySet } from '../feeds/feed-keys.js';
import { rotate, type Rotation } from '../feeds/key-rotation.js';
import type { PublicSigningJwk, SigningKeys } from '../ports/signing-keys.js';

/** The variable naming the secret that holds the feed signing keys, and the name it has when unset. */
export const FEED_KEYS_SECRET_VAR = 'TONGYUAN_FEED_KEYS_SECRET';
export const DEFAULT_FEED_KEYS_SECRET = 'feed-signing-keys';

/** Reads a Secrets Manager secret's string (Powertools Parameters' getSecret, cached, in production). */
export type SecretReader = (secretId: string) => Promise<string | undefined>;
/** Stores a new version of a secret's string (PutSecretValue); only key rotation writes. */
export type SecretWriter = (secretId: string, text: string) => Promise<void>;

/** Reads a secret afresh, uncached: rotation must start from the current set, not a cached one. */
export const secretsManagerReader =
  (client: SecretsManagerClient): SecretReader =>
  async (secretId) =>
    (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;

export const secretsManagerWriter =
  (client: SecretsManagerClient): SecretWriter =>
  async (secretId, text) =>
    void (await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: text })));

const ROTATE_HINT = 'run `tongyuan feeds rotate-key` to create the first key';

/**
 * Feed signing keys in AWS: the private key set is the secret `secretId`
 * (`{ "keys": [<Ed25519 JWK>, …] }`); only its public members are ever returned.
 */
export class SecretsManagerSigningKeys implements SigningKeys {
  constructor(
    private readonly readSecret: SecretReader,
    private readonly secretId: string,
    private readonly writeSecret?: SecretWriter,
  ) {}

  async publicJwks(): Promise<{ readonly keys: readonly PublicSigningJwk[] }> {
    return publicSetOf(await this.keySet(), `secret "${this.secretId}"`);
  }

  /** The private key set, for the feed signer; refused, naming the secret, when it holds no key. */
  async keySet(): Promise<PrivateKeySet> {
    const where = `secret "${this.secretId}"`;
    const set = await this.stored();
    if (set.keys.length === 0) throw new Error(`${where} holds no feed signing keys: ${ROTATE_HINT}`);
    return set;
  }

  /** A new signing key first, the previous ones kept; on the secret as created (`{"keys":[]}`), the first key. */
  async rotate(): Promise<Rotation> {
    if (!this.writeSecret) throw new Error(`secret "${this.secretId}": these signing keys were opened read-only`);
    const rotation = rotate(await this.stored(), (await generateFeedKeySet()).keys[0]!);
    await this.writeSecret(this.secretId, JSON.stringify(rotation.set));
    return rotation;
  }

  /** The set as stored, empty when the secret is unset or holds `{"keys":[]}`. */
  private async stored(): Promise<PrivateKeySet> {
    const where = `secret "${this.secretId}"`;
    const text = await this.readSecret(this.secretId);
    if (text === undefined || text === '') return { keys: [] };
    const empty = (() => {
      try {
        const parsed = JSON.parse(text) as { keys?: unknown };
        return Array.isArray(parsed.keys) && parsed.keys.length === 0;
      } catch {
        return false;
      }
    })();
    return empty ? { keys: [] } : parseKeySet(text, where);
  }
}
