import { readFile, writeFile } from 'node:fs/promises';
import { generateFeedKeySet, parseKeySet, publicSetOf, type PrivateKeySet } from '../feeds/feed-keys.js';
import type { PublicSigningJwk, SigningKeys } from '../ports/signing-keys.js';

/** Where the local stack keeps its feed signing keys, inside the state directory. */
export const FEED_KEYS_FILE = 'feed-signing-keys.json';

/**
 * The local stack's feed signing keys: a key set in a file only its owner may read (0600),
 * generated the first time it is needed and the same across restarts, so signatures stay
 * verifiable.
 */
export class FileSigningKeys implements SigningKeys {
  private loading: Promise<PrivateKeySet> | undefined;

  constructor(private readonly path: string) {}

  async publicJwks(): Promise<{ readonly keys: readonly PublicSigningJwk[] }> {
    return publicSetOf(await this.keySet(), this.path);
  }

  /** The private key set, for the feed signer. */
  keySet(): Promise<PrivateKeySet> {
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  private async load(): Promise<PrivateKeySet> {
    const existing = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (existing !== undefined) return parseKeySet(existing, this.path);
    const created = await generateFeedKeySet();
    try {
      // `wx`: if another process created it meanwhile, its keys win and are read back.
      await writeFile(this.path, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      return created;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return parseKeySet(await readFile(this.path, 'utf8'), this.path);
    }
  }
}
