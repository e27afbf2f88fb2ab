/**
 * Release files fetched once into a local directory for DuckDB (under /tmp in Lambda, under the
 * state directory locally): releases are immutable, so a cached file is never fetched again.
 * The Parquet files use the layout of `tongyuan query`'s cache (src/query/release-cache.ts), so
 * the two can share one directory. A download lands under a temporary name, is checked against
 * the release's SHA-256 and only then renamed; concurrent requests for one file share one fetch.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectStreamReader } from '../../ports/index.js';
import type { ReleaseFile } from '../../publish/release.js';
import { cachedPath, parseReleaseParquetKey } from '../../query/release-cache.js';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** The local path of a release file in the cache: `tongyuan query`'s layout for Parquet, by content otherwise. */
export function cachePathOf(cacheDir: string, file: ReleaseFile): string {
  const parquet = parseReleaseParquetKey(file.key);
  return parquet ? cachedPath(cacheDir, parquet) : join(cacheDir, 'files', `${file.sha256}-${file.name}`);
}

export class ReleaseFileCache {
  private readonly fetching = new Map<string, Promise<string>>();

  constructor(
    private readonly objects: ObjectStreamReader,
    readonly dir: string,
  ) {}

  /** The file's local path, fetched from the bucket the first time. */
  localPath(file: ReleaseFile): Promise<string> {
    const path = cachePathOf(this.dir, file);
    let pending = this.fetching.get(path);
    if (!pending) {
      pending = this.fetch(file, path).finally(() => this.fetching.delete(path));
      this.fetching.set(path, pending);
    }
    return pending;
  }

  /** A file this cache builds itself from a release (e.g. its record ids), made once by `make(partialPath)`. */
  async derived(name: string, make: (partialPath: string) => Promise<void>): Promise<string> {
    const path = join(this.dir, 'derived', name);
    let pending = this.fetching.get(path);
    if (!pending) {
      pending = (async () => {
        if (await exists(path)) return path;
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        const partial = `${path}.partial`;
        try {
          await make(partial);
          await rename(partial, path);
        } finally {
          await rm(partial, { force: true });
        }
        return path;
      })().finally(() => this.fetching.delete(path));
      this.fetching.set(path, pending);
    }
    return pending;
  }

  private async fetch(file: ReleaseFile, path: string): Promise<string> {
    if (await exists(path)) return path;
    const object = await this.objects.getStream(file.key);
    if (!object) throw new Error(`release file ${file.key} is missing from the bucket`);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const partial = `${path}.partial`;
    const hash = createHash('sha256');
    const digest = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(object.body), digest, createWriteStream(partial, { mode: 0o600 }));
      const sha256 = hash.digest('hex');
      if (sha256 !== file.sha256) throw new Error(`release file ${file.key} has SHA-256 ${sha256}, not the release's ${file.sha256}`);
      await rename(partial, path);
    } finally {
      await rm(partial, { force: true });
    }
    return path;
  }
}
