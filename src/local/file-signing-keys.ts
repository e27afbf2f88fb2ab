import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { generateFeedKeySet, parseKeySet, publicSetOf, type PrivateKeySet } from '../feeds/feed-keys.js';
import { rotate, type Rotation } from '../feeds/key-rotation.js';
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

  /**
   * A new signing key first, the previous ones kept (src/feeds/key-rotation.ts). The file is
   * replaced whole (written aside at 0600, then renamed), so a reader never sees half of it.
   */
  async rotate(): Promise<Rotation> {
    const current = await this.read();
    const rotation = rotate(current ?? { keys: [] }, (await generateFeedKeySet()).keys[0]!);
    const aside = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(aside, `${JSON.stringify(rotation.set, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      await rename(aside, this.path);
    } finally {
      await rm(aside, { force: true });
    }
    this.loading = Promise.resolve(rotation.set);
    return rotation;
  }

  private async read(): Promise<PrivateKeySet | undefined> {
    const existing = await readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    return existing === undefined ? undefined : parseKeySet(existing, this.path);
  }

  private async load(): Promise<PrivateKeySet> {
    const existing = await this.read();
    if (existing !== undefined) return existing;
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
